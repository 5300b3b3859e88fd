/**
 * Aspect variants: the same timeline rendered at another preset. The timeline's geometry is
 * anchored and relative (src/shared/timeline), so 16:9 → 9:16 needs no new generation.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { PRESET_SIZES } from '../../../shared/timeline';
import { exportTimeline } from '../../../pipeline/compose/export';
import { probeMedia } from '../../../pipeline/ffmpeg/probe';
import type { ServiceContext } from '../context';
import { renderScale } from '../../pipeline-services';
import { textCacheDir } from '../editor/text-rasters';
import type { Aspect } from '../../../shared/domain/aspect';
import { timelineJson } from '../../storage/repos/timelines';
import { variantIdOfTimeline } from '../../storage/repos/variants';
import { VARIANT_TAG } from '../../../shared/variants';

export async function renderVariant(
  ctx: ServiceContext,
  timelineId: string,
  aspect: Aspect,
): Promise<{ sha256: string; thumbnailSha256: string; durationMs: number }> {
  const json = timelineJson(ctx.db, timelineId);
  if (json === undefined) throw new AppError('NOT_FOUND', 'The ad timeline is missing. Regenerate the ad.');
  const timeline = JSON.parse(json) as { media: Record<string, { sha256?: string }> };
  const dir = path.join(ctx.dataDir, 'variants', ctx.newId());
  await mkdir(dir, { recursive: true });
  try {
    const out = path.join(dir, 'ad.mp4');
    const thumb = path.join(dir, 'thumbnail.jpg');
    const full = PRESET_SIZES[aspect];
    const scale = renderScale();
    const bins = ctx.binaries();
    // A variant's every render carries its variant id (issue 23), so a file joins back to its hook and CTA.
    const variantId = variantIdOfTimeline(ctx.db, timelineId);
    await exportTimeline(timeline, {
      metadata: variantId ? { [VARIANT_TAG]: variantId } : undefined,
      ffmpegPath: bins.ffmpegPath,
      ffprobePath: bins.ffprobePath,
      preset: aspect,
      out,
      thumbnail: thumb,
      textCacheDir: textCacheDir(ctx.dataDir),
      shortSide: scale < 1 ? Math.max(16, Math.round((Math.min(full.width, full.height) * scale) / 2) * 2) : undefined,
      resolveMedia: async (id) => {
        const sha = timeline.media[id]?.sha256;
        const r = sha ? await ctx.media.resolve(sha) : undefined;
        if (!r) throw new AppError('NOT_FOUND', `Timeline media "${id}" is missing from the media folder.`);
        return r.path;
      },
    });
    const probe = await probeMedia(bins.ffprobePath, out);
    const video = await ctx.media.putFile(out);
    const thumbnail = await ctx.media.putFile(thumb);
    return { sha256: video.sha256, thumbnailSha256: thumbnail.sha256, durationMs: Math.round((probe.durationS ?? 0) * 1000) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
