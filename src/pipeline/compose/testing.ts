/**
 * Test/bench support: writes the media of `sampleTimeline` (solid-colour scenes, a half-
 * transparent logo, sine tones for voice and music) into a folder, and a resolver for it.
 */
import path from 'node:path';
import type { MediaEntry } from '../../shared/timeline';
import { AppError } from '../../shared/errors';
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
