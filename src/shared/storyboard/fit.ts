/**
 * Scene durations that add up to the ad's length: the storyboard editor's "Fit to length" and the
 * chat's storyboard revisions (issue 22) use the same rule. Pure.
 */
export interface Timed {
  durationSeconds: number;
}

export const MIN_SCENE = 2;
export const MAX_SCENE = 20;

/**
 * Adjusts durations (last scenes first) until they sum to `length`, within 2–20 s each. Scenes whose
 * index is in `pinned` keep their duration unless nothing else can move (a duration the creator
 * just asked for stays as asked while the others make room).
 */
export function fitToLength<T extends Timed>(scenes: T[], length: number, pinned: ReadonlySet<number> = new Set()): T[] {
  const out = scenes.map((s) => ({ ...s, durationSeconds: Math.min(MAX_SCENE, Math.max(MIN_SCENE, Math.round(s.durationSeconds))) }));
  let diff = length - out.reduce((sum, s) => sum + s.durationSeconds, 0);
  for (const usePinned of [false, true]) {
    for (let guard = 0; diff !== 0 && guard < 1000; guard++) {
      let moved = false;
      for (let i = out.length - 1; i >= 0 && diff !== 0; i--) {
        if (pinned.has(i) !== usePinned) continue;
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
  }
  return out;
}
