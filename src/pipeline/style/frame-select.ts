/**
 * Picking the training frames of a finished ad: candidates sampled evenly over the video, scored
 * on sharpness (gradient energy of a small grey frame) and exposure (mean near mid-grey, few
 * clipped pixels), then chosen greedily best-first while skipping near-duplicates of frames
 * already chosen (mean absolute difference of 16×9 thumbnails) so the set has variety.
 */
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg/run';
import { decodeFrames } from './pixels';

const SW = 96;
const SH = 54;
const TW = 16;
const TH = 9;

export interface FrameScore {
  index: number;
  seconds: number;
  sharpness: number;
  exposure: number;
  score: number;
}

export interface PickedFrame extends FrameScore {
  file: string;
}

/** Mean absolute horizontal + vertical gradient (0..255). Blurry frames score low. */
export function sharpnessOf(gray: Buffer, w: number, h: number): number {
  let sum = 0;
  for (let y = 0; y < h - 1; y++) {
    for (let x = 0; x < w - 1; x++) {
      const i = y * w + x;
      sum += Math.abs(gray[i + 1]! - gray[i]!) + Math.abs(gray[i + w]! - gray[i]!);
    }
  }
  return sum / ((w - 1) * (h - 1));
}

/** 1 for a well-exposed frame; lower when it is dark, bright, or has clipped pixels. */
export function exposureOf(gray: Buffer): number {
  let sum = 0;
  let clipped = 0;
  for (const v of gray) {
    sum += v;
    if (v < 8 || v > 247) clipped++;
  }
  const mean = sum / (gray.length || 1) / 255;
  return Math.max(0, 1 - Math.abs(mean - 0.5) * 1.6 - (clipped / (gray.length || 1)) * 1.5);
}

export function thumbDifference(a: Buffer, b: Buffer): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / (a.length || 1);
}

/** Best-first, skipping near-duplicates and frames too dark/blurred to teach anything (pure). */
export function chooseFrames(scores: FrameScore[], thumbs: Buffer[], opts: { max: number; minDifference: number; minScore: number }): FrameScore[] {
  const chosen: FrameScore[] = [];
  for (const s of [...scores].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (chosen.length >= opts.max || s.score < opts.minScore) break;
    if (chosen.some((c) => thumbDifference(thumbs[c.index]!, thumbs[s.index]!) < opts.minDifference)) continue;
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.seconds - b.seconds);
}

export interface SelectOptions {
  /** Candidates per second of video (default: enough for ~40 candidates). */
  fps?: number;
  max?: number;
  /** Fewest frames wanted (default 10): the duplicate bar is relaxed until reached, if possible. */
  min?: number;
  /** Thumbnails closer than this (mean |Δ| per pixel, 0..255) count as duplicates. */
  minDifference?: number;
  /** Longest side of the written frames in pixels. */
  maxSide?: number;
  signal?: AbortSignal;
}

/** Picks up to `max` (default 15) of the best distinct frames of `video`, written as PNGs into workDir. */
export async function selectTrainingFrames(ffmpegPath: string, video: string, durationS: number, workDir: string, opts: SelectOptions = {}): Promise<PickedFrame[]> {
  const fps = opts.fps ?? Math.max(0.5, Math.min(4, 40 / Math.max(1, durationS)));
  const gray = await decodeFrames(ffmpegPath, video, workDir, { width: SW, height: SH, gray: true, fps, signal: opts.signal });
  const thumbs = await decodeFrames(ffmpegPath, video, workDir, { width: TW, height: TH, gray: true, fps, signal: opts.signal });
  const scores: FrameScore[] = gray.frames.map((f, index) => {
    const sharpness = sharpnessOf(f, SW, SH);
    const exposure = exposureOf(f);
    // Sharpness saturates around 20 (a crisp frame at this size); exposure weighs as much.
    return { index, seconds: (index + 0.5) / fps, sharpness, exposure, score: Math.min(1, sharpness / 20) * 0.5 + exposure * 0.5 };
  });
  // Strict first; when an ad is mostly slow moves over few shots, relax the duplicate bar (never
  // below clearly-different frames) until there are enough frames to train on.
  const max = opts.max ?? 15;
  const base = opts.minDifference ?? 6;
  let chosen: FrameScore[] = [];
  for (const [k, minScore] of [[1, 0.3], [0.6, 0.3], [0.4, 0.2]] as const) {
    chosen = chooseFrames(scores, thumbs.frames, { max, minDifference: base * k, minScore });
    if (chosen.length >= Math.min(opts.min ?? 10, max)) break;
  }
  const side = opts.maxSide ?? 1024;
  const picked: PickedFrame[] = [];
  for (const c of chosen) {
    const file = path.join(workDir, `frame-${String(c.index).padStart(3, '0')}.png`);
    await runFfmpeg({
      ffmpegPath,
      args: ['-ss', Math.min(c.seconds, Math.max(0, durationS - 0.05)).toFixed(3), '-i', video, '-frames:v', '1', '-an', '-vf', `scale='min(${side},iw)':-2`, '-c:v', 'png'],
      output: file,
      signal: opts.signal,
    });
    picked.push({ ...c, file });
  }
  return picked;
}
