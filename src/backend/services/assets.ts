import { AppError } from '../../shared/errors';
import { AssetRoleInput, BrandLogoInput, type Asset, type AssetImportInput, type Brand } from '../../shared/domain';
import { getCapabilities, resolveBinaries } from '../../pipeline/ffmpeg';
import * as repo from '../storage/repos';
import { importImage, type ImageTools, type ImportedImage } from '../media-import';
import type { ServiceContext } from './context';
import { removeUnreferencedMedia, toAsset } from './asset-view';
import { getBrand, requireBrand } from './brands';
import { getSettings } from './settings';
import { writeTransaction } from '../storage/transaction';

/** The asset row of an imported brand picture (a product image or the logo). */
function brandImageRow(ctx: ServiceContext, brandId: string, role: 'product' | 'logo', img: ImportedImage): Parameters<typeof repo.insertAsset>[1] {
  return {
    id: ctx.newId(),
    brandId,
    projectId: null,
    role,
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
  };
}

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
    const records = writeTransaction(ctx.db, () => {
      requireBrand(ctx, input.brandId);
      const existing = repo.listBrandAssets(ctx.db, input.brandId, 'product');
      return imported.map((img) => {
        const same = existing.find((a) => (a.originalSha256 ?? a.sha256) === img.original.sha256);
        if (same) return same;
        const record = repo.insertAsset(ctx.db, brandImageRow(ctx, input.brandId, 'product', img));
        existing.push(record);
        return record;
      });
    });
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
  await removeUnreferencedMedia(ctx, rowShas(a), repo.mediaReferences(ctx.db));
  if (a.brandId) ctx.emit('brand/changed', { id: a.brandId });
  return { deleted: true };
}

/** Sets what a product picture shows; only a brand's product picture has a role. */
export function setProductRole(ctx: ServiceContext, input: AssetRoleInput): Brand {
  const { id, role } = AssetRoleInput.parse(input);
  const a = repo.getAsset(ctx.db, id);
  if (!a || a.role !== 'product' || !a.brandId) throw new AppError('NOT_FOUND', 'That product picture no longer exists. Reload the brand.', { details: { id } });
  repo.setProductRole(ctx.db, id, role);
  ctx.emit('brand/changed', { id: a.brandId });
  return getBrand(ctx, a.brandId);
}

/**
 * The brand's logo: imported with the same checks as a product image but a logo's rules
 * (images/logo-image.ts), then it replaces the old logo in one transaction. A refused file
 * changes nothing (the old logo stays); the old logo's files are removed once nothing names them.
 */
export async function setBrandLogo(ctx: ServiceContext, input: BrandLogoInput): Promise<Brand> {
  const { brandId, file } = BrandLogoInput.parse(input);
  requireBrand(ctx, brandId);
  const tools = await imageTools(ctx);
  const img = await importImage(ctx.media, tools, file, { as: 'logo' });
  let old: repo.AssetRecord | undefined;
  try {
    old = writeTransaction(ctx.db, () => {
      requireBrand(ctx, brandId);
      const previous = repo.getBrandLogo(ctx.db, brandId);
      if (previous) repo.deleteAsset(ctx.db, previous.id);
      repo.insertAsset(ctx.db, { ...brandImageRow(ctx, brandId, 'logo', img), position: 0 });
      return previous;
    });
  } catch (err) {
    await removeUnreferencedMedia(ctx, shasOf(img), repo.mediaReferences(ctx.db));
    throw err;
  }
  if (old) await removeUnreferencedMedia(ctx, rowShas(old), repo.mediaReferences(ctx.db));
  ctx.emit('brand/changed', { id: brandId });
  return getBrand(ctx, brandId);
}

/** Removes the brand's logo (its ads' end cards show the brand name instead); no logo is no error. */
export async function removeBrandLogo(ctx: ServiceContext, brandId: string): Promise<Brand> {
  requireBrand(ctx, brandId);
  const logo = repo.getBrandLogo(ctx.db, brandId);
  if (logo) {
    repo.deleteAsset(ctx.db, logo.id);
    await removeUnreferencedMedia(ctx, rowShas(logo), repo.mediaReferences(ctx.db));
    ctx.emit('brand/changed', { id: brandId });
  }
  return getBrand(ctx, brandId);
}

const rowShas = (a: repo.AssetRecord) => [a.sha256, a.originalSha256, a.thumbnailSha256].filter((s): s is string => !!s);
