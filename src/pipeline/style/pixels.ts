/** Decoding frames to small raw pixel buffers with FFmpeg; the arithmetic is plain TypeScript. */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg/run';

export interface RawFrames {
  width: number;
  height: number;
  channels: 1 | 3;
  frames: Buffer[];
}

/**
 * Frames of a video (sampled at `fps`) or of an image, scaled to width×height.
 * One FFmpeg process decodes everything into one raw file, which is then split per frame.
 */
export async function decodeFrames(
  ffmpegPath: string,
  input: string,
  workDir: string,
  opts: { width: number; height: number; gray?: boolean; fps?: number; signal?: AbortSignal },
): Promise<RawFrames> {
  const channels = opts.gray ? 1 : 3;
  const out = path.join(workDir, `decode-${process.pid}-${Math.random().toString(36).slice(2)}.raw`);
  const vf = [opts.fps ? `fps=${opts.fps}` : '', `scale=${opts.width}:${opts.height}:flags=area`, `format=${opts.gray ? 'gray' : 'rgb24'}`].filter(Boolean).join(',');
  await runFfmpeg({ ffmpegPath, args: ['-i', input, '-an', '-vf', vf, ...(opts.fps ? [] : ['-frames:v', '1']), '-f', 'rawvideo'], output: out, signal: opts.signal });
  const buf = await readFile(out);
  await rm(out, { force: true });
  const size = opts.width * opts.height * channels;
  const frames: Buffer[] = [];
  for (let o = 0; o + size <= buf.length; o += size) frames.push(buf.subarray(o, o + size));
  return { width: opts.width, height: opts.height, channels, frames };
}
