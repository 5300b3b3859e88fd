/**
 * Snapping: a dragged frame jumps to the nearest clip edge or the playhead when it is within
 * `threshold` frames (the editor passes ~8 px converted to frames at the current zoom).
 */
import type { Timeline } from '../model';
import { clipEnd } from './locate';

/** Every item edge on every track, plus 0 (sorted, unique). `exclude` skips the dragged item. */
export function snapTargets(tl: Timeline, exclude?: string): number[] {
  const out = new Set<number>([0]);
  for (const c of tl.main.clips) if (c.id !== exclude) out.add(c.start).add(clipEnd(c));
  for (const t of tl.overlays) for (const i of t.items) if (i.id !== exclude) out.add(i.start).add(i.start + i.duration);
  for (const t of tl.audio) for (const c of t.clips) if (c.id !== exclude) out.add(c.start).add(clipEnd(c));
  return [...out].sort((a, b) => a - b);
}

/** The snapped frame and what it snapped to (null when nothing was near). */
export function snapFrame(frame: number, targets: readonly number[], threshold: number, playhead?: number): { frame: number; snappedTo: number | null } {
  let best: number | null = null;
  let bestD = threshold + 1e-9;
  const consider = (t: number) => {
    const d = Math.abs(t - frame);
    if (d <= bestD) {
      best = t;
      bestD = d;
    }
  };
  // Binary search: the two targets around `frame` are the only candidates.
  let lo = 0;
  let hi = targets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (targets[mid]! < frame) lo = mid + 1;
    else hi = mid;
  }
  if (lo < targets.length) consider(targets[lo]!);
  if (lo > 0) consider(targets[lo - 1]!);
  if (playhead !== undefined) consider(playhead);
  return best === null ? { frame, snappedTo: null } : { frame: best, snappedTo: best };
}
