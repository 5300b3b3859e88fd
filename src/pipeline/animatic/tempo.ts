/**
 * The tempo and beat grid of a music file (issue 20): provider music is cut to like the offline
 * bed. The file is decoded to mono 44.1 kHz float PCM by FFmpeg and given to `music-tempo` (MIT,
 * no dependencies, pure JavaScript: Dixon's BeatRoot onset detection, tempo induction and beat
 * tracking — it runs in Node on a Float32Array, unlike the Web-Audio-based detectors). The tempo
 * the music was asked for is the sanity check: trackers often lock onto twice or half the tempo,
 * so a detection near 2× or ½× the requested tempo is folded back.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MusicTempo from 'music-tempo';
import { runFfmpeg } from '../ffmpeg/run';
import type { BeatGrid } from './beat';

export interface DetectedTempo extends BeatGrid {
  /** What the tracker said before folding (BPM). */
  detectedBpm: number;
  /** The tracker's beats (seconds). */
  beats: number[];
  folded: 'halved' | 'doubled' | null;
  /** How much the sound rises on the grid's beats (beatContrast): 0 a drone, 1 a click track. */
  beatStrength: number;
}

/** Folds a detected tempo onto the requested one when it is about 2× or ½× of it (pure). */
export function foldTempo(detected: number, requested: number | undefined): { bpm: number; folded: DetectedTempo['folded'] } {
  if (!requested) return { bpm: detected, folded: null };
  const r = detected / requested;
  if (Math.abs(r - 2) < 0.2) return { bpm: detected / 2, folded: 'halved' };
  if (Math.abs(r - 0.5) < 0.05) return { bpm: detected * 2, folded: 'doubled' };
  return { bpm: detected, folded: null };
}

/** The grid phase that best fits the beats: the circular mean of each beat's position in the period (pure). */
export function gridOffset(beats: number[], bpm: number): number {
  const period = 60 / bpm;
  if (!beats.length) return 0;
  let x = 0;
  let y = 0;
  for (const b of beats) {
    const a = ((b % period) / period) * 2 * Math.PI;
    x += Math.cos(a);
    y += Math.sin(a);
  }
  const angle = Math.atan2(y, x);
  return (((angle / (2 * Math.PI)) * period) % period + period) % period;
}

/** Sound energy (sum of squares) just after each beat of a grid, over the whole signal (pure). */
export function gridEnergy(mono: Float32Array, rate: number, bpm: number, offsetS: number): number {
  const period = 60 / bpm;
  let sum = 0;
  for (let t = offsetS; t * rate < mono.length; t += period) {
    const a = Math.max(0, Math.round((t - 0.01) * rate));
    const b = Math.min(mono.length, Math.round((t + 0.06) * rate));
    for (let i = a; i < b; i++) sum += mono[i]! * mono[i]!;
  }
  return sum;
}

/**
 * How much the sound rises on the grid's beats (pure): per beat, (energy just after − energy just
 * before) ÷ their sum, averaged. About 0 for a drone, a tone or noise (the tracker still names a
 * tempo for those), clearly positive for music with a beat (a click track: near 1).
 */
export function beatContrast(mono: Float32Array, rate: number, bpm: number, offsetS: number): number {
  const period = 60 / bpm;
  const energy = (a: number, b: number) => {
    let sum = 0;
    for (let i = Math.max(0, Math.round(a * rate)); i < Math.min(mono.length, Math.round(b * rate)); i++) sum += mono[i]! * mono[i]!;
    return sum;
  };
  let total = 0;
  let count = 0;
  for (let t = offsetS; (t + 0.08) * rate < mono.length; t += period) {
    if (t < 0.08) continue;
    const before = energy(t - 0.08, t - 0.02);
    const after = energy(t - 0.01, t + 0.05);
    if (before + after <= 1e-9) continue;
    total += (after - before) / (after + before);
    count++;
  }
  return count ? total / count : 0;
}

export function tempoOfSamples(mono: Float32Array, requestedBpm?: number, rate = 44100): DetectedTempo {
  const mt = new MusicTempo(mono, { minBeatInterval: 60 / 200, maxBeatInterval: 60 / 55 });
  const detectedBpm = Number(mt.tempo);
  if (!Number.isFinite(detectedBpm) || detectedBpm <= 0) throw new Error('no steady beat found in the music');
  const { bpm, folded } = foldTempo(detectedBpm, requestedBpm);
  let offsetS = gridOffset(mt.beats, bpm);
  if (folded === 'halved') {
    // The tracker heard every off-beat as a beat too: of its two interleaved grids, the beat is the louder one.
    const first = gridOffset(mt.beats, detectedBpm);
    const second = first + 60 / detectedBpm;
    offsetS = gridEnergy(mono, rate, bpm, first) >= gridEnergy(mono, rate, bpm, second) ? first : second;
  }
  // A drone, a tone or noise still gets a tempo from the tracker: cut to it only if the sound rises on its beats
  // (measured: 0.00 for a tone, 0.005 for pink noise, 0.32–0.77 for the offline bed's grooves, 1 for clicks).
  const beatStrength = beatContrast(mono, rate, bpm, offsetS);
  if (beatStrength < 0.1) throw new Error(`no steady beat found in the music (heard ${detectedBpm.toFixed(0)} BPM, but the sound hardly rises on those beats)`);
  return { bpm, offsetS, detectedBpm, beats: mt.beats, folded, beatStrength };
}

export async function detectTempo(ffmpegPath: string, file: string, workDir: string, opts: { requestedBpm?: number; signal?: AbortSignal } = {}): Promise<DetectedTempo> {
  const raw = path.join(workDir, `${path.basename(file)}.f32`);
  // music-tempo's default analysis frames assume 44.1 kHz (hop 441 samples = 10 ms).
  await runFfmpeg({ ffmpegPath, args: ['-i', file, '-vn', '-ac', '1', '-ar', '44100', '-f', 'f32le'], output: raw, signal: opts.signal });
  const bytes = await readFile(raw);
  const mono = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
  return tempoOfSamples(mono, opts.requestedBpm);
}
