/**
 * Timeline text → what the text engine renders (`TextSpec`) and where the picture goes. The engine
 * (src/pipeline/text, Skia with a font fallback chain) fits each spec with real metrics
 * (text-fit.ts) and renders it once to a PNG; the preview and the export both draw that PNG at
 * the box computed here, so they cannot disagree.
 *
 * An item without a `placement` goes to its role's slot for the output preset (slots.ts): the
 * slot is the box it must fit, and the picture is centred in it. An item with a placement (the
 * editor's drag, v1 documents) keeps its anchor and offsets and wraps at its `w`.
 */
import { z } from 'zod';
import { anchoredPosition } from './layout';
import { CaptionLook, HexColor, TextRole, type AspectPreset, type TextItem } from './model';
import { slotFor, slotRect, type Rect } from './slots';
import { DEFAULT_FONT, FontRef } from './fonts';

export const TextLook = z.enum([...CaptionLook.options, 'title', 'button', 'plain']);
export type TextLook = z.infer<typeof TextLook>;

const Px = z.number().min(1).max(20_000);
/** What the text engine renders (also the `editor/textRasters` input, so it is validated). */
export const TextSpec = z
  .object({
    text: z.string().min(1).max(2000),
    role: TextRole,
    look: TextLook,
    /** Output px. */
    fontSize: Px,
    minFontSize: Px,
    maxWidth: Px,
    maxHeight: Px,
    maxLines: z.number().int().min(1).max(40),
    lineHeightEm: z.number().min(0.5).max(4),
    paddingEm: z.number().min(0).max(4),
    protect: z.boolean(),
    align: z.enum(['left', 'center', 'right']),
    color: HexColor,
    /** Box / outline colour and opacity (looks decide how they are used). */
    background: HexColor.nullable(),
    backgroundOpacity: z.number().min(0).max(1),
    accent: HexColor,
    /** Index of the highlighted (spoken) word, counting whitespace-separated words; null for none. */
    highlight: z.number().int().min(0).max(1000).nullable(),
    /** Opacity of a rounded black plate behind the whole picture (TextStyle.plate); omitted: none. */
    plate: z.number().min(0).max(1).optional(),
    /** The typeface (TextStyle.font); omitted: the default (Noto Sans). */
    font: FontRef.optional(),
  })
  .strict();
export type TextSpec = z.infer<typeof TextSpec>;

/** A rendered spec: `src` is a file path (export) or a media URL (preview). */
export interface TextRaster {
  key: string;
  src: string;
  width: number;
  height: number;
  fontSize: number;
  lines: string[];
  truncated: boolean;
}

export type TextRasters = (spec: TextSpec) => TextRaster | undefined;

/** Per role: the look, the smallest size as a share of the largest, line limits, protection. */
const ROLE_RULES: Record<TextRole, { look: TextLook; minShare: number; maxLines: number; protect: boolean; lineHeightEm: number; paddingEm: number }> = {
  title: { look: 'title', minShare: 0.6, maxLines: 2, protect: false, lineHeightEm: 1.18, paddingEm: 0.2 },
  caption: { look: 'pop', minShare: 0.7, maxLines: 2, protect: false, lineHeightEm: 1.22, paddingEm: 0.22 },
  brand: { look: 'title', minShare: 0.5, maxLines: 2, protect: true, lineHeightEm: 1.15, paddingEm: 0.15 },
  cta: { look: 'button', minShare: 0.6, maxLines: 2, protect: true, lineHeightEm: 1.2, paddingEm: 0.45 },
  url: { look: 'plain', minShare: 0.6, maxLines: 1, protect: true, lineHeightEm: 1.2, paddingEm: 0.2 },
};

/** Default largest sizes per role, reference px (the pipeline writes them into the style). */
export const ROLE_FONT_SIZE: Record<TextRole, number> = { title: 84, caption: 70, brand: 96, cta: 72, url: 54 };

export const DEFAULT_ACCENT = '#FFD23F';

/** Frame size (output px) and unit (output px per reference px) a spec is made for. */
export interface TextFrame {
  preset: AspectPreset;
  width: number;
  height: number;
  unit: number;
  /** The item is on the end card of a tall product: its text sits beside the product (slots.ts END_SLOTS_BESIDE). */
  beside?: boolean;
}

/** The box the item must fit (output px) and how its picture is aligned in it. */
export function textArea(item: TextItem, f: TextFrame): Rect {
  if (!item.placement) return slotRect(f.preset, slotFor(f.preset, { kind: 'text', role: item.role, beside: f.beside }), f.unit)!;
  const p = item.placement;
  const w = p.w !== undefined ? Math.round(p.w * f.unit) : Math.max(16, f.width - 2 * Math.abs(Math.round(p.x * f.unit)));
  return { x: 0, y: 0, w, h: f.height };
}

export function textSpec(item: TextItem, f: TextFrame, highlight: number | null = null): TextSpec {
  const rules = ROLE_RULES[item.role];
  const area = textArea(item, f);
  const fontSize = Math.max(4, Math.round(item.style.fontSize * f.unit));
  // Legacy (v1) text kept its background box: its look is `plain` with the box.
  const look: TextLook = item.role === 'caption' ? (item.style.look ?? (item.words ? 'pop' : 'plain')) : item.placement && item.role === 'title' ? 'plain' : rules.look;
  return {
    text: item.text,
    role: item.role,
    look,
    fontSize,
    minFontSize: Math.max(4, Math.round(fontSize * rules.minShare)),
    maxWidth: area.w,
    maxHeight: area.h,
    maxLines: item.placement ? 12 : rules.maxLines,
    lineHeightEm: rules.lineHeightEm,
    paddingEm: rules.paddingEm,
    protect: rules.protect,
    align: item.placement ? alignOf(item.placement.anchor) : 'center',
    color: item.style.color,
    background: item.style.background,
    backgroundOpacity: item.style.backgroundOpacity,
    accent: item.style.accent ?? DEFAULT_ACCENT,
    highlight,
    ...(item.style.plate ? { plate: item.style.plate } : {}),
    ...(item.style.font && item.style.font !== DEFAULT_FONT ? { font: item.style.font } : {}),
  };
}

function alignOf(anchor: string): 'left' | 'center' | 'right' {
  return anchor.endsWith('left') ? 'left' : anchor.endsWith('right') ? 'right' : 'center';
}

/** Where a rendered picture of `size` goes for this item (output px). */
export function placeText(item: TextItem, f: TextFrame, size: { width: number; height: number }): { left: number; top: number; width: number; height: number } {
  if (item.placement) {
    const p = item.placement;
    return { ...anchoredPosition(p.anchor, Math.round(p.x * f.unit), Math.round(p.y * f.unit), f.width, f.height, size.width, size.height), ...size };
  }
  const area = textArea(item, f);
  // Centred in the slot; even offsets, as the exporter's overlay places pictures on 4:2:0.
  const left = area.x + Math.max(0, Math.floor((area.w - size.width) / 4) * 2);
  const top = area.y + Math.max(0, Math.floor((area.h - size.height) / 4) * 2);
  return { left, top, ...size };
}

/** A size guess before the engine has measured (selection frames, reports on unrendered plans). */
export function estimateText(spec: TextSpec): { width: number; height: number; lines: number } {
  const chars = [...spec.text].length;
  const pad = 2 * Math.round(spec.fontSize * spec.paddingEm);
  const perLine = Math.max(1, Math.floor((spec.maxWidth - pad) / (spec.fontSize * 0.56)));
  const lines = Math.min(spec.maxLines, Math.max(1, Math.ceil(chars / perLine)));
  return { width: Math.min(spec.maxWidth, Math.ceil(Math.min(chars, perLine) * spec.fontSize * 0.56) + pad), height: lines * Math.round(spec.fontSize * spec.lineHeightEm) + pad, lines };
}

/** Stable identity of a spec (cache key of its picture): FNV-1a over its canonical JSON, 2×32 bit. */
export function specKey(spec: TextSpec): string {
  const json = JSON.stringify(Object.keys(spec).sort().map((k) => [k, spec[k as keyof TextSpec]]));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ json.length;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** Caption words split the same way the engine counts them (for highlight indices). */
export function spokenWords(text: string): string[] {
  return text.trim().split(/\s+/u).filter(Boolean);
}
