/**
 * The shape of an ad before any model is asked: how many scenes, their roles, and durations that
 * sum exactly to the length. Models may rewrite the content but must keep this shape (the
 * storyboard schema checks it), which keeps the step graph known from the start of a run.
 */
import type { SceneRole } from '../providers/types';
import { CROSSFADE_SECONDS, MAX_SCENES } from '../../shared/models/video';

const ROLES: Record<number, SceneRole[]> = {
  2: ['setup', 'cta'],
  3: ['setup', 'climax', 'cta'],
  4: ['setup', 'exploration', 'climax', 'cta'],
  5: ['setup', 'exploration', 'exploration', 'climax', 'cta'],
  6: ['setup', 'exploration', 'exploration', 'climax', 'resolution', 'cta'],
  7: ['setup', 'exploration', 'exploration', 'exploration', 'climax', 'resolution', 'cta'],
  8: ['setup', 'exploration', 'exploration', 'exploration', 'exploration', 'climax', 'resolution', 'cta'],
  9: ['setup', 'exploration', 'exploration', 'exploration', 'exploration', 'exploration', 'climax', 'resolution', 'cta'],
  10: ['setup', 'exploration', 'exploration', 'exploration', 'exploration', 'exploration', 'exploration', 'climax', 'resolution', 'cta'],
};

export const MIN_SCENE_SECONDS = 3;
/** Each scene but the last gets one extra second: the 1 s crossfade overlaps it with the next (one constant, shared with the model plan). */
export { CROSSFADE_SECONDS };

/**
 * Scenes for an ad: the brief's hint or the natural count, but at least `minScenes` — what the
 * video model needs so no clip is longer than it can make (video.ts `videoSettings`).
 */
export function sceneCount(lengthSeconds: number, hint?: number, minScenes = 1): number {
  const natural = lengthSeconds <= 15 ? 3 : lengthSeconds <= 30 ? 5 : 7;
  const wanted = Math.max(hint ?? natural, minScenes);
  return Math.max(2, Math.min(MAX_SCENES, wanted, Math.floor(lengthSeconds / MIN_SCENE_SECONDS)));
}

/** Integer durations summing exactly to `total` (largest-remainder split of equal shares). */
export function splitDurations(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  const extra = total - base * count;
  // The extra seconds go to the opening scenes: they carry the most setup.
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

export interface ScenePlan {
  count: number;
  roles: SceneRole[];
  durations: number[];
  /** The longest a scene may be so its clip (plus the crossfade second) fits the video model. */
  maxSceneSeconds: number;
}

/**
 * `maxClipSeconds`: the longest clip the run's video model makes (Infinity: any length). `ideas`:
 * how many scene ideas the creator gave — one scene each (scenes 1…ideas), and more only when the
 * hint or the model's clip length needs them (brief.ts refuses more ideas than the length holds).
 */
export function planScenes(lengthSeconds: number, hint?: number, maxClipSeconds = Infinity, ideas = 0): ScenePlan {
  const maxSceneSeconds = Number.isFinite(maxClipSeconds) ? Math.max(MIN_SCENE_SECONDS, maxClipSeconds - CROSSFADE_SECONDS) : lengthSeconds;
  const wanted = ideas ? Math.max(hint ?? 0, ideas) : hint;
  const count = sceneCount(lengthSeconds, wanted, Math.ceil(lengthSeconds / maxSceneSeconds));
  return { count, roles: ROLES[count]!, durations: splitDurations(lengthSeconds, count), maxSceneSeconds };
}

/**
 * Forces integer durations to sum exactly to `total` while staying as close as possible to what a
 * model proposed (a model that is off by a second should not fail the run).
 */
export function fitDurations(proposed: number[], total: number, min = 2, max = Infinity): number[] {
  const raw = proposed.map((d) => Math.min(max, Math.max(min, d)));
  const sum = raw.reduce((s, d) => s + d, 0);
  const scaled = raw.map((d) => (d * total) / sum);
  const out = scaled.map((d) => Math.min(max, Math.max(min, Math.floor(d))));
  let diff = total - out.reduce((s, d) => s + d, 0);
  const order = scaled.map((d, i) => ({ i, frac: d - Math.floor(d) })).sort((a, b) => b.frac - a.frac);
  for (let k = 0; diff !== 0 && k < 1000; k++) {
    const { i } = order[k % order.length]!;
    if (diff > 0) {
      if (out[i]! < max) {
        out[i]!++;
        diff--;
      }
    } else if (out[i]! > min) {
      out[i]!--;
      diff++;
    }
  }
  return out;
}
