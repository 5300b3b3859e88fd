/**
 * The close-up's sample (close-up.ts): the product's box as a small RGBA grid, its cells' edges and
 * opacity, and what lies under the scene's text slots over a window of it. Pure; shared by the
 * product close-up (close-up.ts) and a screenshot's (screenshot-close-up.ts).
 */
import type { Box } from './product-look';
import { detailRegions, isLettering, withoutLines, type EdgeSteps } from './detail-regions';

/** The close-up's picture is cropped this much wider than its window (and the frame scaled this much bigger) for its travel. */
export const MACRO_ROOM = 1.3;
/** How far the frame travels across that room, each way from the window, as a share of the room's spare width / height (shot-graph.ts). */
export const MACRO_TRAVEL = { x: 0.45, y: 0.12 };

/** Side of the sample grid (cells) laid over the product's box. */
export const SAMPLE = 96;
/** A window must be this opaque (share of its cells) — the product, not its surroundings. */
export const MIN_OPAQUE = 0.7;
/**
 * …and detail all over it: at least this share of it near an edge (see `near`), or the window
 * widens — a crop with big featureless patches reads as a flat field, however sharp the one edge
 * across it.
 */
export const MIN_DETAIL = 0.5;
/** A step in luma (0–255) between neighbouring cells that counts as an edge. */
const EDGE = 10;
export interface Sample {
  /** SAMPLE×SAMPLE RGBA bytes, row-major, of the product's box. */
  rgba: Uint8Array;
  /** The box's size in source px (the sample stretches it to a square). */
  width: number;
  height: number;
}

/** Relative luminance (WCAG, 0–1) of an sRGB colour. */
export function luminance(r: number, g: number, b: number): number {
  const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Per cell: opaque (the product), on an edge (detail), and which way its step goes. */
export function cells(s: Sample): { opaque: Uint8Array; edge: Uint8Array; steps: EdgeSteps } {
  const n = SAMPLE;
  const opaque = new Uint8Array(n * n);
  const luma = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    opaque[i] = s.rgba[i * 4 + 3]! >= 160 ? 1 : 0;
    luma[i] = 0.2126 * s.rgba[i * 4]! + 0.7152 * s.rgba[i * 4 + 1]! + 0.0722 * s.rgba[i * 4 + 2]!;
  }
  const edge = new Uint8Array(n * n);
  const steps: EdgeSteps = { across: new Uint8Array(n * n), along: new Uint8Array(n * n) };
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      if (!opaque[i]) continue;
      // An edge inside the product: a step to an opaque neighbour (its outline against the backdrop is not detail).
      const step = (j: number) => (opaque[j] ? Math.abs(luma[i]! - luma[j]!) : 0);
      const across = Math.max(x + 1 < n ? step(i + 1) : 0, x > 0 ? step(i - 1) : 0);
      const along = Math.max(y + 1 < n ? step(i + n) : 0, y > 0 ? step(i - n) : 0);
      edge[i] = Math.max(across, along) >= EDGE ? 1 : 0;
      steps.across[i] = across >= EDGE ? 1 : 0;
      steps.along[i] = along >= EDGE ? 1 : 0;
    }
  }
  return { opaque, edge, steps };
}

/** Sum over a cell rectangle from a summed-area table. */
export function summed(table: Uint32Array, x: number, y: number, w: number, h: number): number {
  const n = SAMPLE + 1;
  return table[(y + h) * n + x + w]! - table[y * n + x + w]! - table[(y + h) * n + x]! + table[y * n + x]!;
}
export function integral(v: Uint8Array): Uint32Array {
  const n = SAMPLE;
  const t = new Uint32Array((n + 1) * (n + 1));
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) t[(y + 1) * (n + 1) + x + 1] = v[y * n + x]! + t[y * (n + 1) + x + 1]! + t[(y + 1) * (n + 1) + x]! - t[y * (n + 1) + x]!;
  return t;
}

export interface CloseUp {
  /** The window, fractions of the product's box. */
  window: Box;
  /** Share of the window's cells that are opaque; share near an edge (not flat). */
  opaque: number;
  detail: number;
  /** Under the scene's text slots: share of edge cells, and the 95th-percentile luminance as shown. */
  underText: { busy: number; luminance: number };
  /** It shows a word or a small logo whole in every frame of its travel. */
  lettering: boolean;
  /** Share of its cells that are edges: a photo's grain, a knit, a print (a flat drawing has edges only where its colours meet). */
  texture: number;
  /** A word of the product's lettering lies under the scene's title or caption in some frame of its travel: no window avoids it. */
  covered: boolean;
}

/** Where the scene's text sits over the close-up (the close-up fills the frame: the window is the frame at mid-shot). */
export interface CloseUpText {
  /** The text slots (title, caption), fractions of the frame. */
  slots: Box[];
  /** Where the detail should rest: the middle of the free space the text leaves (the stage), fractions of the frame. */
  focus: { x: number; y: number };
  /** The colour shown where the product is see-through (the close-up's plate), or null: the picture's own pixels. */
  behind: string | null;
}

/** Cell rectangles of the text slots inside a window. */
export function slotCells(slots: Box[], x: number, y: number, cw: number, ch: number): Array<[number, number, number, number]> {
  return slots.flatMap((b) => {
    const x0 = Math.max(0, Math.min(SAMPLE, x + Math.floor(b.x * cw)));
    const y0 = Math.max(0, Math.min(SAMPLE, y + Math.floor(b.y * ch)));
    const x1 = Math.max(0, Math.min(SAMPLE, x + Math.ceil((b.x + b.w) * cw)));
    const y1 = Math.max(0, Math.min(SAMPLE, y + Math.ceil((b.y + b.h) * ch)));
    return x1 > x0 && y1 > y0 ? [[x0, y0, x1 - x0, y1 - y0] as [number, number, number, number]] : [];
  });
}

/** How many cells of the text slots over a window lie beyond the picture (where a padded window shows the page colour). */
function paddedSlotCells(slots: Box[], x: number, y: number, cw: number, ch: number): number {
  let k = 0;
  for (const b of slots) {
    const x0 = x + Math.floor(b.x * cw);
    const y0 = y + Math.floor(b.y * ch);
    const x1 = x + Math.ceil((b.x + b.w) * cw);
    const y1 = y + Math.ceil((b.y + b.h) * ch);
    const inside = Math.max(0, Math.min(SAMPLE, x1) - Math.max(0, x0)) * Math.max(0, Math.min(SAMPLE, y1) - Math.max(0, y0));
    k += (x1 - x0) * (y1 - y0) - inside;
  }
  return k;
}

/**
 * The picture under the text slots of a window: how busy (share of edge cells) and how bright
 * (95th-percentile luminance as shown). With `pad` (a screenshot's window that runs past the
 * picture's edge), the slots' cells beyond the picture show that page colour.
 */
export function underText(s: Sample, edgeTable: Uint32Array, text: CloseUpText | undefined, x: number, y: number, cw: number, ch: number, pad?: string): CloseUp['underText'] {
  if (!text?.slots.length) return { busy: 0, luminance: 0 };
  const rects = slotCells(text.slots, x, y, cw, ch);
  const padded = pad ? paddedSlotCells(text.slots, x, y, cw, ch) : 0;
  const area = rects.reduce((a, r) => a + r[2] * r[3], 0) + padded;
  if (!area) return { busy: 0, luminance: 0 };
  const busy = rects.reduce((a, r) => a + summed(edgeTable, ...r), 0) / area;
  const behind = text.behind ? Number.parseInt(text.behind.replace('#', ''), 16) : null;
  const lums: number[] = [];
  if (pad && padded) {
    const v = Number.parseInt(pad.replace('#', ''), 16);
    const l = luminance((v >> 16) & 255, (v >> 8) & 255, v & 255);
    for (let k = 0; k < padded; k++) lums.push(l);
  }
  for (const [rx, ry, rw, rh] of rects) {
    for (let cy = ry; cy < ry + rh; cy++) {
      for (let cx = rx; cx < rx + rw; cx++) {
        const i = (cy * SAMPLE + cx) * 4;
        const a = s.rgba[i + 3]! / 255;
        const mixC = (v: number, k: number) => (behind === null ? v : v * a + ((behind >> k) & 255) * (1 - a));
        lums.push(luminance(mixC(s.rgba[i]!, 16), mixC(s.rgba[i + 1]!, 8), mixC(s.rgba[i + 2]!, 0)));
      }
    }
  }
  lums.sort((a, b) => a - b);
  return { busy, luminance: lums[Math.min(lums.length - 1, Math.floor(lums.length * 0.95))]! };
}

/** Pure: the picture's lines of text (detail regions that read as lettering), in sample cells. */
export function linesOfText(s: Sample): ReturnType<typeof detailRegions> {
  const { edge, steps } = cells(s);
  return detailRegions(withoutLines(edge, SAMPLE, steps), SAMPLE, steps).filter((g) => isLettering(g, SAMPLE));
}
