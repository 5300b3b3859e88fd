/**
 * Test/bench support: writes the media of `sampleTimeline` (solid-colour scenes, a half-
 * transparent logo, sine tones for voice and music) into a folder, and a resolver for it.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { MediaEntry } from '../../shared/timeline';
import { AppError } from '../../shared/errors';
import { resolveBinaries } from '../ffmpeg/binaries';
import { probeMedia } from '../ffmpeg/probe';
import { runFfmpeg } from '../ffmpeg/run';
import { makeSyntheticImage, makeSyntheticTone, makeSyntheticVideo } from '../ffmpeg/synthetic';
import type { MediaResolver } from './media';

export const SAMPLE_COLORS = { red: [255, 0, 0], green: [0, 255, 0], blue: [0, 0, 255] } as const;

export async function writeSampleMedia(ffmpegPath: string, dir: string, opts: { width?: number; height?: number; fps?: number; sceneS?: number } = {}): Promise<void> {
  const w = opts.width ?? 320;
  const h = opts.height ?? 180;
  const fps = opts.fps ?? 30;
  const d = (opts.sceneS ?? 2) + 0.5;
  await Promise.all([
    makeSyntheticVideo(ffmpegPath, path.join(dir, 'red.mp4'), { color: 'red', width: w, height: h, fps, durationS: d }),
    makeSyntheticVideo(ffmpegPath, path.join(dir, 'green.mp4'), { color: 'lime', width: w, height: h, fps, durationS: d }),
    makeSyntheticVideo(ffmpegPath, path.join(dir, 'blue.mp4'), { color: 'blue', width: w, height: h, fps, durationS: d }),
    makeSyntheticImage(ffmpegPath, path.join(dir, 'logo.png'), { color: 'white', width: 200, height: 100 }),
    makeSyntheticTone(ffmpegPath, path.join(dir, 'voice.wav'), { hz: 440, durationS: 10, amplitude: 0.5 }),
    makeSyntheticTone(ffmpegPath, path.join(dir, 'music.wav'), { hz: 220, durationS: 20, amplitude: 0.5 }),
  ]);
}

/** Resolves `file` entries inside `dir` (the portable-bundle convention). */
export function folderResolver(dir: string): MediaResolver {
  return (id: string, entry: MediaEntry) => {
    if (!entry.file) throw new AppError('NOT_FOUND', `media "${id}" has no file name`);
    return path.join(dir, entry.file);
  };
}

/** Frame `n` of a video as packed RGB (for golden-frame assertions). */
export async function readFrameRgb(ffmpegPath: string, file: string, n: number, workDir: string): Promise<{ width: number; height: number; at(x: number, y: number): [number, number, number] }> {
  const p = await probeMedia(resolveBinaries().ffprobePath, file);
  const width = p.video!.width;
  const height = p.video!.height;
  const out = path.join(workDir, `frame-${n}-${Math.random().toString(36).slice(2)}.rgb`);
  await runFfmpeg({ ffmpegPath, args: ['-i', file, '-vf', `select=eq(n\\,${n})`, '-vsync', '0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24'], output: out });
  const buf = await readFile(out);
  await rm(out, { force: true });
  if (buf.length !== width * height * 3) throw new Error(`frame ${n} of ${file}: got ${buf.length} bytes`);
  return {
    width,
    height,
    at: (x, y) => {
      const i = (y * width + x) * 3;
      return [buf[i]!, buf[i + 1]!, buf[i + 2]!];
    },
  };
}

/** Mono float samples of [startS, startS+durS) at 48 kHz. */
export async function readPcm(ffmpegPath: string, file: string, startS: number, durS: number, workDir: string): Promise<Float32Array> {
  const out = path.join(workDir, `pcm-${Math.random().toString(36).slice(2)}.raw`);
  await runFfmpeg({ ffmpegPath, args: ['-ss', String(startS), '-t', String(durS), '-i', file, '-vn', '-ac', '1', '-ar', '48000', '-f', 'f32le'], output: out });
  const buf = await readFile(out);
  await rm(out, { force: true });
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
