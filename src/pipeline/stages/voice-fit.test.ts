import { describe, expect, it } from 'vitest';
import { shortenLine, wordCount } from './copy';
import { lineStart, lineWindows, overflowing, rebalance, wordBudget } from './voice-fit';

describe('voice windows', () => {
  it('gives each line its scene minus the crossfade in, the lead, and (last) the tail', () => {
    // 6 s scenes with 1 s crossfades: the first line has 5.7 s, middle ones 4.7 s, the last 4.4 s.
    expect(lineWindows([6, 6, 6], 1).map((w) => Number(w.toFixed(3)))).toEqual([5.7, 4.7, 4.4]);
    expect(lineStart([6, 6, 6], 0, 1)).toBeCloseTo(0.3);
    expect(lineStart([6, 6, 6], 2, 1)).toBeCloseTo(13.3);
  });

  it('moves whole seconds from lines with room to lines without, keeping the total', () => {
    // The second line needs 6.2 s but has 4.7; scene 1 has 5.7 s for a 2 s line, scene 3 has no line.
    const d = rebalance([6, 6, 6], [2, 6.2, null], 1);
    expect(d.reduce((a, b) => a + b, 0)).toBe(18);
    expect(overflowing(d, [2, 6.2, null], 1)).toEqual([]);
    expect(d[1]).toBe(8);
    expect(Math.min(...d)).toBeGreaterThanOrEqual(3);
  });

  it('never takes a scene below the minimum or a donor below its own line, and says what still overflows', () => {
    const need = [5.5, 9, 4.2];
    const d = rebalance([6, 6, 6], need, 1);
    expect(d).toEqual([6, 6, 6]);
    expect(overflowing(d, need, 1)).toEqual([1]);
    expect(rebalance([3, 3, 9], [null, 4, null], 1)).toEqual([3, 6, 6]);
    // Never past the longest scene the video model covers (Veo: 8 s clips → 7 s scenes).
    expect(rebalance([3, 3, 9], [null, 9, null], 1, 3, 7)).toEqual([3, 7, 5]);
  });

  it('asks for fewer words in proportion to the overrun', () => {
    expect(wordBudget(20, 8, 4)).toBe(9);
    expect(wordBudget(3, 10, 1)).toBe(2);
  });
});

describe('shortenLine', () => {
  it('keeps whole sentences, then clauses, then words, and ends as a sentence', () => {
    expect(shortenLine('Meet Luna Cold Brew. Smooth and organic, steeped for 18 hours.', 4)).toBe('Meet Luna Cold Brew.');
    expect(shortenLine('Smooth, organic cold brew concentrate, steeped for eighteen hours in small batches.', 5)).toBe('Smooth, organic cold brew concentrate.');
    const cut = shortenLine('Handmade ceramic pour-over sets for people who care about every single morning ritual', 6);
    expect(wordCount(cut)).toBeLessThanOrEqual(6);
    expect(cut).toMatch(/\.$/);
    expect(cut).not.toMatch(/…/);
    expect(shortenLine('Short line.', 5)).toBe('Short line.');
  });
});
