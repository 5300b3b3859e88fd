/**
 * Where each scene's voice line may speak, and how scene lengths move so that every line fits —
 * measured before any scene is generated (the timeline is planned from the fitted lengths).
 *
 * A scene is on screen on its own from the end of the crossfade that brings it in to the start
 * of the crossfade to the next one (scenes.ts gives each scene but the last a 1 s handle for
 * that). Its line starts VOICE_LEAD_S after that and must end before the next crossfade begins;
 * the last line must end VOICE_TAIL_S before the ad does. So a line never crosses a cut and the
 * end of the ad never cuts a line.
 */
import { MIN_SCENE_SECONDS } from './plan';
import { lineWindows, VOICE_LEAD_S } from '../../shared/voice/timing';

// Where a line may speak is shared with the storyboard editor's estimate (src/shared/voice).
export { lineWindows, VOICE_LEAD_S, VOICE_TAIL_S } from '../../shared/voice/timing';

/** Seconds from the start of the ad to where scene `i`'s line starts. */
export function lineStart(durations: readonly number[], i: number, crossfadeS: number): number {
  const before = durations.slice(0, i).reduce((s, d) => s + d, 0);
  return before + (i > 0 ? crossfadeS : 0) + VOICE_LEAD_S;
}

/**
 * Moves whole seconds from scenes whose line has room to spare (or that have no line) to scenes
 * whose line is too long, keeping the total exact, every scene at least `min` seconds and at most
 * `max` (the longest scene the video model's clips cover, plan.ts `maxSceneSeconds`).
 * `need[i]`: seconds scene i's line lasts (its audible end), null for no line. Returns the new
 * lengths (possibly still not fitting every line: those lines must be shortened).
 */
export function rebalance(durations: readonly number[], need: ReadonlyArray<number | null>, crossfadeS: number, min: number = MIN_SCENE_SECONDS, max = Infinity): number[] {
  const d = [...durations];
  const over = (w: number[], i: number) => (need[i] === null ? -Infinity : need[i]! - w[i]!);
  for (let step = 0; step < 200; step++) {
    const w = lineWindows(d, crossfadeS);
    let worst = -1;
    for (let i = 0; i < d.length; i++) if (over(w, i) > 1e-6 && d[i]! + 1 <= max && (worst < 0 || over(w, i) > over(w, worst))) worst = i;
    if (worst < 0) break;
    // A donor gives one second only if its own line still fits afterwards.
    let donor = -1;
    let best = -Infinity;
    for (let j = 0; j < d.length; j++) {
      if (j === worst || d[j]! - 1 < min) continue;
      const spare = need[j] === null ? Infinity : w[j]! - need[j]!;
      if (spare >= 1 - 1e-6 && spare > best) {
        best = spare;
        donor = j;
      }
    }
    if (donor < 0) break;
    d[worst]!++;
    d[donor]!--;
  }
  return d;
}

/** Lines (by scene position) whose audible length still exceeds their window. */
export function overflowing(durations: readonly number[], need: ReadonlyArray<number | null>, crossfadeS: number): number[] {
  const w = lineWindows(durations, crossfadeS);
  return need.flatMap((n, i) => (n !== null && n > w[i]! + 1e-6 ? [i] : []));
}

/** Words to ask the writer for so a line of `words` lasting `seconds` fits `window` (with 10 % room). */
export function wordBudget(words: number, seconds: number, window: number): number {
  if (seconds <= 0) return words;
  return Math.max(2, Math.min(words - 1, Math.floor((words * window * 0.9) / seconds)));
}
