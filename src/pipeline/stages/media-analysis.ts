/**
 * Local looks at real pixels, used by every provider family: the palette of the product images
 * (the creative bible's colours must come from them) and the last frame of a scene (continuity).
 * FFmpeg does the decoding; the arithmetic is plain TypeScript.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg/run';
import { colorDistance, rgbToHex } from './colors';

const SIDE = 48;

/** Dominant colours (most common first) of one or more images, ignoring transparent pixels. */
export async function extractPalette(ffmpegPath: string, images: string[], workDir: string, opts: { max?: number; signal?: AbortSignal } = {}): Promise<{ colors: string[]; weights: number[] }> {
  const bins = new Map<number, { n: number; r: number; g: number; b: number }>();
  for (const [i, img] of images.entries()) {
    const out = path.join(workDir, `palette-${i}.rgba`);
    await runFfmpeg({ ffmpegPath, args: ['-i', img, '-vf', `scale=${SIDE}:${SIDE}:flags=area,format=rgba`, '-frames:v', '1', '-f', 'rawvideo'], output: out, signal: opts.signal });
    const px = await readFile(out);
    await rm(out, { force: true });
    for (let p = 0; p + 3 < px.length; p += 4) {
      if (px[p + 3]! < 128) continue;
      const r = px[p]!;
      const g = px[p + 1]!;
      const b = px[p + 2]!;
      const key = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
      const bin = bins.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
      bin.n++;
      bin.r += r;
      bin.g += g;
      bin.b += b;
      bins.set(key, bin);
    }
  }
  const total = [...bins.values()].reduce((s, b) => s + b.n, 0) || 1;
  const ranked = [...bins.values()].sort((a, b) => b.n - a.n).map((b) => ({ hex: rgbToHex([b.r / b.n, b.g / b.n, b.b / b.n]), w: b.n / total }));
  const picked: { hex: string; w: number }[] = [];
  for (const c of ranked) {
    const near = picked.find((p) => colorDistance(p.hex, c.hex) < 90);
    if (near) near.w += c.w;
    else picked.push({ ...c });
    if (picked.length >= (opts.max ?? 6)) break;
  }
  return { colors: picked.map((p) => p.hex), weights: picked.map((p) => Math.round(p.w * 1000) / 1000) };
}

/** Writes the last frame of a video as PNG (the start frame of the next scene). */
export async function extractLastFrame(ffmpegPath: string, video: string, out: string, signal?: AbortSignal): Promise<string> {
  // -sseof seeks near the end; -update 1 keeps overwriting one image so the last decoded frame wins.
  await runFfmpeg({ ffmpegPath, args: ['-sseof', '-0.5', '-i', video, '-an', '-update', '1', '-f', 'image2', '-c:v', 'png'], output: out, signal });
  return out;
}

/** Mean luminance 0..1 of an image (lighting drift check). */
export async function meanBrightness(ffmpegPath: string, image: string, workDir: string, signal?: AbortSignal): Promise<number> {
  const out = path.join(workDir, 'brightness.gray');
  await runFfmpeg({ ffmpegPath, args: ['-i', image, '-vf', 'scale=32:32:flags=area,format=gray', '-frames:v', '1', '-f', 'rawvideo'], output: out, signal });
  const px = await readFile(out);
  await rm(out, { force: true });
  let sum = 0;
  for (const v of px) sum += v;
  return px.length ? sum / px.length / 255 : 0;
}
