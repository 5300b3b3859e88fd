/**
 * Measuring a brand look: how far a frame's pixels are from the brand palette. Used by the tests
 * (does the approved style move scenes toward the palette?) and shown as a figure in the preview.
 */
import { colorDistance, rgbToHex } from '../stages/colors';
import { decodeFrames } from './pixels';

const SIDE = 32;

/** Mean over pixels of the distance to the nearest palette colour (redmean RGB, 0..~765). */
export function paletteDistanceOf(rgb: Buffer, palette: string[]): number {
  let sum = 0;
  let n = 0;
  for (let p = 0; p + 2 < rgb.length; p += 3) {
    const hex = rgbToHex([rgb[p]!, rgb[p + 1]!, rgb[p + 2]!]);
    sum += Math.min(...palette.map((c) => colorDistance(c, hex)));
    n++;
  }
  return n ? sum / n : 0;
}

export function meanColorOf(rgb: Buffer): [number, number, number] {
  const s = [0, 0, 0];
  for (let p = 0; p + 2 < rgb.length; p += 3) for (let c = 0; c < 3; c++) s[c]! += rgb[p + c]!;
  const n = rgb.length / 3 || 1;
  return [s[0]! / n, s[1]! / n, s[2]! / n];
}

export interface LookStats {
  /** Mean distance of the pixels to the nearest palette colour, averaged over the frames. */
  paletteDistance: number;
  meanColor: string;
  frames: number;
}

/** Colour statistics of an image, or of a video sampled at `fps`. */
export async function lookStats(ffmpegPath: string, input: string, palette: string[], workDir: string, opts: { fps?: number; signal?: AbortSignal } = {}): Promise<LookStats> {
  const raw = await decodeFrames(ffmpegPath, input, workDir, { width: SIDE, height: SIDE, fps: opts.fps, signal: opts.signal });
  const dist = raw.frames.map((f) => paletteDistanceOf(f, palette));
  const means = raw.frames.map(meanColorOf);
  const avg = [0, 1, 2].map((c) => means.reduce((s, m) => s + m[c]!, 0) / (means.length || 1)) as [number, number, number];
  return { paletteDistance: dist.reduce((a, b) => a + b, 0) / (dist.length || 1), meanColor: rgbToHex(avg), frames: raw.frames.length };
}
