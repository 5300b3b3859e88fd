/**
 * A brief pre-filled from a product page (issue 22): the page is fetched under the guard
 * (fetch-guarded.ts), its product data read (parse-page.ts), its product images downloaded under
 * the same guard — each one's type sniffed from its bytes, its decoded size read from its header
 * and checked before any decode, then judged by the product-image checks `zapcut generate` and the
 * app's import use; an image that fails any of that is skipped with the reason, not fatal.
 *
 * Page text is data, never instructions: it only ever fills string fields of the brief (name,
 * descriptions, benefit), after cleanText; nothing on the page sets an option (length, voice,
 * aspect, CTA, safety) — those keys are not read from the page at all — and the result must pass
 * the strict Brief schema (no extra keys). Downstream, the pipeline gives a brief to a model only as
 * JSON under the fixed task prompt ("Input (JSON): …", stages/prompts-text.ts), and the safety step
 * checks the brief like any brief a creator typed. So "ignore previous instructions" on a page is a
 * sentence in a product description the creator reads and can delete.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { Brief } from '../../pipeline/brief';
import { screenProductImage } from '../../pipeline/images/product-image';
import { sniffMedia } from '../media-store/sniff';
import { checkPixels, headerSize, IMAGE_HEAD_BYTES } from '../media-store/decoded-size';
import { fetchGuarded, type FetchLimits } from './fetch-guarded';
import { pageEncoding, parseProductPage, type PageProduct } from './parse-page';

export const PAGE_MAX_BYTES = 2 * 1024 * 1024;
export const PAGE_TIMEOUT_MS = 15_000;
export const IMAGE_MAX_BYTES = 15 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 20_000;
/** Product images kept in the brief (the first ones in page order that pass the checks). */
export const MAX_BRIEF_IMAGES = 4;

export interface PageBriefOptions {
  bins: { ffmpegPath: string; ffprobePath: string };
  signal?: AbortSignal;
  /** Tests only (see FetchLimits); the CLI and the app never set it. */
  allowLoopbackHttpForTests?: boolean;
  pageTimeoutMs?: number;
  imageTimeoutMs?: number;
  pageMaxBytes?: number;
  imageMaxBytes?: number;
}

export interface PageBrief {
  /** Valid for `zapcut generate`; image paths are relative to the brief file. */
  brief: Brief;
  page: PageProduct;
  images: { url: string; file: string; warnings: string[] }[];
  skipped: { url: string; reason: string }[];
  /** What the creator should check before generating, one line each. */
  checks: string[];
}

const notProductPage = (message: string) => new AppError('VALIDATION', message, { details: { reason: 'not-product-page' } });

/** Fetches and reads the page (no images yet). */
export async function readProductPage(url: string, opts: Omit<PageBriefOptions, 'bins'> = {}): Promise<PageProduct> {
  const res = await fetchGuarded(url, {
    what: 'The page',
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    maxBytes: opts.pageMaxBytes ?? PAGE_MAX_BYTES,
    timeoutMs: opts.pageTimeoutMs ?? PAGE_TIMEOUT_MS,
    signal: opts.signal,
    allowLoopbackHttpForTests: opts.allowLoopbackHttpForTests,
  });
  const type = (res.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'text/html' && type !== 'application/xhtml+xml') {
    throw notProductPage(`${res.url.slice(0, 200)} is not a web page (it is ${type.slice(0, 60)}). Paste the address of the product's page in the shop.`);
  }
  return parseProductPage(new TextDecoder(pageEncoding(res.body, res.contentType)).decode(res.body), res.url);
}

/** Downloads one image under the guard, checks its type and decoded size, writes it, screens it. */
async function downloadImage(url: string, dir: string, n: number, opts: PageBriefOptions): Promise<{ file: string; warnings: string[] }> {
  const limits: FetchLimits = {
    what: `Image ${n}`,
    accept: 'image/png,image/jpeg,image/webp;q=0.9,*/*;q=0.1',
    maxBytes: opts.imageMaxBytes ?? IMAGE_MAX_BYTES,
    timeoutMs: opts.imageTimeoutMs ?? IMAGE_TIMEOUT_MS,
    signal: opts.signal,
    allowLoopbackHttpForTests: opts.allowLoopbackHttpForTests,
  };
  const res = await fetchGuarded(url, limits);
  const type = sniffMedia(res.body.subarray(0, 16));
  if (type?.kind !== 'image') throw new AppError('UNSUPPORTED_MEDIA', `it is not a PNG, JPEG or WebP picture${res.contentType ? ` (${res.contentType.split(';')[0]!.slice(0, 40)})` : ''}`);
  const size = headerSize(res.body.subarray(0, IMAGE_HEAD_BYTES));
  if (!size) throw new AppError('UNSUPPORTED_MEDIA', 'its header does not state its size (cut short or damaged)');
  checkPixels(`image ${n}`, size);
  const ext = type.mime === 'image/png' ? 'png' : type.mime === 'image/webp' ? 'webp' : 'jpg';
  const file = path.join(dir, `product-${n}.${ext}`);
  await writeFile(file, res.body);
  try {
    const warnings = await screenProductImage(opts.bins, file, path.join(dir, `.screen-${n}.rgba`), opts.signal, `image ${n}`);
    return { file, warnings };
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  }
}

const firstSentence = (s: string, max: number) => {
  const m = /^(.{20,}?[.!?])(\s|$)/u.exec(s);
  const out = (m?.[1] ?? s).trim();
  return out.length <= max ? out : `${out.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
};

/**
 * The page → a brief whose images are in `imagesDir` (referenced as `<imagesRef>/<file>`). Throws
 * 'not-product-page' when the page names no product or offers no usable product image.
 */
export async function briefFromPage(url: string, imagesDir: string, imagesRef: string, opts: PageBriefOptions): Promise<PageBrief> {
  const page = await readProductPage(url, opts);
  const structured = page.found.includes('json-ld') || page.found.includes('open-graph');
  if (!page.name || !structured) {
    throw notProductPage(
      `${page.url.slice(0, 200)} does not look like a product page: it has no product data (no JSON-LD Product, no Open Graph tags)${page.name ? `, only the title "${page.name.text.slice(0, 80)}"` : ''}. Paste the address of the product's own page (not the shop's home or a category), or write the brief yourself (README "Brief format").`,
    );
  }
  if (page.images.length === 0) {
    throw notProductPage(`The page names "${page.name.text.slice(0, 80)}" but shows no product image in its data. Save a product photo and write the brief yourself (README "Brief format"), with it under product.images.`);
  }
  await mkdir(imagesDir, { recursive: true });
  const images: PageBrief['images'] = [];
  const skipped: PageBrief['skipped'] = [];
  for (const imageUrl of page.images) {
    if (images.length >= MAX_BRIEF_IMAGES) break;
    try {
      images.push({ url: imageUrl, ...(await downloadImage(imageUrl, imagesDir, images.length + skipped.length + 1, opts)) });
    } catch (err) {
      if (err instanceof AppError && err.code === 'CANCELLED') throw err;
      skipped.push({ url: imageUrl, reason: (err as Error).message });
    }
  }
  if (images.length === 0) {
    throw notProductPage(`None of the page's ${page.images.length} product image(s) could be used:\n${skipped.map((s) => `  - ${s.url.slice(0, 120)}: ${s.reason}`).join('\n')}\nSave a product photo and write the brief yourself (README "Brief format").`);
  }

  const host = new URL(page.url).hostname.replace(/^www\./, '');
  const brandName = page.brand?.text ?? page.siteName ?? host;
  const description = page.description?.text ?? page.name.text;
  const checks: string[] = [];
  if (!page.brand) checks.push(`brand.name is "${brandName}", taken from ${page.siteName ? 'the site name' : 'the web address'}: use the brand's real name.`);
  checks.push(`brand.description is a placeholder ("${brandName}, the brand behind ${page.name.text.slice(0, 60)}"): say what the brand stands for.`);
  checks.push('product.audience is a placeholder: say who the ad is for.');
  checks.push(page.description ? 'product.benefit is the first sentence of the page\'s description: make it the one reason to buy.' : 'product.benefit and product.description repeat the name (the page has no description): write them.');
  checks.push('All text comes from the page: read it, keep what is true and delete anything that is not about the product (shops and reviews can carry stray text).');
  if (!page.found.includes('json-ld') && page.ogType !== 'product' && page.ogType !== 'product.item') {
    checks.push(`The page does not say it is a product (no JSON-LD Product${page.ogType ? `, og:type "${page.ogType}"` : ''}): check it is the product's own page.`);
  }
  const draft = {
    brand: {
      name: brandName,
      description: `${brandName}, the brand behind ${page.name.text}`.slice(0, 2000),
    },
    product: {
      name: page.name.text,
      description,
      audience: `people who want ${page.name.text}`.slice(0, 500),
      benefit: firstSentence(description, 500),
      images: images.map((i) => `${imagesRef}/${path.basename(i.file)}`),
    },
    ...(page.language ? { language: page.language } : {}),
  };
  const parsed = Brief.safeParse(draft);
  if (!parsed.success) throw new AppError('INTERNAL', `The brief made from the page does not match the brief format: ${z.prettifyError(parsed.error)}`);
  return { brief: parsed.data, page, images, skipped, checks };
}

export type WrittenPageBrief = PageBrief & { out: string; imagesDir: string };

/**
 * Writes `out` (the brief) and `<out stem>-images/` (its pictures) all or nothing: everything is
 * made in a hidden staging folder beside `out`, then the folder and the brief are renamed into
 * place; on any failure the staging folder is removed and nothing is left behind. Refuses to
 * replace an existing brief or images folder unless `force`.
 */
export async function writeBriefFromPage(url: string, out: string, opts: PageBriefOptions & { force?: boolean }): Promise<WrittenPageBrief> {
  const dest = path.resolve(out);
  const stem = path.basename(dest).replace(/\.json$/i, '');
  const imagesDir = path.join(path.dirname(dest), `${stem}-images`);
  const exists = (p: string) => stat(p).then(() => true, () => false);
  if (!opts.force) {
    for (const p of [dest, imagesDir]) {
      if (await exists(p)) throw new AppError('CONFLICT', `${p} already exists. Choose another --out, or pass --force to replace it.`);
    }
  }
  const staging = path.join(path.dirname(dest), `.${stem}.${randomBytes(4).toString('hex')}.partial`);
  const briefTemp = path.join(staging, 'brief.json');
  const stagedImages = path.join(staging, 'images');
  try {
    await mkdir(staging, { recursive: false }).catch((cause: unknown) => {
      throw new AppError('IO', `Could not write in ${path.dirname(dest)}: ${(cause as Error).message}. Check the folder exists and is writable.`, { cause });
    });
    const made = await briefFromPage(url, stagedImages, `${stem}-images`, opts);
    await writeFile(briefTemp, `${JSON.stringify(made.brief, null, 2)}\n`);
    if (opts.force) await rm(imagesDir, { recursive: true, force: true });
    await rename(stagedImages, imagesDir);
    try {
      await rename(briefTemp, dest);
    } catch (err) {
      await rm(imagesDir, { recursive: true, force: true });
      throw err;
    }
    return { ...made, images: made.images.map((i) => ({ ...i, file: path.join(imagesDir, path.basename(i.file)) })), out: dest, imagesDir };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
