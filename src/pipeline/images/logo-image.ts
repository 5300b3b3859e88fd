/**
 * A brand's logo, judged like a product image (type from the bytes, decoded size, one small RGBA
 * decode) but by a logo's rules, which differ in three places:
 * - transparency is expected (a PNG or WebP cut-out is the best logo), so only an almost fully
 *   transparent one is refused (same 2 % floor as products);
 * - one colour is fine when the picture has a shape (a black wordmark on transparency): only a
 *   fully opaque picture of one flat colour — a blank rectangle — is refused;
 * - its size is judged against the end card's logo slots at 1080p (slots.ts: 884×140 in 16:9,
 *   865×150 and 503×150 in 9:16, 972×120 in 1:1): the largest enlargement any slot needs. Over 4× it
 *   would look blocky (the product rule) and is refused; over 1.25× it is accepted with a warning
 *   naming the long side at which it is sharp.
 * SVG is not accepted: it is a document, not pixels (scripts, external references, fonts), would
 * need a rasteriser at a chosen size before FFmpeg can use it, and every logo tool exports PNG with
 * transparency — the refusal says so.
 */
import path from 'node:path';
import type { AssetWarning } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { slotLayout } from '../../shared/timeline/slots';
import { probeMedia } from '../ffmpeg/probe';
import { pictureSize } from './header-size';
import { analyzeImage, MIN_OPAQUE_SHARE, type Box, type ImageContent } from './product-image';

/** Enlargement above which a logo is refused (blocky), and above which it is warned about (soft). */
export const MAX_LOGO_ENLARGE = 4;
export const SOFT_LOGO_ENLARGE = 1.25;

export type LogoProblem =
  | { kind: 'transparent'; opaquePercent: number }
  | { kind: 'tiny'; width: number; height: number; min: number }
  | { kind: 'flat'; colour: string };

/** Every end-card logo slot of every aspect, reference (1080p) px. */
function logoSlots(): { w: number; h: number }[] {
  const out: { w: number; h: number }[] = [];
  for (const preset of ['16:9', '9:16', '1:1'] as const) {
    const s = slotLayout(preset).slots;
    for (const r of [s.logo, s.logoBeside]) if (r) out.push({ w: r.w, h: r.h });
  }
  return out;
}

/** How much the logo's visible part is enlarged to fill its largest slot (contain fit). */
export function logoEnlargement(shown: Pick<Box, 'w' | 'h'>): number {
  return Math.max(...logoSlots().map((s) => Math.min(s.w / shown.w, s.h / shown.h)));
}

/** Refusal (first problem) and warnings for an analysed logo (pure). */
export function judgeLogo(c: ImageContent): { problem: LogoProblem | null; warnings: AssetWarning[] } {
  if (c.opaqueShare < MIN_OPAQUE_SHARE || !c.visible) {
    return { problem: { kind: 'transparent', opaquePercent: Math.round(c.opaqueShare * 1000) / 10 }, warnings: [] };
  }
  if (c.spread < 2 && c.opaqueShare > 0.98) return { problem: { kind: 'flat', colour: c.colour }, warnings: [] };
  const shown = c.visible;
  const side = Math.max(shown.w, shown.h);
  const enlarge = logoEnlargement(shown);
  if (enlarge > MAX_LOGO_ENLARGE) return { problem: { kind: 'tiny', width: shown.w, height: shown.h, min: Math.ceil((side * enlarge) / MAX_LOGO_ENLARGE) }, warnings: [] };
  return { problem: null, warnings: enlarge > SOFT_LOGO_ENLARGE ? [{ kind: 'low_resolution', side, recommended: Math.ceil(side * enlarge) }] : [] };
}

/** What a refusal says (English: the CLI and the logs; the app shows `errors.logo.<kind>`). */
export function logoProblemMessage(name: string, p: LogoProblem): string {
  switch (p.kind) {
    case 'transparent':
      return `The logo "${name}" is almost fully transparent (${p.opaquePercent} % of it is visible), so the end card would show nothing. Export the logo at full opacity and choose it again.`;
    case 'tiny':
      return `The logo "${name}" is only ${p.width}×${p.height} px; on the end card it would be blown up more than ${MAX_LOGO_ENLARGE}× and look blocky. Use a logo at least ${p.min} px across.`;
    case 'flat':
      return `The logo "${name}" is one flat colour (${p.colour}) with nothing drawn on it. Choose the logo file itself (a PNG with a transparent background looks best).`;
  }
}

export function logoWarningMessage(name: string, w: AssetWarning): string {
  return `The logo "${name}" is ${w.side} px across; on the end card it will look soft. ${w.recommended} px or more looks sharp.`;
}

export function logoProblemError(name: string, p: LogoProblem): AppError {
  const { kind, ...values } = p;
  return new AppError('UNSUPPORTED_MEDIA', logoProblemMessage(name, p), { details: { i18n: { key: `errors.logo.${kind}`, values: { name, ...values } } } });
}

/**
 * A logo whose visible part is at least this much wider than tall is a wordmark: the brand's name
 * set as lettering ("LUNA COFFEE"), so the end card does not print the name again under it. A
 * symbol or a stacked mark (a picture above the name) is narrower and keeps the name line.
 */
export const WORDMARK_ASPECT = 2.5;

/** Pure: whether an analysed logo is a wordmark (its visible part's shape, see WORDMARK_ASPECT). */
export function isWordmark(c: Pick<ImageContent, 'visible'>): boolean {
  return !!c.visible && c.visible.w >= c.visible.h * WORDMARK_ASPECT;
}

/** Whether a logo file is a wordmark (one small decode; `scratch` is removed after). */
export async function logoIsWordmark(ffmpegPath: string, file: string, scratch: string, signal?: AbortSignal): Promise<boolean> {
  const size = await pictureSize(file);
  if (!size) return false;
  return isWordmark(await analyzeImage(ffmpegPath, file, size, scratch, signal));
}

/** A brief's logo file (the CLI's boundary): throws the refusal, returns what to warn about. */
export async function screenLogo(bins: { ffmpegPath: string; ffprobePath: string }, file: string, scratch: string, signal?: AbortSignal, name = path.basename(file)): Promise<string[]> {
  const v = (await probeMedia(bins.ffprobePath, file, { signal })).video;
  if (!v) throw new AppError('UNSUPPORTED_MEDIA', `The logo "${name}" is not an image. Use a PNG (transparent background), JPEG or WebP logo.`);
  const verdict = judgeLogo(await analyzeImage(bins.ffmpegPath, file, { width: v.displayWidth, height: v.displayHeight }, scratch, signal));
  if (verdict.problem) throw logoProblemError(name, verdict.problem);
  return verdict.warnings.map((w) => logoWarningMessage(name, w));
}
