import { describe, expect, it } from 'vitest';
import { fitToLength, move } from './sceneMath';

const d = (...xs: number[]) => xs.map((durationSeconds) => ({ durationSeconds }));
const sum = (xs: { durationSeconds: number }[]) => xs.reduce((s, x) => s + x.durationSeconds, 0);

describe('storyboard editor maths', () => {
  it('fits durations to the length within 2–20 s per scene', () => {
    // Later scenes give way first, so the scene just lengthened keeps its new duration.
    expect(fitToLength(d(7, 5, 5), 15).map((s) => s.durationSeconds)).toEqual([7, 4, 4]);
    expect(sum(fitToLength(d(2, 2), 15))).toBe(15);
    expect(fitToLength(d(20, 20, 20, 20), 60).every((s) => s.durationSeconds >= 2 && s.durationSeconds <= 20)).toBe(true);
    expect(sum(fitToLength(d(20, 20, 20, 20), 60))).toBe(60);
    // Impossible (2 scenes cannot make 60 s at 20 s max): it gets as close as the limits allow.
    expect(sum(fitToLength(d(5, 5), 60))).toBe(40);
  });

  it('moves an item and ignores moves off the ends', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
