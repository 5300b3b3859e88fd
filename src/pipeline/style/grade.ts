/**
 * The offline brand look: a deterministic colour grade computed from the brand palette and the
 * first ad's frames, applied with FFmpeg `lutrgb` (per-channel gain, then a pull toward the
 * brand's target colour). Same palette + same frames → same grade → same pixels.
 */
import { runFfmpeg } from '../ffmpeg/run';
import { accentOf, colorDistance, hexToRgb, luminance, mix, rgbToHex } from '../stages/colors';
import type { Grade } from './trained-style';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * `palette`: the brand's colours (brand record first, then the product images' palette).
 * `frameColors`: the dominant colours of the training frames (what the first ad looked like).
 * The further the frames drifted from the palette, the stronger the pull (0.18..0.4).
 */
export function deriveGrade(palette: string[], frameColors: string[]): Grade {
  const accent = accentOf(palette.length ? palette : frameColors);
  // Keep the target mid-bright so the grade tints rather than darkens or washes out.
  const lum = luminance(accent);
  const target = lum < 0.12 ? mix(accent, '#FFFFFF', 0.25) : lum > 0.7 ? mix(accent, '#000000', 0.3) : accent;
  const drift = frameColors.length ? frameColors.reduce((s, c) => s + Math.min(...palette.map((p) => colorDistance(p, c))), 0) / frameColors.length : 200;
  const strength = round3(clamp(0.18 + drift / 1500, 0.18, 0.4));
  const [r, g, b] = hexToRgb(target);
  const m = (r + g + b) / 3 || 1;
  const gain = [r, g, b].map((c) => round3(clamp(1 + ((c - m) / m) * 0.12, 0.85, 1.15))) as [number, number, number];
  return { target: rgbToHex(hexToRgb(target)), strength, gain };
}

/** The FFmpeg filter (RGB in, RGB out) for a grade. No commas: safe inside any filtergraph. */
export function gradeFilter(g: Grade): string {
  const t = hexToRgb(g.target);
  const keep = round3(1 - g.strength);
  const ch = (i: 0 | 1 | 2) => `${round3(g.gain[i] * keep)}*val+${round3(g.strength * t[i])}`;
  return `format=rgb24,lutrgb=r='${ch(0)}':g='${ch(1)}':b='${ch(2)}'`;
}

/** Grades a still image (PNG/JPEG in, PNG out). */
export async function gradeImage(ffmpegPath: string, input: string, output: string, g: Grade, signal?: AbortSignal): Promise<string> {
  await runFfmpeg({ ffmpegPath, args: ['-i', input, '-vf', gradeFilter(g), '-frames:v', '1', '-c:v', 'png'], output, signal });
  return output;
}

/** Grades a video clip (H.264 out, audio copied when there is any). */
export async function gradeVideo(ffmpegPath: string, input: string, output: string, g: Grade, opts: { signal?: AbortSignal; durationS?: number } = {}): Promise<string> {
  await runFfmpeg({
    ffmpegPath,
    args: ['-i', input, '-map', '0:v:0', '-map', '0:a?', '-vf', `${gradeFilter(g)},format=yuv420p`, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-c:a', 'copy'],
    output,
    signal: opts.signal,
    durationS: opts.durationS,
  });
  return output;
}
