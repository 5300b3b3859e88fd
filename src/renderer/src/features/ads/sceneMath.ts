/** Pure helpers for the storyboard editor (kept out of the components so they stay testable). */
export interface Timed {
  durationSeconds: number;
}

export const MIN_SCENE = 2;
export const MAX_SCENE = 20;

/** Adjusts durations (last scenes first) until they sum to `length`, within 2–20 s each. */
export function fitToLength<T extends Timed>(scenes: T[], length: number): T[] {
  const out = scenes.map((s) => ({ ...s, durationSeconds: Math.min(MAX_SCENE, Math.max(MIN_SCENE, Math.round(s.durationSeconds))) }));
  let diff = length - out.reduce((sum, s) => sum + s.durationSeconds, 0);
  for (let guard = 0; diff !== 0 && guard < 1000; guard++) {
    let moved = false;
    for (let i = out.length - 1; i >= 0 && diff !== 0; i--) {
      const s = out[i]!;
      if (diff > 0 && s.durationSeconds < MAX_SCENE) {
        s.durationSeconds++;
        diff--;
        moved = true;
      } else if (diff < 0 && s.durationSeconds > MIN_SCENE) {
        s.durationSeconds--;
        diff++;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}
