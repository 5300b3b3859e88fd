import { describe, expect, it } from 'vitest';
import { judgeLogo, logoEnlargement, logoProblemMessage, MAX_LOGO_ENLARGE } from './logo-image';
import { judgeProductImage, type ImageContent } from './product-image';

const content = (over: Partial<ImageContent>): ImageContent => ({
  width: 600, height: 200, opaqueShare: 0.33, visible: { x: 50, y: 60, w: 500, h: 80 }, spread: 0, colour: '#000080',
  flatShare: 0.9, topColourShare: 1, edgeShare: 0.02, boxShare: 0.33, screenshot: false, crop: null, ...over,
});

describe('judgeLogo', () => {
  it('accepts a one-colour wordmark on transparency (a product image like it is refused as flat)', () => {
    const c = content({});
    expect(judgeProductImage(c).problem?.kind).toBe('flat');
    const v = judgeLogo(c);
    expect(v.problem).toBeNull();
    // 500×80 fills the 16:9 slot (884×140) at 1.75×: accepted, soft.
    expect(logoEnlargement({ w: 500, h: 80 })).toBeCloseTo(1.75, 5);
    expect(v.warnings).toEqual([{ kind: 'low_resolution', side: 500, recommended: 875 }]);
  });

  it('refuses an almost fully transparent logo, a blank one-colour rectangle and a tiny one', () => {
    expect(judgeLogo(content({ opaqueShare: 0.01 })).problem).toEqual({ kind: 'transparent', opaquePercent: 1 });
    expect(judgeLogo(content({ opaqueShare: 1, visible: { x: 0, y: 0, w: 600, h: 200 } })).problem).toEqual({ kind: 'flat', colour: '#000080' });
    const tiny = judgeLogo(content({ spread: 40, visible: { x: 0, y: 0, w: 100, h: 30 } })).problem;
    expect(tiny).toMatchObject({ kind: 'tiny', width: 100, height: 30 });
    expect(logoEnlargement({ w: 100, h: 30 })).toBeGreaterThan(MAX_LOGO_ENLARGE);
    expect(logoProblemMessage('mark.png', tiny!)).toMatch(/100×30 px.*at least \d+ px across/);
  });

  it('takes a sharp logo without a warning (no slot enlarges it past 1.25×)', () => {
    expect(judgeLogo(content({ spread: 40, visible: { x: 0, y: 0, w: 1200, h: 300 } }))).toEqual({ problem: null, warnings: [] });
  });
});
