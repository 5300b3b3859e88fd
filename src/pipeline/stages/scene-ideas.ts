/**
 * The creator's own scenes (brief.scenes) in a storyboard: scene k is idea k, in order, carrying
 * the idea's words and `"idea": k`. A model's storyboard is checked here; one that drops or
 * reorders them is asked to repair once, then the offline writer's scenes take those places —
 * an idea is never dropped silently.
 */
import type { SceneIdea } from '../brief';
import { trimIdea } from '../brief';
import type { StoryScene } from './schemas';

const STOP = new Set(['with', 'then', 'from', 'into', 'onto', 'over', 'under', 'that', 'this', 'their', 'there', 'where', 'when', 'while', 'open', 'show', 'shows', 'showing', 'scene', 'shot', 'close', 'ends', 'end', 'start', 'starts', 'begin', 'just', 'very', 'some', 'each', 'and', 'the']);

/** The words of an idea that its scene must carry (4+ letters, not joiners or stage directions). */
export function ideaWords(idea: string): string[] {
  const words = idea.toLocaleLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/['’]s$/u, '')).filter((w) => [...w].length >= 4 && !STOP.has(w)))];
}

/** Whether `text` carries enough of the idea's words (a plural or a possessive counts). */
export function carriesIdea(text: string, idea: string): boolean {
  const words = ideaWords(idea);
  if (!words.length) return true;
  const hay = text.toLocaleLowerCase();
  const found = words.filter((w) => hay.includes([...w].slice(0, Math.max(4, [...w].length - 2)).join(''))).length;
  return found >= Math.min(words.length, Math.max(1, Math.ceil(words.length / 2)), 3);
}

const sceneText = (s: StoryScene) => `${s.title}\n${s.description}\n${s.keyEvents.join('\n')}`;

/** What is wrong with the creator's scenes in `scenes` (empty: each idea is its own scene, in order). */
export function ideaProblems(scenes: StoryScene[], ideas: SceneIdea[]): string[] {
  const problems: string[] = [];
  ideas.forEach((idea, k) => {
    const s = scenes[k];
    const label = `the creator's scene idea ${k + 1} ("${trimIdea(idea.idea, 60)}")`;
    if (!s) problems.push(`${label} is missing: scene ${k + 1} must be it`);
    else if (s.idea !== k + 1) problems.push(`scene ${k + 1} must be ${label}, with "idea": ${k + 1}${s.idea ? ` (it says idea ${s.idea})` : ''}`);
    else if (!carriesIdea(sceneText(s), idea.idea)) problems.push(`scene ${k + 1}'s description must carry the words of ${label}`);
  });
  scenes.forEach((s, i) => {
    if (i >= ideas.length && s.idea !== undefined) problems.push(`scene ${i + 1} says "idea": ${s.idea}, but only scenes 1–${ideas.length} are the creator's ideas (leave "idea" out on the others)`);
  });
  return problems;
}

/** The model's storyboard with the creator's scenes put back: the offline writer's scene k for idea k. */
export function placeIdeas(model: StoryScene[], offline: StoryScene[], ideas: number): StoryScene[] {
  return model.map((s, i) => (i < ideas ? { ...offline[i]!, index: i + 1 } : (({ idea: _drop, ...rest }) => rest)(s)));
}
