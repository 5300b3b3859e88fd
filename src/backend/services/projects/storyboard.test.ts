import { describe, expect, it } from 'vitest';
import type { StoryScene } from '../../../pipeline/stages/schemas';
import { approvalProblem, fromInputs, sceneLimits, screenScene, storyboardView, toInput } from './storyboard';

const scene = (i: number, d: number, extra: Partial<StoryScene> = {}): StoryScene => ({
  index: i,
  title: `Scene ${i}`,
  description: `A calm shot number ${i} of the bottle.`,
  durationSeconds: d,
  role: 'setup',
  camera: 'slow push-in',
  emotion: 'warm',
  keyEvents: ['bottle turns'],
  voiceover: 'Meet Lumen.',
  overlay: null,
  ...extra,
});

describe('storyboard review', () => {
  it('allows the scene counts the pipeline plans for the length', () => {
    expect(sceneLimits(15)).toEqual({ min: 2, max: 5 });
    expect(sceneLimits(30)).toEqual({ min: 2, max: 8 });
  });

  it('round-trips edits, keeps the model beats and renumbers in the new order', () => {
    const prev = [scene(1, 5, { overlay: { imageIndex: 0, atSeconds: 3, durationSeconds: 2 }, idea: 1 }), scene(2, 10)];
    const inputs = [toInput(prev[1]!), { ...toInput(prev[0]!), durationSeconds: 3 }];
    const out = fromInputs(inputs, prev, 'warm');
    // The creator's scene idea (and so its pictures) moves with its card.
    expect(out.map((s) => [s.index, s.title, s.idea])).toEqual([
      [1, 'Scene 2', undefined],
      [2, 'Scene 1', 1],
    ]);
    expect(out[1]!.keyEvents).toEqual(['bottle turns']);
    // The overlay is clamped into the now shorter scene.
    expect(out[1]!.overlay!.atSeconds + out[1]!.overlay!.durationSeconds).toBeLessThanOrEqual(3);
  });

  it('flags an unsafe scene with a safe alternative that drops only the offending sentence', () => {
    const s = screenScene({ title: 'Night shift', description: 'A nurse sips cold brew. Then a man starts shooting people with a gun.', voiceover: 'Stay calm.' }, 'Lumen');
    expect(s.blocked).toBe(true);
    expect(s.categories.length).toBeGreaterThan(0);
    expect(s.alternative).toEqual({ title: 'Night shift', description: 'A nurse sips cold brew.', voiceover: 'Stay calm.' });
    expect(screenScene(scene(1, 5), 'Lumen')).toEqual({ blocked: false, categories: [], alternative: null });
  });

  it('says what blocks approval: count, total, safety', () => {
    const view = (scenes: StoryScene[]) => storyboardView(scenes, 15, 'Lumen', { version: 1, approvedAt: null });
    expect(approvalProblem(view([scene(1, 5), scene(2, 5), scene(3, 5)]))).toBeNull();
    expect(approvalProblem(view([scene(1, 5), scene(2, 5), scene(3, 7)]))).toMatch(/last 17 s but the ad is 15 s/u);
    expect(approvalProblem(view([scene(1, 15)]))).toMatch(/needs 2–5 scenes/u);
    expect(approvalProblem(view([scene(1, 10), scene(2, 5, { voiceover: 'Buy cocaine here.' })]))).toMatch(/Scene 2 breaks the content rules/u);
  });
});
