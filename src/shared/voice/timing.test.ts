import { describe, expect, it } from 'vitest';
import { fitLines, lengthenScene, lineWindows, spokenSeconds } from './timing';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ') + '.';

describe('voice line estimates (issue 19, broken #2)', () => {
  it('a 55-word line in a 5 s scene is flagged with what it needs; a short line fits', () => {
    const scenes = [
      { durationSeconds: 5, voiceover: words(55) },
      { durationSeconds: 5, voiceover: 'Calm focus, all night.' },
      { durationSeconds: 5, voiceover: '' },
    ];
    const [long, short, silent] = fitLines(scenes);
    expect(long).toMatchObject({ seconds: 22, windowSeconds: 4.7, fits: false, sceneSecondsNeeded: 20 });
    // The shorter line fits the scene's window at the natural pace.
    expect(spokenSeconds(long!.shorter!)).toBeLessThanOrEqual(4.7);
    expect(short).toMatchObject({ seconds: 1.6, windowSeconds: 3.7, fits: true, shorter: null });
    expect(silent).toBeNull();
    // Emoji are not spoken.
    expect(spokenSeconds('Good 🙂 coffee ☕')).toBe(2 / 2.5);
  });

  it('lengthening a scene takes the time from scenes with room to spare and keeps the total', () => {
    const scenes = [
      { durationSeconds: 4, voiceover: words(12) }, // 4.8 s in a 3.7 s window
      { durationSeconds: 6, voiceover: 'Two words.' },
      { durationSeconds: 5, voiceover: words(9) }, // 3.6 s in 3.4 s: no room to give
    ];
    const need = fitLines(scenes)[0]!.sceneSecondsNeeded;
    expect(need).toBe(6);
    const out = lengthenScene(scenes, 0, need);
    expect(out.map((s) => s.durationSeconds)).toEqual([6, 4, 5]);
    expect(fitLines(out)[0]!.fits).toBe(true);
    expect(lineWindows([6, 4, 5], 1).map((w) => Math.round(w * 10) / 10)).toEqual([5.7, 2.7, 3.4]);
    // No donor: the scene still grows, and the total goes over (the storyboard says so).
    expect(lengthenScene([{ durationSeconds: 2, voiceover: words(10) }, { durationSeconds: 2, voiceover: '' }], 0, 5).map((s) => s.durationSeconds)).toEqual([5, 2]);
  });
});
