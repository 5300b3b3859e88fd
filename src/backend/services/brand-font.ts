/**
 * The brand font (issue 22): one of the bundled families, or the brand's own .ttf/.otf — read
 * (at most 10 MB), checked by its bytes, that Skia loads it and that it has every letter of the
 * brand name (pipeline/text/fonts.ts checkFontFile), then stored as media and named
 * `file:<sha256>`. A refused file changes nothing. The brand page shows each choice as a picture
 * of the brand's name drawn by the text engine itself (the same pixels its ads get).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../shared/errors';
import { BrandFontInput, type Brand, type BrandFontSample } from '../../shared/domain';
import { BUNDLED_FONTS, DEFAULT_FONT, isFontFile, type FontRef, type TextSpec } from '../../shared/timeline';
import { checkFontFile, fontProblemMessage, MAX_FONT_BYTES } from '../../pipeline/text/fonts';
import * as repo from '../storage/repos';
import type { ServiceContext } from './context';
import { getBrand, requireBrand } from './brands';
import { removeUnreferencedMedia } from './asset-view';
import { textRasters } from './editor/text-rasters';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

async function fontBytes(file: BrandFontInput extends infer T ? (T extends { file: infer F } ? F : never) : never): Promise<{ name: string; bytes: Buffer }> {
  if ('path' in file) {
    if (!isAbsolute(file.path)) throw new AppError('VALIDATION', 'The font file path must be absolute.');
    const name = basename(file.path);
    const info = await stat(file.path).catch(() => null);
    if (!info?.isFile()) throw new AppError('NOT_FOUND', `The font file ${file.path} was not found.`);
    if (info.size > MAX_FONT_BYTES) throw refusal(name, { ok: false, problem: 'tooLarge' });
    return { name, bytes: await readFile(file.path) };
  }
  if (!BASE64.test(file.base64)) throw new AppError('VALIDATION', `"${file.name}" did not arrive intact. Choose it again.`);
  if (file.base64.length > Math.ceil((MAX_FONT_BYTES * 4) / 3) + 4) throw refusal(file.name, { ok: false, problem: 'tooLarge' });
  return { name: file.name, bytes: Buffer.from(file.base64, 'base64') };
}

function refusal(name: string, p: Parameters<typeof fontProblemMessage>[1]): AppError {
  return new AppError('UNSUPPORTED_MEDIA', fontProblemMessage(name, p), { details: { i18n: { key: `errors.font.${p.problem}`, values: { name, missing: p.missing ?? '' } } } });
}

export async function setBrandFont(ctx: ServiceContext, input: BrandFontInput): Promise<Brand> {
  const v = BrandFontInput.parse(input);
  const brand = requireBrand(ctx, v.brandId);
  let font: FontRef | null;
  if ('font' in v) {
    font = v.font === DEFAULT_FONT ? null : v.font;
  } else {
    const { name, bytes } = await fontBytes(v.file);
    const r = checkFontFile(bytes, brand.name);
    if (!r.ok) throw refusal(name, r);
    font = `file:${(await ctx.media.putBytes(bytes)).sha256}`;
  }
  const old = brand.font;
  if (!repo.setBrandFont(ctx.db, brand.id, font, ctx.now())) requireBrand(ctx, brand.id);
  if (old && old !== font && isFontFile(old)) await removeUnreferencedMedia(ctx, [old.slice(5)], repo.mediaReferences(ctx.db));
  ctx.emit('brand/changed', { id: brand.id });
  return getBrand(ctx, brand.id);
}

/** The brand's name drawn in each bundled family (and its own font, if it has one) by the text engine. */
export async function brandFontSamples(ctx: ServiceContext, brandId: string): Promise<BrandFontSample[]> {
  const brand = requireBrand(ctx, brandId);
  const choices: { font: FontRef; name: string }[] = BUNDLED_FONTS.map((f) => ({ font: f.id, name: f.name }));
  if (brand.font && isFontFile(brand.font)) choices.push({ font: brand.font, name: '' });
  const spec = (font: FontRef): TextSpec => ({
    text: brand.name, role: 'brand', look: 'title', fontSize: 56, minFontSize: 28, maxWidth: 520, maxHeight: 150, maxLines: 2, lineHeightEm: 1.15, paddingEm: 0.15,
    protect: true, align: 'center', color: '#FFFFFF', background: null, backgroundOpacity: 0, accent: '#FFD23F', highlight: null, ...(font === DEFAULT_FONT ? {} : { font }),
  });
  const pictures = await textRasters(ctx, choices.map((c) => spec(c.font)));
  return choices.map((c, i) => ({ font: c.font, name: c.name, url: pictures[i]!.url, width: pictures[i]!.width, height: pictures[i]!.height }));
}
