/** Pure helpers for the storyboard editor (kept out of the components so they stay testable). */
export { fitToLength, MIN_SCENE, MAX_SCENE, type Timed } from '../../../../shared/storyboard/fit';

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}
