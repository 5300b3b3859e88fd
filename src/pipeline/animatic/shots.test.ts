import { describe, expect, it } from 'vitest';
import { planScenes } from '../stages/plan';
import { OFFLINE_BPM, snapToBeat } from './beat';
import { composition, cutFrames, heroFrame, planAnimatic, shotVariety, splitBeats, rng, visibleShots, type AnimaticPlan } from './shots';

const grid = { bpm: OFFLINE_BPM, offsetS: 0 };
function planFor(length: 15 | 30 | 60, seed = 7, images = 2, handleFrames = 0): AnimaticPlan {
  const p = planScenes(length);
  return planAnimatic({ roles: p.roles, durations: p.durations, fps: 30, grid, seed, images, endCardSeconds: 2.8, handleFrames });
}

describe('the animatic shot plan', () => {
  for (const length of [15, 30, 60] as const) {
    it(`${length} s: shots fill every scene exactly, cut on the beat every 1.5–3 s, never two alike in a row`, () => {
      const plan = planFor(length);
      const kinds = plan.scenes.flatMap((s) => s.shots.map((x) => x.kind));
      for (const s of plan.scenes) expect(s.shots.reduce((n, x) => n + x.frames, 0)).toBe(s.frames);
      expect(plan.scenes.reduce((n, s) => n + s.frames, 0)).toBe(length * 30);
      for (const cut of cutFrames(plan)) expect(cut % 15).toBe(0); // 120 BPM at 30 fps: a beat is 15 frames
      const lengths = plan.scenes.flatMap((s) => s.shots.filter((x) => x.kind !== 'field').map((x) => x.frames / 30));
      for (const l of lengths) {
        expect(l).toBeGreaterThanOrEqual(1.5);
        expect(l).toBeLessThanOrEqual(3);
      }
      for (let i = 1; i < kinds.length; i++) expect(kinds[i]).not.toBe(kinds[i - 1]);
      // The hook: the first 2 s are a strong product move, and the product is big inside 2 s.
      expect(plan.hookFrames).toBe(60);
      expect(['pop', 'push', 'slide']).toContain(kinds[0]);
      expect(heroFrame(plan)!).toBeLessThan(60);
      // The end card starts on a beat 2.5–3 s before the end, over a field (no product under it).
      const end = length * 30 - plan.endCardFrame;
      expect(end).toBeGreaterThanOrEqual(75);
      expect(end).toBeLessThanOrEqual(90);
      expect(plan.endCardFrame % 15).toBe(0);
      const last = plan.scenes[plan.scenes.length - 1]!;
      expect(last.shots[last.shots.length - 1]!.kind).toBe('field');
      expect(new Set(kinds).size).toBeGreaterThanOrEqual(length === 15 ? 3 : 5);
    });
  }

  for (const length of [15, 30, 60] as const) {
    it(`${length} s, planned for the whole ad with crossfade handles: the seen shots tile the ad, cut on the beat, never two alike across joins`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const p = planScenes(length);
        const plan = planFor(length, seed, 2, 30);
        plan.scenes.forEach((s, i) => {
          const last = i === plan.scenes.length - 1;
          // Each clip is its scene plus the handle; the next scene's clip starts where this scene ends.
          expect(s.frames).toBe(p.durations[i]! * 30 + (last ? 0 : 30));
          expect(s.clipStart).toBe(p.durations.slice(0, i).reduce((a, b) => a + b, 0) * 30);
          expect(s.lead).toBe(i === 0 ? 0 : 30);
          expect(s.shots.reduce((n, x) => n + x.frames, 0)).toBe(s.frames);
          // The hidden lead is a plain field, never a product shot.
          if (s.lead) expect(s.shots[0]).toMatchObject({ kind: 'field', start: 0, frames: 30 });
        });
        const seen = visibleShots(plan);
        // The seen shots tile the ad without a gap or an overlap.
        expect(seen[0]!.at).toBe(0);
        for (let k = 1; k < seen.length; k++) expect(seen[k]!.at).toBe(seen[k - 1]!.at + seen[k - 1]!.frames);
        expect(seen[seen.length - 1]!.at + seen[seen.length - 1]!.frames).toBe(length * 30);
        for (const cut of cutFrames(plan)) expect(cut % 15).toBe(0);
        // Across scene joins too: no template twice in a row (the field under the end card is last).
        for (let k = 1; k < seen.length; k++) expect(seen[k]!.kind, `seed ${seed} shot ${k}`).not.toBe(seen[k - 1]!.kind);
        expect(seen.filter((x) => x.kind === 'field').length).toBe(1);
        for (const [k, x] of seen.slice(0, -1).entries()) {
          // Only the shot before the end card may be shorter (a 15 s ad's CTA scene is 4 s, 3 of them the end card).
          expect(x.frames).toBeGreaterThanOrEqual(k === seen.length - 2 ? 30 : 45);
          expect(x.frames).toBeLessThanOrEqual(90);
        }
        // The hook: a strong product move over the first 2 s, the product big inside them.
        expect(['pop', 'push', 'slide']).toContain(seen[0]!.kind);
        expect(seen[0]!.frames).toBe(60);
        expect(heroFrame(plan)!).toBeLessThan(60);
        // The field under the end card starts on a beat 2.5–3 s before the end.
        expect(seen[seen.length - 1]!.at).toBe(plan.endCardFrame);
      }
    });
  }

  it('is the same plan for the same seed and a different one for another seed', () => {
    expect(planFor(30, 3)).toEqual(planFor(30, 3));
    const a = planFor(30, 3).scenes.flatMap((s) => s.shots.map((x) => x.kind));
    const b = planFor(30, 4).scenes.flatMap((s) => s.shots.map((x) => x.kind));
    expect(a).not.toEqual(b);
  });

  it('alternates the product images and the direction of travel', () => {
    const shots = planFor(30, 1, 3).scenes.flatMap((s) => s.shots.filter((x) => x.kind !== 'field'));
    expect(new Set(shots.map((s) => s.image))).toEqual(new Set([0, 1, 2]));
    for (let i = 1; i < shots.length; i++) expect(shots[i]!.dir).toBe(-shots[i - 1]!.dir);
  });

  it('splits beats into shots of 3–6 beats and never leaves a sliver', () => {
    const r = rng(1);
    for (let beats = 3; beats < 40; beats++) {
      const parts = splitBeats(beats, r);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(beats);
      for (const p of parts) expect(p).toBeGreaterThanOrEqual(Math.min(3, beats));
      for (const p of parts) expect(p).toBeLessThanOrEqual(6);
    }
  });

  it('snaps times to the beat grid', () => {
    expect(snapToBeat(2.3, grid)).toBe(2.5);
    expect(snapToBeat(2.2, grid)).toBe(2);
    expect(snapToBeat(2.01, grid, 'ceil')).toBe(2.5);
    expect(snapToBeat(0.5, { bpm: 100, offsetS: 0.1 })).toBeCloseTo(0.7);
  });
});

describe('composition and variety', () => {
  it('stands the product in more than one place: every other slide, parallax or tilt off-centre, on the side it travels from', () => {
    const plan = planFor(60, 5);
    const shots = visibleShots(plan);
    const placeable = shots.filter((s) => ['slide', 'parallax', 'tilt'].includes(s.kind));
    expect(placeable.length).toBeGreaterThanOrEqual(4);
    placeable.forEach((s, k) => expect(s.place, `${k}`).toBe(k % 2 === 1 ? (s.dir > 0 ? 'left' : 'right') : undefined));
    expect(shots.filter((s) => s.kind !== 'field').map((s) => composition(s))).toContain('left');
    // Per 10 s of the 60 s ad: several templates and several product compositions.
    const v = shotVariety(plan);
    expect(v.kinds).toBeGreaterThanOrEqual(3);
    expect(v.places).toBeGreaterThanOrEqual(3);
    // Without the off-centre compositions the same plan shows fewer.
    const centred = { ...plan, scenes: plan.scenes.map((s) => ({ ...s, shots: s.shots.map(({ place: _place, ...x }) => x) })) };
    expect(shotVariety(centred).places).toBeLessThan(v.places);
  });

  it('a long ad from one picture also cuts to the product on a flat brand-colour field, spread over the minute; other ads keep their plan', () => {
    for (const seed of [1, 7, 42]) {
      const plan = planFor(60, seed, 1);
      const shots = visibleShots(plan);
      const colour = shots.filter((s) => s.kind === 'colour');
      expect(colour.length, `seed ${seed}`).toBeGreaterThanOrEqual(3);
      // Spread: in at least three different 10 s stretches, never in the CTA scene (the end card's).
      expect(new Set(colour.map((s) => Math.floor(s.at / 300))).size, `seed ${seed}`).toBeGreaterThanOrEqual(3);
      const cta = plan.scenes.find((s) => s.role === 'cta')!;
      expect(colour.some((s) => s.scene === cta.index)).toBe(false);
      expect(colour.every((s) => composition(s) === 'on-colour')).toBe(true);
    }
    // Several pictures, or a shorter ad: no colour-field shots (their plans are as before).
    expect(visibleShots(planFor(60, 7, 2)).some((s) => s.kind === 'colour')).toBe(false);
    expect(visibleShots(planFor(30, 7, 1)).some((s) => s.kind === 'colour')).toBe(false);
  });
});
