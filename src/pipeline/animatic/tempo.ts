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

export function tempoOfSamples(mono: Float32Array, requestedBpm?: number): DetectedTempo {
  const mt = new MusicTempo(mono, { minBeatInterval: 60 / 200, maxBeatInterval: 60 / 55 });
  const detectedBpm = Number(mt.tempo);
  if (!Number.isFinite(detectedBpm) || detectedBpm <= 0) throw new Error('no steady beat found in the music');
  const { bpm, folded } = foldTempo(detectedBpm, requestedBpm);
  return { bpm, offsetS: gridOffset(mt.beats, bpm), detectedBpm, beats: mt.beats, folded };
}

export async function detectTempo(ffmpegPath: string, file: string, workDir: string, opts: { requestedBpm?: number; signal?: AbortSignal } = {}): Promise<DetectedTempo> {
  const raw = path.join(workDir, `${path.basename(file)}.f32`);
  // music-tempo's default analysis frames assume 44.1 kHz (hop 441 samples = 10 ms).
  await runFfmpeg({ ffmpegPath, args: ['-i', file, '-vn', '-ac', '1', '-ar', '44100', '-f', 'f32le'], output: raw, signal: opts.signal });
  const bytes = await readFile(raw);
  const mono = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
  return tempoOfSamples(mono, opts.requestedBpm);
}
