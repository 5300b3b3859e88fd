import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../ffmpeg/binaries';
import { runFfmpeg } from '../ffmpeg/run';
import { isWordmark, judgeLogo, logoEnlargement, logoIsWordmark, logoProblemMessage, MAX_LOGO_ENLARGE } from './logo-image';
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

describe('a wordmark logo (it spells the name: the end card does not print it again)', () => {
  it('is judged by its visible part\'s shape', () => {
    expect(isWordmark(content({ visible: { x: 50, y: 60, w: 500, h: 80 } }))).toBe(true);
    expect(isWordmark(content({ visible: { x: 0, y: 0, w: 300, h: 300 } }))).toBe(false);
    expect(isWordmark(content({ visible: { x: 0, y: 0, w: 400, h: 200 } }))).toBe(false);
    expect(isWordmark(content({ visible: null }))).toBe(false);
  });

  it('reads real PNGs: a wide wordmark is one, a square symbol on the same wide transparent canvas is not', async () => {
    const { ffmpegPath } = resolveBinaries();
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-wordmark-'));
    try {
      // An opaque shape (w×h at x,y) on a 1200×400 transparent canvas.
      const png = async (name: string, w: number, h: number, x: number, y: number) => {
        const file = path.join(dir, name);
        const graph = `color=c=black@0.0:s=1200x400,format=rgba[bg];color=c=0x3B2A20:s=${w}x${h},format=rgba[mark];[bg][mark]overlay=${x}:${y}:format=rgb`;
        await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', graph, '-frames:v', '1'], output: file });
        return file;
      };
      // A line of lettering (1000×160) and a 260×260 symbol, on the same wide canvas.
      expect(await logoIsWordmark(ffmpegPath, await png('word.png', 1000, 160, 100, 120), path.join(dir, 'a.rgba'))).toBe(true);
      expect(await logoIsWordmark(ffmpegPath, await png('mark.png', 260, 260, 470, 70), path.join(dir, 'b.rgba'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
