import { AppError } from '../../shared/errors';
import { BrandCreateInput, BrandUpdateInput, type Brand } from '../../shared/domain';
import * as repo from '../storage/repos';
import type { ServiceContext } from './context';
import { removeUnreferencedMedia, toAsset } from './asset-view';
import { productRoles } from './product-roles';
import { writeTransaction } from '../storage/transaction';

function view(ctx: ServiceContext, b: repo.BrandRecord, adCount: number, lora: repo.LoraStatus, assets?: repo.AssetRecord[], logo?: repo.AssetRecord | null): Brand {
  const logoRow = logo === undefined ? repo.getBrandLogo(ctx.db, b.id) : logo;
  const products = assets ?? repo.listBrandAssets(ctx.db, b.id, 'product');
  const roles = productRoles(products);
  return {
    ...b,
    assets: products.map((a) => toAsset(ctx, a, roles.get(a.id))),
    logo: logoRow ? toAsset(ctx, logoRow) : null,
    adCount,
    loraStatus: lora,
  };
}

export function requireBrand(ctx: ServiceContext, id: string): repo.BrandRecord {
  const b = repo.getBrand(ctx.db, id);
  if (!b) throw new AppError('NOT_FOUND', 'That brand no longer exists. Reload the brand list.', { details: { id } });
  return b;
}

export function listBrands(ctx: ServiceContext): Brand[] {
  const ads = repo.adCountsByBrand(ctx.db);
  const loras = repo.loraStatusByBrand(ctx.db);
  const assets = repo.assetsByBrand(ctx.db, 'product');
  const logos = repo.assetsByBrand(ctx.db, 'logo');
  return repo.listBrands(ctx.db).map((b) => view(ctx, b, ads.get(b.id) ?? 0, loras.get(b.id) ?? 'none', assets.get(b.id) ?? [], logos.get(b.id)?.[0] ?? null));
}

export function getBrand(ctx: ServiceContext, id: string): Brand {
  const b = requireBrand(ctx, id);
  return view(ctx, b, repo.countBrandAds(ctx.db, id), repo.loraStatusByBrand(ctx.db).get(id) ?? 'none');
}

export function createBrand(ctx: ServiceContext, input: BrandCreateInput): Brand {
  const v = BrandCreateInput.parse(input);
  const now = ctx.now();
  const b = repo.insertBrand(ctx.db, { id: ctx.newId(), ...v, createdAt: now, updatedAt: now });
  ctx.emit('brand/changed', { id: b.id });
  return getBrand(ctx, b.id);
}

export function updateBrand(ctx: ServiceContext, input: BrandUpdateInput): Brand {
  const { id, ...changes } = BrandUpdateInput.parse(input);
  if (!repo.updateBrand(ctx.db, id, changes, ctx.now())) requireBrand(ctx, id);
  ctx.emit('brand/changed', { id });
  return getBrand(ctx, id);
}

/**
 * The rule: a brand used by nothing is deleted with its product images. A brand with ads is
 * refused (CONFLICT, naming how many) unless `force`, which deletes those ads — and everything
 * that cascades from them — in the same transaction. Files no longer referenced are then removed.
 */
export async function deleteBrand(ctx: ServiceContext, input: { id: string; force?: boolean }): Promise<{ deleted: true; adsDeleted: number }> {
  requireBrand(ctx, input.id);
  const adCount = repo.countBrandAds(ctx.db, input.id);
  if (adCount > 0 && !input.force) {
    throw new AppError(
      'CONFLICT',
      `This brand has ${adCount} ad${adCount === 1 ? '' : 's'}. Delete ${adCount === 1 ? 'it' : 'them'} first, or confirm deleting the brand together with ${adCount === 1 ? 'its ad' : `all ${adCount} ads`}.`,
      { details: { adCount } },
    );
  }
  const shas = repo.brandMediaShas(ctx.db, input.id);
  const adsDeleted = writeTransaction(ctx.db, () => {
    const n = repo.deleteBrandAds(ctx.db, input.id);
    repo.deleteBrand(ctx.db, input.id);
    return n;
  });
  await removeUnreferencedMedia(ctx, shas, repo.mediaReferences(ctx.db));
  ctx.emit('brand/changed', { id: input.id });
  return { deleted: true, adsDeleted };
}
