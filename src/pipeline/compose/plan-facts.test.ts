import { describe, expect, it } from 'vitest';
import { compile } from '../../shared/timeline';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import { speechWindows, voiceFactsOf } from './plan-facts';

describe('voiceFactsOf', () => {
  // Scenes of 2 s crossfading 0.5 s: the green scene starts (fading in) at 1.5 s, blue at 3 s.
  const tl = sampleTimeline();
  tl.audio[0]!.clips = [
    { id: 'fits', media: 'voice', start: 0, in: 0, out: 30, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 },
    { id: 'cut', media: 'music', start: 100, in: 0, out: 50, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 },
  ];
  const plan = compile(tl);

  it('counts only audible speech that is not played, and lines running over a cut', () => {
    const facts = voiceFactsOf(plan, {
      // Speech ends at 0.9 s of a 1.2 s file: the clip plays 1 s, so nothing audible is lost.
      voice: { startS: 0.05, endS: 0.9, durationS: 1.2, pauses: [] },
      // Speech runs to 2.1 s of its file; the clip plays 50 frames (1.67 s) from 3.33 s to the
      // ad's end: 0.43 s of speech is never heard. It starts after the last cut (3 s).
      music: { startS: 0, endS: 2.1, durationS: 2.2, pauses: [] },
    });
    expect(facts.lines).toBe(2);
    expect(facts.cutLines).toEqual(['cut']);
    expect(facts.cutSeconds).toBeCloseTo(2.1 - 50 / 30, 3);
    expect(facts.crossingCuts).toEqual([]);
  });

  it('a line that keeps speaking through the next scene cut crosses it', () => {
    const t2 = structuredClone(tl);
    t2.audio[0]!.clips = [{ id: 'long', media: 'voice', start: 15, in: 0, out: 45, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 }];
    const facts = voiceFactsOf(compile(t2), { voice: { startS: 0, endS: 1.4, durationS: 1.5, pauses: [] } });
    expect(facts.crossingCuts).toEqual(['long']);
    // Trailing silence past the cut is not speech.
    expect(voiceFactsOf(compile(t2), { voice: { startS: 0, endS: 0.95, durationS: 1.5, pauses: [] } }).crossingCuts).toEqual([]);
  });

  it('speech windows are the voice clips, merged', () => {
    expect(speechWindows(plan)).toEqual([
      [0, 1],
      [100 / 30, 5],
    ]);
  });
});
