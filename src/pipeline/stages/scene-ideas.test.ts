import { describe, expect, it } from 'vitest';
import { carriesIdea, ideaProblems, placeIdeas } from './scene-ideas';
import type { StoryScene } from './schemas';
import { screenBrief } from './creative';
import { resolveBrief } from '../brief';

const scene = (i: number, description: string, idea?: number): StoryScene => ({
  index: i,
  title: `Title ${i}`,
  description,
  durationSeconds: 5,
  role: i === 1 ? 'setup' : 'cta',
  camera: 'push-in',
  emotion: 'warm',
  keyEvents: ['Show it'],
  voiceover: '',
  ...(idea ? { idea } : {}),
});
const ideas = [{ idea: 'Open on a sunrise over the harbour' }, { idea: "The bottle in a runner's hand" }];

describe('the creator\'s scenes in a storyboard', () => {
  it('accepts each idea as its own scene, in order, in other words too (plurals, possessives)', () => {
    expect(carriesIdea('Dawn: the sun rises over a quiet harbor… sunrises', ideas[0]!.idea)).toBe(true);
    expect(carriesIdea('Bottles in the hands of runners', ideas[1]!.idea)).toBe(true);
    expect(ideaProblems([scene(1, 'A sunrise over the harbour.', 1), scene(2, "A runner's hand holds the bottle.", 2), scene(3, 'The end card.')], ideas)).toEqual([]);
  });
  it('finds a dropped, reordered or emptied idea', () => {
    expect(ideaProblems([scene(1, "A runner's hand holds the bottle.", 2), scene(2, 'A sunrise over the harbour.', 1)], ideas).join('\n')).toMatch(/scene 1 must be the creator's scene idea 1 .*it says idea 2/);
    expect(ideaProblems([scene(1, 'A sunrise over the harbour.', 1), scene(2, 'Something else entirely.')], ideas)[0]).toMatch(/scene 2 must be the creator's scene idea 2/);
    expect(ideaProblems([scene(1, 'A product on a table.', 1), scene(2, "A runner's hand holds the bottle.", 2)], ideas)[0]).toMatch(/scene 1's description must carry the words/);
    expect(ideaProblems([scene(1, 'A sunrise over the harbour.', 1)], ideas)[0]).toMatch(/idea 2 .* is missing/);
    expect(ideaProblems([scene(1, 'A sunrise over the harbour.', 1), scene(2, "A runner's hand holds the bottle.", 2), scene(3, 'x', 1)], ideas)[0]).toMatch(/scene 3 says "idea": 1/);
  });
  it('puts the offline writer\'s scenes in the ideas\' places, keeping the model\'s others', () => {
    const model = [scene(1, 'wrong', 2), scene(2, 'wrong too'), scene(3, 'model end', 1)];
    const offline = [scene(1, 'A sunrise over the harbour.', 1), scene(2, "A runner's hand holds the bottle.", 2), scene(3, 'offline end')];
    const placed = placeIdeas(model, offline, 2);
    expect(placed.map((s) => [s.description, s.idea])).toEqual([['A sunrise over the harbour.', 1], ["A runner's hand holds the bottle.", 2], ['model end', undefined]]);
    expect(ideaProblems(placed, ideas)).toEqual([]);
  });
  it('the local safety rules read the ideas and the direction', () => {
    const base = resolveBrief({ brand: { name: 'Lumen', description: 'Cold brew.' }, product: { name: 'Lumen', description: 'Cold brew.', audience: 'nurses', benefit: 'calm focus', images: ['a.png'] } }, '/tmp');
    expect(screenBrief({ brief: base }).blocking).toEqual([]);
    expect(screenBrief({ brief: { ...base, scenes: [{ idea: 'A man shooting people with a gun on the pier' }] } }).blocking.length).toBeGreaterThan(0);
    expect(screenBrief({ brief: { ...base, direction: 'Gritty: a man shooting people with a gun.' } }).blocking.length).toBeGreaterThan(0);
  });
});
