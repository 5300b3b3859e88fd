/**
 * The chat's answers (a project's slots) and the pipeline's brief, both ways: the brief a project's
 * run starts from, and the slots a brief from a file (the CLI) is stored as — one shape for every
 * project's document.
 */
import { AppError } from '../../../shared/errors';
import { isFontFile } from '../../../shared/timeline/fonts';
import { trimIdea, type ResolvedBrief } from '../../../pipeline/brief';
import * as brands from '../../storage/repos';
import type { ServiceContext } from '../context';
import { inUseOrder } from '../product-roles';
import type { Slots } from '../../../shared/domain/ads';
import type { ProjectRow } from '../../storage/repos/projects';

/** The brand's product pictures as files, hero first (the pipeline's first picture is the hook's and the end card's). */
export async function productImagePaths(ctx: ServiceContext, brandId: string): Promise<string[]> {
  const paths: string[] = [];
  for (const { record: a } of inUseOrder(brands.listBrandAssets(ctx.db, brandId, 'product'))) {
    if (a.kind !== 'image') continue;
    const r = await ctx.media.resolve(a.sha256);
    if (r) paths.push(r.path);
    if (paths.length === 8) break;
  }
  return paths;
}

/** The brand's logo as a file in the data folder (the end card shows it), if it has one. */
async function logoPath(ctx: ServiceContext, brandId: string): Promise<string | undefined> {
  const logo = brands.getBrandLogo(ctx.db, brandId);
  return logo ? (await ctx.media.resolve(logo.sha256))?.path : undefined;
}

/** The brand font as the brief names it: a bundled id, or its file in the data folder. */
async function brandFont(ctx: ServiceContext, font: string | null): Promise<string | undefined> {
  if (!font) return undefined;
  if (!isFontFile(font)) return font;
  const r = await ctx.media.resolve(font.slice(5));
  if (!r) throw new AppError('NOT_FOUND', "The brand's font file is no longer in the Zapcut data folder. Choose the brand font again on the brand page.");
  return r.path;
}

export async function briefFor(ctx: ServiceContext, project: ProjectRow, scenesHint?: number): Promise<ResolvedBrief> {
  const s = project.doc.slots;
  const brand = project.brandId ? brands.getBrand(ctx.db, project.brandId) : undefined;
  if (!brand) throw new AppError('NOT_FOUND', 'The brand of this ad no longer exists. Start a new ad from another brand.');
  if (!s.productName || !s.productDescription || !s.audience || !s.benefit || !s.lengthSeconds || !s.aspect) {
    throw new AppError('VALIDATION', 'The brief is not complete yet. Answer the questions in the chat first.');
  }
  const images = await productImagePaths(ctx, brand.id);
  const logo = await logoPath(ctx, brand.id);
  const font = await brandFont(ctx, brand.font);
  if (!images.length) throw new AppError('VALIDATION', `${brand.name} has no product images. Add at least one in the chat or on the brand page.`);
  const scenes = s.scenes?.length ? await sceneIdeas(ctx, s.scenes) : undefined;
  const guidelines = [brand.guidelines, s.tone ? `Tone: ${s.tone}` : ''].filter(Boolean).join('\n').slice(0, 4000);
  return {
    brand: {
      name: brand.name,
      description: (s.brandDescription || brand.description || brand.name).slice(0, 2000),
      colors: brand.colors.slice(0, 6),
      ...(guidelines ? { guidelines } : {}),
      ...(logo ? { logo } : {}),
      ...(font ? { font } : {}),
    },
    product: { name: s.productName, description: s.productDescription, audience: s.audience, benefit: s.benefit, images },
    ...(s.cta ? { cta: s.cta.slice(0, 120) } : {}),
    lengthSeconds: s.lengthSeconds,
    aspect: s.aspect,
    voice: 'american',
    ...(scenesHint ? { scenesHint } : {}),
    ...(s.direction ? { direction: s.direction.slice(0, 1000) } : {}),
    ...(scenes ? { scenes } : {}),
    ...(s.captionStyle ? { captionStyle: s.captionStyle } : {}),
  };
}

/** The project's scene ideas with their pictures as files (a picture no longer stored is named). */
async function sceneIdeas(ctx: ServiceContext, scenes: NonNullable<Slots['scenes']>): Promise<NonNullable<ResolvedBrief['scenes']>> {
  const out: NonNullable<ResolvedBrief['scenes']> = [];
  for (const [i, scene] of scenes.entries()) {
    const images: string[] = [];
    for (const sha of scene.images ?? []) {
      const r = await ctx.media.resolve(sha);
      if (!r) throw new AppError('NOT_FOUND', `A picture of scene ${i + 1} ("${trimIdea(scene.idea)}") is no longer in the Zapcut data folder. Attach it to the scene again.`);
      images.push(r.path);
    }
    out.push({ idea: scene.idea, ...(images.length ? { images } : {}) });
  }
  return out;
}

/** The chat's slots for a brief that came whole (a file): the project reads like a finished chat. */
export function slotsFromBrief(b: ResolvedBrief): Slots {
  return {
    brandDescription: b.brand.description,
    productName: b.product.name,
    productDescription: b.product.description,
    audience: b.product.audience,
    benefit: b.product.benefit,
    imagesConfirmed: true,
    lengthSeconds: b.lengthSeconds,
    aspect: b.aspect,
    ...(b.cta ? { cta: b.cta } : {}),
    // The ideas' pictures stay in the run's brief (they are the creator's files, not stored media).
    ...(b.direction ? { direction: b.direction } : {}),
    ...(b.captionStyle ? { captionStyle: b.captionStyle } : {}),
    ...(b.scenes ? { scenes: b.scenes.map((x) => ({ idea: x.idea })) } : {}),
    confirmed: true,
  };
}
