import { describe, expect, it } from 'vitest';
import { renderBed } from '../providers/offline/music-bed';
import { foldTempo, gridOffset, tempoOfSamples } from './tempo';

const mono = (stereo: Float32Array) => {
  const m = new Float32Array(stereo.length / 2);
  for (let i = 0; i < m.length; i++) m[i] = (stereo[2 * i]! + stereo[2 * i + 1]!) / 2;
  return m;
};

describe('tempo', () => {
  it('folds a double or half detection back onto the requested tempo, and leaves others alone', () => {
    expect(foldTempo(240, 120)).toEqual({ bpm: 120, folded: 'halved' });
    expect(foldTempo(60, 120)).toEqual({ bpm: 120, folded: 'doubled' });
    expect(foldTempo(128, 120)).toEqual({ bpm: 128, folded: null });
    expect(foldTempo(240, undefined)).toEqual({ bpm: 240, folded: null });
  });

  it('puts the grid where the beats are, across the wrap of the period', () => {
    expect(gridOffset([0.1, 0.6, 1.1, 1.6], 120)).toBeCloseTo(0.1, 6);
    // Beats jittering around the bar line (0.49 / 0.01) sit at 0, not at the 0.25 average.
    expect(Math.min(gridOffset([0.49, 1.01, 1.49, 2.01], 120), 0.5 - gridOffset([0.49, 1.01, 1.49, 2.01], 120))).toBeLessThan(0.02);
  });

  it('hears the offline bed at the tempo it was made at, for every groove', () => {
    for (const groove of ['half-time', 'backbeat', 'four-on-the-floor'] as const) {
      const t = tempoOfSamples(mono(renderBed({ bpm: 120, seconds: 10, groove, seed: 5 })), 120);
      expect(t.bpm, groove).toBeGreaterThan(119);
      expect(t.bpm, groove).toBeLessThan(121);
      // The bed's first beat is at 0: the grid lands within a detector hop of it.
      expect(Math.min(t.offsetS, 0.5 - t.offsetS), groove).toBeLessThan(0.03);
    }
    const other = tempoOfSamples(mono(renderBed({ bpm: 100, seconds: 10, groove: 'backbeat', seed: 5 })), 100);
    expect(Math.abs(other.bpm - 100)).toBeLessThan(1.5);
  });
});
