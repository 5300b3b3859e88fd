/** A variant's or a revision's new line keeps the ad's brand font (issue 22) in its captions. */
import { describe, expect, it } from 'vitest';
import { emptyTimeline, parseTimeline } from '../../shared/timeline';
import { captionItems, evenWordTimes } from '../stages/ad-text';
import { replaceSceneLine, sceneCaptions } from './recut';

describe('replaceSceneLine', () => {
  it.each([['oswald', 'oswald'], [undefined, undefined]] as const)('captions of the new line keep font %s', (font, expected) => {
    const tl = emptyTimeline({ fps: 30 });
    const old = captionItems([{ sceneIndex: 1, text: 'The old line says this', start: 9, words: evenWordTimes('The old line says this', 3) }], { fps: 30, until: 300, portrait: false, accent: '#FFFFFF' });
    tl.overlays.find((o) => o.id === 'captions')!.items.push(...old.map((c) => (font ? { ...c, style: { ...c.style, font } } : c)));
    const parsed = parseTimeline(tl);
    replaceSceneLine(parsed, 1, 'A brand new line for the variant', null, 'voice-1-b', 300, false);
    const caps = sceneCaptions(parsed, 1);
    expect(caps.map((c) => c.text).join(' ')).toBe('A brand new line for the variant');
    for (const c of caps) expect(c.style.font).toBe(expected);
  });
});
