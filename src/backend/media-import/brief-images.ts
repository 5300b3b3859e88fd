/**
 * A brief file's pictures judged before a run is created (the CLI's boundary; the app judges at
 * import): the product images and the pictures of the creator's scene ideas go through the same
 * checks as an import — the first bytes say PNG, JPEG or WebP (never the extension), the size the
 * header states is within MAX_IMAGE_PIXELS (before any decode), then the content checks of
 * images/product-image.ts (empty, tiny, one flat colour; soft is a warning). A refusal of a
 * scene's picture names the scene and the file. The brand's logo gets the same head checks and a
 * logo's rules (images/logo-image.ts).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { BatchRow } from '../../pipeline/batch-file';
import { trimIdea, type ResolvedBrief } from '../../pipeline/brief';
import { screenProductImages } from '../../pipeline/images/product-image';
import { screenLogo } from '../../pipeline/images/logo-image';
import { checkPixels, headerSize, readImageHead } from '../media-store/decoded-size';
import { sniffMedia } from '../media-store/sniff';

/** Type and stated size from the file's head: one bounded read, nothing decoded. */
async function checkHead(file: string): Promise<void> {
  const name = path.basename(file);
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: unknown) => {
    throw new AppError('NOT_FOUND', `Cannot open "${file}". Check that the file exists and that Zapcut may read it.`, { cause: err });
  });
  try {
    const { size } = await fh.stat();
    if (!size) throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is empty (0 bytes). Save the picture again.`);
    const head = await readImageHead(fh, size);
    const t = sniffMedia(head);
    if (t?.kind !== 'image') throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is not a PNG, JPEG or WebP image${t ? ` (it is ${t.mime})` : ''}. Use a PNG, JPEG or WebP picture.`);
    const dims = headerSize(head);
    if (dims) checkPixels(name, dims);
  } finally {
    await fh.close();
  }
}

/** Throws the first refusal (a scene's names the scene); returns what to warn about. */
export async function screenBriefImages(bins: { ffmpegPath: string; ffprobePath: string }, brief: Pick<ResolvedBrief, 'product' | 'scenes'> & { brand?: Pick<ResolvedBrief['brand'], 'logo'> }, scratchDir: string, signal?: AbortSignal): Promise<string[]> {
  const warnings: string[] = [];
  const judge = async (file: string, label?: string) => {
    try {
      await checkHead(file);
      for (const w of await screenProductImages(bins, [file], scratchDir, signal)) warnings.push(label ? `${label}: ${w}` : w);
    } catch (err) {
      if (label && err instanceof AppError) throw new AppError(err.code, `${label}: ${err.message}`, { details: err.details, cause: err });
      throw err;
    }
  };
  for (const file of brief.product.images) await judge(file);
  // The brand's logo: the same head checks, then a logo's rules (images/logo-image.ts).
  if (brief.brand?.logo) {
    await checkHead(brief.brand.logo);
    warnings.push(...(await screenLogo(bins, brief.brand.logo, path.join(scratchDir, `zapcut-logo-${process.pid}.rgba`), signal)));
  }
  for (const [i, scene] of (brief.scenes ?? []).entries()) {
    for (const file of scene.images ?? []) await judge(file, `Scene ${i + 1} of the brief ("${trimIdea(scene.idea)}"), picture "${path.basename(file)}"`);
  }
  return warnings;
}

/**
 * A batch's rows judged like `zapcut generate` judges one brief: a row whose pictures are refused
 * becomes a row that will not run (its error says why; the other rows still run), and a row's
 * warnings are returned under its row number. Rows that share their pictures (the usual case: one
 * product in many ads) are judged once.
 */
export async function screenBatchImages(bins: { ffmpegPath: string; ffprobePath: string }, rows: BatchRow[], scratchDir: string, signal?: AbortSignal): Promise<{ rows: BatchRow[]; warnings: Array<{ row: number; warning: string }> }> {
  const judged = new Map<string, { warnings: string[] } | { error: string }>();
  const out: BatchRow[] = [];
  const warnings: Array<{ row: number; warning: string }> = [];
  for (const r of rows) {
    if (!r.brief) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.brief.product.images, r.brief.brand.logo ?? null, (r.brief.scenes ?? []).map((s) => [s.idea, s.images ?? []])]);
    let verdict = judged.get(key);
    if (!verdict) {
      try {
        verdict = { warnings: await screenBriefImages(bins, r.brief, scratchDir, signal) };
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'CANCELLED') throw err;
        verdict = { error: err.message };
      }
      judged.set(key, verdict);
    }
    if ('error' in verdict) out.push({ ...r, brief: null, error: verdict.error });
    else {
      out.push(r);
      for (const warning of verdict.warnings) warnings.push({ row: r.row, warning });
    }
  }
  return { rows: out, warnings };
}
