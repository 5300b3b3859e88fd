/**
 * The continuity and quality gate of one delivered scene clip (issue 21), measured with FFmpeg on
 * the file itself: its first and last frame against the keyframes it was made from (SSIM, FFmpeg's
 * `ssim` filter, over Y, U and V, on frames scaled to at most 320 px wide), black stretches
 * (`blackdetect`), frozen stretches (`signalstats`' frame-to-frame difference — the bundled
 * FFmpeg 4.1 has no `freezedetect`), and the
 * clip's length and size (ffprobe). `judgeScene` turns the figures into reasons to regenerate.
 */
import { runFfmpeg } from '../ffmpeg/run';
import { probeMedia } from '../ffmpeg/probe';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { GateReason } from '../../shared/domain/ads';

export interface SceneMeasure {
  /** SSIM (0..1) of the clip's first frame against the frame it had to start on; null: nothing to compare. */
  firstSsim: number | null;
  /** SSIM of the clip's last frame against the keyframe it had to end on; null: no last frame was given. */
  lastSsim: number | null;
  blackSeconds: number;
  frozenSeconds: number;
  durationS: number;
  width: number;
  height: number;
}

/**
 * Thresholds. SSIM from `npm run bench:scene-gate` (2026-12-03): a clip's own first/last frame
 * against the image it was made from scored 0.985–0.995 (27 pairs, H.264 at 320×180), a frame
 * against a keyframe of another ad 0.795–0.933 (144 pairs): 0.95 fails every one of those and
 * passes every good pair. Two keyframes of the same ad (same product and palette, another moment)
 * scored 0.884–0.986: SSIM cannot tell those apart, so the gate catches a clip that went somewhere
 * else, not one that stopped at the wrong moment of its own ad. Measured on the fakes' clips; a
 * real model's re-rendered first frame scores lower — re-measure on real clips before trusting it.
 */
export const GATE = {
  minSsim: 0.95,
  /** Black at most this long anywhere in a scene (a fade-through-black is the editor's, not the model's). */
  maxBlackSeconds: 0.5,
  /** Frozen (no pixel change) at most this share of the clip: a product at rest may hold, a stalled clip not. */
  maxFrozenShare: 0.6,
  /** The clip may be this much shorter than asked (models round to their frame rate). */
  durationToleranceS: 0.25,
};

const SIDE = 320;

async function frameOf(ffmpegPath: string, clip: string, which: 'first' | 'last', out: string, signal?: AbortSignal): Promise<string> {
  // The last frame: seek near the end and keep overwriting one image (image2 -update).
  const args = which === 'first' ? ['-i', clip, '-frames:v', '1'] : ['-sseof', '-0.5', '-i', clip, '-update', '1'];
  await runFfmpeg({ ffmpegPath, args: [...args, '-an', '-vf', `scale=${SIDE}:-2`, '-c:v', 'png'], output: out, signal });
  return out;
}

/** SSIM (All) of two images, the second cropped to the first's frame. */
export async function ssimOf(ffmpegPath: string, frame: string, reference: string, size: { width: number; height: number }, signal?: AbortSignal): Promise<number> {
  const w = SIDE;
  const h = Math.max(2, Math.round((SIDE * size.height) / size.width / 2) * 2);
  const graph = `[0:v]scale=${w}:${h},setsar=1,format=yuv444p[f];[1:v]scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},setsar=1,format=yuv444p[k];[f][k]ssim`;
  const { stderrTail } = await runFfmpeg({ ffmpegPath, args: ['-i', frame, '-i', reference, '-filter_complex', graph, '-f', 'null', '-'], output: null, signal });
  const m = /SSIM .*All:([\d.]+)/.exec(stderrTail);
  if (!m) throw new Error(`FFmpeg's ssim filter printed no score for ${path.basename(frame)}.`);
  return Number(m[1]);
}

async function detectedSeconds(ffmpegPath: string, clip: string, filter: string, signal?: AbortSignal): Promise<number> {
  const { stderrTail } = await runFfmpeg({ ffmpegPath, args: ['-i', clip, '-an', '-vf', `scale=${SIDE}:-2,${filter}`, '-f', 'null', '-'], output: null, signal });
  return [...stderrTail.matchAll(/black_duration:\s*([\d.]+)/g)].reduce((s, m) => s + Number(m[1]), 0);
}

/**
 * Seconds of the clip in stretches of at least one second where nothing visibly changes: the clip
 * sampled at 2 frames a second, signalstats' YDIF+UDIF+VDIF (mean absolute change per pixel, 0–255)
 * between samples under 1. Sampled, because an encoder's noise on a still (0.1–0.8 between frames
 * of x264 at crf 23) is as large as one frame's change of a slow 5 s crossfade (≈ 0.2), while half a
 * second of that crossfade changes ≈ 3.
 */
async function frozenSeconds(ffmpegPath: string, clip: string, statsFile: string, signal?: AbortSignal): Promise<number> {
  await runFfmpeg({ ffmpegPath, args: ['-i', clip, '-an', '-vf', `fps=${FROZEN_FPS},scale=${SIDE}:-2,signalstats,metadata=mode=print:file=${statsFile.replace(/([\\:',])/g, '\\$1')}`, '-f', 'null', '-'], output: null, signal });
  const text = await readFile(statsFile, 'utf8');
  // The first sample has nothing before it (signalstats reports 0): it never counts.
  const still = text
    .split(/^frame:/m)
    .slice(2)
    .map((block) => ['YDIF', 'UDIF', 'VDIF'].reduce((sum, k) => sum + Number(new RegExp(`lavfi\\.signalstats\\.${k}=([\\d.]+)`).exec(block)?.[1] ?? 0), 0) < 1);
  let total = 0;
  let run = 0;
  for (const s of [...still, false]) {
    if (s) run++;
    else {
      if (run / FROZEN_FPS >= FROZEN_MIN_S) total += run / FROZEN_FPS;
      run = 0;
    }
  }
  return total;
}

const FROZEN_FPS = 2;
const FROZEN_MIN_S = 1;

export async function measureScene(
  bins: { ffmpegPath: string; ffprobePath: string },
  clip: string,
  anchors: { first?: string; last?: string },
  workDir: string,
  signal?: AbortSignal,
): Promise<SceneMeasure> {
  const probe = await probeMedia(bins.ffprobePath, clip, { signal });
  const v = probe.video;
  if (!v) throw new Error(`${path.basename(clip)} has no video stream.`);
  const size = { width: v.width, height: v.height };
  const ssim = async (which: 'first' | 'last', ref: string | undefined) =>
    ref ? ssimOf(bins.ffmpegPath, await frameOf(bins.ffmpegPath, clip, which, path.join(workDir, `gate-${which}.png`), signal), ref, size, signal) : null;
  return {
    firstSsim: round(await ssim('first', anchors.first)),
    lastSsim: round(await ssim('last', anchors.last)),
    blackSeconds: round(await detectedSeconds(bins.ffmpegPath, clip, 'blackdetect=d=0.1:pix_th=0.08', signal))!,
    frozenSeconds: round(await frozenSeconds(bins.ffmpegPath, clip, path.join(workDir, 'gate-signalstats.txt'), signal))!,
    durationS: round(probe.durationS ?? 0)!,
    width: size.width,
    height: size.height,
  };
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 1000;
}

/** Why a clip fails the gate, as figures (empty: it passes). `expected.aspect` (width ÷ height) is the aspect the model generates. */
export function gateReasons(m: SceneMeasure, expected: { seconds: number; aspect?: number }, limits = GATE): GateReason[] {
  const why: GateReason[] = [];
  if (m.firstSsim !== null && m.firstSsim < limits.minSsim) why.push({ code: 'firstFrame', ssim: m.firstSsim, min: limits.minSsim });
  if (m.lastSsim !== null && m.lastSsim < limits.minSsim) why.push({ code: 'lastFrame', ssim: m.lastSsim, min: limits.minSsim });
  if (m.blackSeconds > limits.maxBlackSeconds) why.push({ code: 'black', seconds: m.blackSeconds });
  if (m.durationS > 0 && m.frozenSeconds > limits.maxFrozenShare * m.durationS) why.push({ code: 'frozen', seconds: m.frozenSeconds, of: m.durationS });
  if (m.durationS < expected.seconds - limits.durationToleranceS) why.push({ code: 'short', seconds: m.durationS, asked: expected.seconds });
  if (expected.aspect && Math.abs(m.width / m.height - expected.aspect) / expected.aspect > 0.03) why.push({ code: 'size', width: m.width, height: m.height, aspect: expected.aspect });
  return why;
}

/** A reason in English, for the CLI (`zapcut runs <id>`) and the run's notes. */
export function gateReasonText(r: GateReason): string {
  switch (r.code) {
    case 'firstFrame':
      return `its first frame does not match the frame it had to start on (SSIM ${r.ssim.toFixed(3)} < ${r.min})`;
    case 'lastFrame':
      return `its last frame does not match the next keyframe (SSIM ${r.ssim.toFixed(3)} < ${r.min})`;
    case 'black':
      return `${r.seconds.toFixed(1)} s of it is black`;
    case 'frozen':
      return `${r.seconds.toFixed(1)} s of its ${r.of.toFixed(1)} s is frozen`;
    case 'short':
      return `it is ${r.seconds.toFixed(2)} s long, ${r.asked} s was asked for`;
    case 'size':
      return `it is ${r.width}×${r.height}, not the ${r.aspect.toFixed(2)}:1 frame asked for`;
    case 'other':
      return r.text;
  }
}

/** Why a clip fails the gate, in English (empty: it passes). */
export function judgeScene(m: SceneMeasure, expected: { seconds: number; aspect?: number }, limits = GATE): string[] {
  return gateReasons(m, expected, limits).map(gateReasonText);
}

/** A stored gate's reasons as figures: an older record kept only the English words. */
export function reasonsOf(g: { failed: string[]; reasons?: GateReason[] }): GateReason[] {
  return g.reasons ?? g.failed.map((text) => ({ code: 'other' as const, text }));
}

/** What the gate saw on a scene (stored in the scene's output; `zapcut runs <id>` prints it). */
export interface SceneGateRecord {
  measure: SceneMeasure;
  /** Why the delivered clip failed (empty: passed), in English. */
  failed: string[];
  /** The same as figures (absent in runs recorded before they were kept). */
  reasons?: GateReason[];
  /** The first clip's figures and reasons, when it was regenerated. */
  regeneratedFrom: { measure: SceneMeasure; failed: string[]; reasons?: GateReason[] } | null;
}

/** One line per scene: the figures and the verdict. */
export function describeGate(g: SceneGateRecord): string {
  const m = g.measure;
  const ssim = [m.firstSsim !== null ? `start SSIM ${m.firstSsim.toFixed(3)}` : '', m.lastSsim !== null ? `end SSIM ${m.lastSsim.toFixed(3)}` : ''].filter(Boolean).join(', ');
  const figures = `${ssim}${ssim ? ', ' : ''}black ${m.blackSeconds.toFixed(1)} s, frozen ${m.frozenSeconds.toFixed(1)} s, ${m.durationS.toFixed(2)} s ${m.width}×${m.height}`;
  const before = g.regeneratedFrom ? `; regenerated once because ${g.regeneratedFrom.failed.join('; ')}` : '';
  return `${g.failed.length ? `FAILED (${g.failed.join('; ')})` : 'passed'}: ${figures}${before}`;
}
