/**
 * Progress has one unit from end to end: a percent, 0–100. FFmpeg reports it
 * (pipeline/ffmpeg/progress.ts), a provider call or a step passes it on unchanged (`onProgress`,
 * `ctx.progress`), the run's tracker (pipeline/engine/progress.ts) combines the steps into the
 * run's percent, and the screen shows that number. Nothing converts to a fraction in between.
 */
import { z } from 'zod';

export const Percent = z.number().min(0).max(100);
/** 0–100. */
export type Percent = z.infer<typeof Percent>;

/** A number clamped to 0–100 (NaN and ±∞ are 0: no progress known). */
export function clampPercent(value: number): Percent {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** `done` of `total` as a percent (0 when there is no total). */
export function percentOf(done: number, total: number): Percent {
  return total > 0 ? clampPercent((100 * done) / total) : 0;
}

/**
 * A run's progress as it is pushed (`run/progress`) and shown: the one value the ad's header and
 * its generation panel both read.
 */
export interface RunProgress {
  percent: Percent;
  /** Seconds left, smoothed so it counts down instead of jumping; null while not known. */
  etaSeconds: number | null;
  costCents: number;
}
