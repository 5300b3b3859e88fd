import { AppError } from '../../shared/errors';
import type { Asset, AssetImportInput } from '../../shared/domain';
import { getCapabilities, resolveBinaries } from '../../pipeline/ffmpeg';
import * as repo from '../storage/repos';
import { importImage, type ImageTools, type ImportedImage } from '../media-import';
import type { ServiceContext } from './context';
import { removeUnreferencedMedia, toAsset } from './asset-view';
import { requireBrand } from './brands';
import { getSettings } from './settings';

export async function imageTools(ctx: ServiceContext): Promise<ImageTools> {
  const bin = resolveBinaries({ ffmpegPath: getSettings(ctx).ffmpegPath });
  const caps = await getCapabilities(bin.ffmpegPath);
  return { ffmpegPath: bin.ffmpegPath, ffprobePath: bin.ffprobePath, encoders: caps.encoders };
}

const shasOf = (i: ImportedImage) => [i.original.sha256, i.working.sha256, i.thumbnail.sha256];

/**
 * Imports product images into a brand, all or nothing: if any file is bad, the error names it
 * and no asset is added. Re-importing an image the brand already has returns the existing asset.
 */
export async function importAssets(ctx: ServiceContext, input: AssetImportInput): Promise<Asset[]> {
  requireBrand(ctx, input.brandId);
  const tools = await imageTools(ctx);
  const imported: ImportedImage[] = [];
  const cleanup = () => removeUnreferencedMedia(ctx, imported.flatMap(shasOf), repo.mediaReferences(ctx.db));
  try {
    // One at a time: each decode of a large image can take hundreds of MB.
    for (const file of input.files) imported.push(await importImage(ctx.media, tools, file));
    const records = ctx.db.transaction(() => {
      requireBrand(ctx, input.brandId);
      const existing = repo.listBrandAssets(ctx.db, input.brandId);
      return imported.map((img) => {
        const same = existing.find((a) => (a.originalSha256 ?? a.sha256) === img.original.sha256);
        if (same) return same;
        const record = repo.insertAsset(ctx.db, {
          id: ctx.newId(),
          brandId: input.brandId,
          projectId: null,
          role: 'product',
          kind: 'image',
          sha256: img.working.sha256,
          originalSha256: img.derived ? img.original.sha256 : null,
          thumbnailSha256: img.thumbnail.sha256,
          originalName: img.originalName,
          mime: img.working.mime,
          width: img.working.width,
          height: img.working.height,
          durationMs: null,
          bytes: img.working.bytes,
          probe: img.probe,
          createdAt: ctx.now(),
        });
        existing.push(record);
        return record;
      });
    })();
    await cleanup(); // thumbnails of duplicates that were not inserted
    ctx.emit('brand/changed', { id: input.brandId });
    return records.map((r) => toAsset(ctx, r));
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export async function deleteAsset(ctx: ServiceContext, id: string): Promise<{ deleted: true }> {
  const a = repo.getAsset(ctx.db, id);
  if (!a) throw new AppError('NOT_FOUND', 'That image no longer exists. Reload the brand.', { details: { id } });
  repo.deleteAsset(ctx.db, id);
  await removeUnreferencedMedia(ctx, [a.sha256, a.originalSha256, a.thumbnailSha256].filter((s): s is string => !!s), repo.mediaReferences(ctx.db));
  if (a.brandId) ctx.emit('brand/changed', { id: a.brandId });
  return { deleted: true };
}
