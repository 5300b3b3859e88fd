import { describe, expect, it } from 'vitest';
import { evenWordTimes } from './ad-text';
import { alignWords } from './word-align';

const line = 'Calm focus, all night long. Lumen cold brew.';

describe('alignWords', () => {
  it("starts the words after a comma and a full stop where the voice resumes (the even split drifts by the pause)", () => {
    const span = { startS: 0.05, endS: 3.2 };
    const pauses = [{ start: 0.7, end: 0.95 }, { start: 1.85, end: 2.2 }];
    const words = alignWords(line, span, pauses);
    expect(words.map((w) => w.text)).toEqual(['Calm', 'focus,', 'all', 'night', 'long.', 'Lumen', 'cold', 'brew.']);
    expect(words[0]!.startS).toBe(0.05);
    expect(words[1]!.endS).toBe(0.7);
    expect(words[2]!.startS).toBe(0.95);
    expect(words[4]!.endS).toBe(1.85);
    expect(words[5]!.startS).toBe(2.2);
    expect(words[7]!.endS).toBe(3.2);
    for (const [i, w] of words.entries()) {
      expect(w.endS).toBeGreaterThan(w.startS);
      if (i) expect(w.startS).toBeGreaterThanOrEqual(words[i - 1]!.endS);
    }
    // What it replaces: "Lumen" evenly placed over the span lands ~0.3 s early.
    const even = evenWordTimes(line, span.endS);
    expect(words[5]!.startS - even[5]!.startS).toBeGreaterThan(0.2);
  });

  it('matches a pause to the nearest punctuation, ignores one far from any word boundary, and copes with none', () => {
    // One pause only, a little off the comma's weighted position: still cut at the comma.
    const one = alignWords(line, { startS: 0, endS: 3 }, [{ start: 0.9, end: 1.1 }]);
    expect(one[2]!.startS).toBe(1.1);
    // No pauses: the syllable split over the audible span, shifted to where the sound starts.
    const none = alignWords('Lumen cold brew', { startS: 0.2, endS: 1.4 }, []);
    expect(none[0]!.startS).toBe(0.2);
    expect(none.at(-1)!.endS).toBe(1.4);
    expect(alignWords('', { startS: 0, endS: 1 }, [])).toEqual([]);
    // Pauses outside the audible span are padding, not cuts.
    expect(alignWords('Lumen cold brew', { startS: 0.2, endS: 1.4 }, [{ start: 0, end: 0.2 }, { start: 1.4, end: 2 }])).toEqual(none);
  });
});
