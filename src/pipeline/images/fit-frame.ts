/**
 * A picture the user puts in place of a keyframe (a product image or an upload, issue 21) is
 * fitted to the ad's frame before it becomes the scene's first or last frame: the video model
 * starts from it and the continuity gate compares the clip with it, so it must have the ad's size.
 *
 * Letterboxed, not cover-cropped: product pictures are mostly a whole product on a plain ground
 * (a tall bottle in a square), and cropping a square to 16:9 cuts the product's top and bottom off
 * — the model would then invent the missing cap. The whole picture is kept, centred, over a blurred
 * and dimmed copy of itself filling the frame (a transparent picture first laid on the brand's
 * colour), so the bars carry the picture's own colours instead of black.
 */
import { runFfmpeg } from '../ffmpeg';
import type { Resolution } from '../providers/types';
import { flattenAlpha } from './alpha';

/** The filter graph (pure) for an opaque picture (input 0); the output `[out]` is `width`×`height` RGB. */
export function fitFrameGraph(size: Resolution): string {
  const { width: W, height: H } = size;
  const blur = Math.max(4, Math.round(Math.min(W, H) / 30));
  return [
    `[0:v]format=rgb24,split[a][b]`,
    `[a]scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},boxblur=${blur}:2,colorchannelmixer=rr=0.8:gg=0.8:bb=0.8[ground]`,
    `[b]scale=${W}:${H}:force_original_aspect_ratio=decrease[fit]`,
    `[ground][fit]overlay=(W-w)/2:(H-h)/2,format=rgb24[out]`,
  ].join(';');
}

/**
 * Writes `input` fitted to `size` as a PNG at `output`; a transparent picture is first laid on
 * `field` (the brand's colour, #RRGGBB) in `workDir`.
 */
export async function fitToFrame(bins: { ffmpegPath: string; ffprobePath: string }, input: string, output: string, size: Resolution, field: string, workDir: string, signal?: AbortSignal): Promise<void> {
  const opaque = await flattenAlpha(bins, input, field, workDir, signal);
  await runFfmpeg({ ffmpegPath: bins.ffmpegPath, args: ['-i', opaque, '-filter_complex', fitFrameGraph(size), '-map', '[out]', '-frames:v', '1', '-c:v', 'png'], output, signal });
}
