import { describe, expect, it } from 'vitest';
import { snapFrame } from './beat';
import { beatJoins, type JoinInput } from './joins';
import { rng } from './shots';

const fps = 30;
const input = (bpm: number, offsetS: number, over: Partial<JoinInput> = {}): JoinInput => ({
  // A 30 s ad of five AI clips (6 s scenes, 1 s crossfade handles; the last has none).
  frames: [210, 210, 210, 210, 180],
  available: [300, 300, 300, 300, 300],
  crossfade: 30,
  voiceEnds: [null, null, null, null, null],
  snap: (f, mode) => snapFrame(f, { bpm, offsetS }, fps, mode),
  minFrames: 30,
  ...over,
});
/** Where each scene is fully in (the previous clip's end), and the ad's length. */
function layout(frames: number[], xf: number) {
  const ins: number[] = [];
  let start = 0;
  frames.forEach((f, i) => {
    if (i > 0) ins.push(start + xf);
    start += f - (i < frames.length - 1 ? xf : 0);
  });
  return { ins, total: frames.reduce((s, f) => s + f, 0) - xf * (frames.length - 1) };
}
const onGrid = (f: number, bpm: number, offsetS: number) => {
  const beat = (fps * 60) / bpm;
  const k = (f - offsetS * fps) / beat;
  return Math.abs(k - Math.round(k)) * beat <= 0.5 + 1e-9; // within half a frame
};

describe('scene joins on the beat', () => {
  for (const [bpm, offsetS] of [[90, 0.47], [120, 0.31], [128, 0.28]] as const) {
    it(`${bpm} BPM: every join lands on a beat when the clips have room, and the ad keeps its length`, () => {
      const r = beatJoins(input(bpm, offsetS));
      const { ins, total } = layout(r.frames, 30);
      expect(total).toBe(900);
      expect(r.onBeat).toBe(4);
      for (const f of ins) expect(onGrid(f, bpm, offsetS), `join at ${f}`).toBe(true);
      for (const f of r.frames) expect(f).toBeLessThanOrEqual(300);
      // No join moves more than half a beat… plus what earlier moves carried.
      const before = layout([210, 210, 210, 210, 180], 30).ins;
      ins.forEach((f, i) => expect(Math.abs(f - before[i]!)).toBeLessThanOrEqual((fps * 60) / bpm));
    });
  }

  it('never stretches a clip past its media, never lets the last clip run short, and keeps every voice line before its join', () => {
    const random = rng(11);
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(random() * 6);
      const frames = Array.from({ length: n }, (_, i) => 90 + Math.floor(random() * 200) + (i < n - 1 ? 30 : 0));
      const available = frames.map((f) => f + (random() < 0.5 ? 0 : Math.floor(random() * 40)));
      const voiceEnds = frames.map((f, i) => (random() < 0.3 ? null : Math.max(0, f - (i < n - 1 ? 30 : 0) - 30 - Math.floor(random() * 40) - (i === 0 ? 0 : 30))));
      const bpm = 80 + random() * 60;
      const base = input(bpm, random() * 0.5, { frames, available, voiceEnds });
      const r = beatJoins(base);
      const before = layout(frames, 30);
      const after = layout(r.frames, 30);
      expect(after.total).toBe(before.total);
      r.frames.forEach((f, i) => {
        expect(f, `trial ${trial} clip ${i}`).toBeLessThanOrEqual(available[i]!);
        expect(f).toBeGreaterThanOrEqual(i === 0 || i === n - 1 ? 30 : 60);
      });
      // Each scene's line still ends before the next scene comes in (or the ad ends).
      const ins = [0, ...after.ins];
      voiceEnds.forEach((v, i) => {
        if (v === null) return;
        const next = i < n - 1 ? ins[i + 1]! : after.total;
        const was = i < n - 1 ? [0, ...before.ins][i + 1]! - [0, ...before.ins][i]! : before.total - [0, ...before.ins][i]!;
        if (v <= was) expect(ins[i]! + v, `trial ${trial} scene ${i}`).toBeLessThanOrEqual(next);
      });
    }
  });

  it('leaves a join where it is when no beat fits (no room in the clips)', () => {
    const r = beatJoins(input(128, 0.1, { available: [210, 210, 210, 210, 180], voiceEnds: [175, 175, 175, 175, 145] }));
    expect(layout(r.frames, 30).total).toBe(900);
    expect(r.onBeat).toBeLessThan(4);
  });
});
