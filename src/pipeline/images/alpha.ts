/**
 * Transparent pictures without fringes. A PNG's fully transparent pixels still hold a colour
 * (often black, grey or whatever the editor left there — an olive green in the examples).
 * Any filter that mixes neighbouring pixels in straight alpha (scaling, blurring) pulls that hidden
 * colour into the visible edge, and any step that drops alpha (a JPEG start frame, a blurred
 * backdrop in RGB) shows it outright. So:
 * - scaling goes through premultiplied alpha (`alphaSafeScale`): hidden colours weigh nothing;
 * - a picture whose alpha is about to be dropped is first laid over the scene's own colour
 *   (`flattenAlpha`).
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { runFfmpeg } from '../ffmpeg/run';
import { probeMedia } from '../ffmpeg/probe';

/**
 * `scale` for a picture with alpha, in premultiplied space (FFmpeg 4.1's premultiply/unpremultiply
 * work on planar formats: gbrap keeps RGB exact). Without alpha the scale is returned as is.
 */
export function alphaSafeScale(scale: string, hasAlpha: boolean): string[] {
  return hasAlpha ? ['format=gbrap', 'premultiply=inplace=1', scale, 'unpremultiply=inplace=1'] : [scale];
}

/**
 * `file` laid over a plain `colour` (#RRGGBB) and written as an opaque PNG in `workDir`; `file`
 * itself when it has no alpha. Named by the source path and colour, so a resumed run writes the same file.
 */
export async function flattenAlpha(bins: { ffmpegPath: string; ffprobePath: string }, file: string, colour: string, workDir: string, signal?: AbortSignal): Promise<string> {
  const v = (await probeMedia(bins.ffprobePath, file, { signal })).video;
  if (!v || !v.hasAlpha) return file;
  const key = createHash('sha256').update(`${file}\n${colour}`).digest('hex').slice(0, 10);
  const out = path.join(workDir, `${path.basename(file, path.extname(file))}-flat-${key}.png`);
  await runFfmpeg({
    ffmpegPath: bins.ffmpegPath,
    args: [
      '-v', 'error', '-i', file,
      '-filter_complex', `color=c=0x${colour.replace('#', '')}:s=${v.width}x${v.height}:d=1,format=rgba[bg];[0:v]format=rgba[fg];[bg][fg]overlay=format=rgb:shortest=1,format=rgb24`,
      '-frames:v', '1', '-c:v', 'png',
    ],
    output: out,
    signal,
  });
  return out;
}
