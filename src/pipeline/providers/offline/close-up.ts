/**
 * Where the animatic's close-up (the `macro` shot) looks (issue 20): a window of the frame's shape
 * on the product's most detailed opaque part — its label, the ice in a glass, an edge — never a
 * flat stretch of one colour (a close-up of a glass used to show a brown square and a teal bar).
 * Chosen from a small RGBA sample of the product cut out of its picture; the pure part is
 * `closeUpWindow`.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import { headerSize, readImageHead } from '../../images/header-size';
import type { Shot, ShotKind } from '../../animatic/shots';
import { cutoutChain, type Box, type ProductLook } from './product-look';
import { detailRegions, isLettering, keepDetailsWhole, withoutLines, type CellRect, type EdgeSteps } from './detail-regions';

/** The close-up's picture is cropped this much wider than its window (and the frame scaled this much bigger) for its travel. */
export const MACRO_ROOM = 1.3;
/** How far the frame travels across that room, each way from the window, as a share of the room's spare width / height (shot-graph.ts). */
export const MACRO_TRAVEL = { x: 0.45, y: 0.12 };

/** Side of the sample grid (cells) laid over the product's box. */
export const SAMPLE = 96;
/** The close-up shows about this share of the product's box (by area) — a label, not a brushstroke. */
const ZOOM = 0.3;
/** A window must be this opaque (share of its cells) — the product, not its surroundings. */
const MIN_OPAQUE = 0.7;
/**
 * …and detail all over it: at least this share of it near an edge (see `near`), or the window
 * widens — a crop with big featureless patches reads as a flat field, however sharp the one edge
 * across it.
 */
export const MIN_DETAIL = 0.5;
/** A step in luma (0–255) between neighbouring cells that counts as an edge. */
const EDGE = 10;
/**
 * The scene's text (title, caption) sits over the close-up, which fills the frame: at most this
 * share of the picture under a text slot may be edges (a label's letters), or the title competes
 * with the picture's own lettering ("Luna Cold Brew" over the label's big "COLD BREW").
 */
export const MAX_TEXT_BUSY = 0.12;
/** White text keeps at least this contrast (WCAG AA) with the picture behind it, or a scrim darkens it. */
export const MIN_TEXT_CONTRAST = 4.5;

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

/** Contrast ratio (WCAG) of white text on a backdrop of this relative luminance. */
export const whiteContrast = (l: number) => 1.05 / (l + 0.05);

/**
 * Pure: how dark a black scrim behind the text must be (opacity 0–0.75) for white text to keep
 * MIN_TEXT_CONTRAST over a backdrop whose brightest part (95th percentile) has luminance `l`;
 * at least 0.45 over busy picture (letters under letters read as clutter however dark they are).
 * Darkening an sRGB value by (1 − a) scales its luminance by about (1 − a)^2.2.
 */
export function scrimOpacity(l: number, busy: number): number {
  // A 15 % margin: the sample is coarse, and the frame is scaled, drifts and goes through YUV.
  const target = 1.05 / (MIN_TEXT_CONTRAST * 1.15) - 0.05;
  const forContrast = l <= target ? 0 : 1 - (target / l) ** (1 / 2.2);
  const a = Math.max(forContrast, busy > MAX_TEXT_BUSY ? 0.45 : 0);
  return a > 0 ? Math.min(0.75, Math.ceil(a * 20) / 20) : 0;
}

/** Per cell: opaque (the product), on an edge (detail), and which way its step goes. */
function cells(s: Sample): { opaque: Uint8Array; edge: Uint8Array; steps: EdgeSteps } {
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
function summed(table: Uint32Array, x: number, y: number, w: number, h: number): number {
  const n = SAMPLE + 1;
  return table[(y + h) * n + x + w]! - table[y * n + x + w]! - table[(y + h) * n + x]! + table[y * n + x]!;
}
function integral(v: Uint8Array): Uint32Array {
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
function slotCells(slots: Box[], x: number, y: number, cw: number, ch: number): Array<[number, number, number, number]> {
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
function underText(s: Sample, edgeTable: Uint32Array, text: CloseUpText | undefined, x: number, y: number, cw: number, ch: number, pad?: string): CloseUp['underText'] {
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

/**
 * Pure: the close-up window (the frame's shape, `aspect` = width ÷ height) on the sample's most
 * detailed opaque part. Starts at ZOOM and widens until detail covers the window (narrows when no
 * window that wide is on the product); otherwise the window with the most detail found. With the
 * scene's `text`, the detail rests where the text is not (the stage): a window whose text slots
 * cover the picture's own lettering loses to one where they cover a calm part of it.
 */
export function closeUpWindow(s: Sample, aspect: number, text?: CloseUpText): CloseUp {
  // Keeping the product's lettering whole (or out) comes first; the text behind the title stays as
  // calm as the window was where it can, else the title gets its scrim (closeUp measures it).
  const found = search(s, aspect, text, true) ?? search(s, aspect, text, false)!;
  return { ...found, ...reading(s, found.window) };
}

/**
 * A close-up is worth its shot when what fills the frame reads: a word or logo shown whole, or a
 * surface with texture. A crop of a flat drawing's colour blocks and stripes (the 60 s shoe's)
 * reads as abstract bands, whatever its edges' spread (`detail`).
 */
export const MIN_TEXTURE = 0.4;

/** Pure: what a window (fractions of the sample) shows: lettering whole all shot long, and its share of edge cells. */
function reading(s: Sample, win: Box): { lettering: boolean; texture: number } {
  const n = SAMPLE;
  const { edge, steps } = cells(s);
  const r = { x0: Math.round(win.x * n), y0: Math.round(win.y * n), x1: Math.round((win.x + win.w) * n), y1: Math.round((win.y + win.h) * n) };
  const area = Math.max(1, (r.x1 - r.x0) * (r.y1 - r.y0));
  let edges = 0;
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) edges += edge[y * n + x]!;
  // Seen whole all shot long: inside the window less its travel (as cutEdges counts it).
  const tx = Math.ceil((r.x1 - r.x0) * (MACRO_ROOM - 1) * MACRO_TRAVEL.x);
  const ty = Math.ceil((r.y1 - r.y0) * (MACRO_ROOM - 1) * MACRO_TRAVEL.y);
  const lettering = detailRegions(withoutLines(edge, n, steps), n, steps).some(
    (g) => isLettering(g, n) && g.x0 - 1 >= r.x0 + tx && g.x1 + 1 <= r.x1 - tx && g.y0 - 1 >= r.y0 + ty && g.y1 + 1 <= r.y1 - ty,
  );
  return { lettering, texture: edges / area };
}

/** The close-up window; with `calmText`, null when every window that keeps the lettering whole makes the text busier. */
function search(s: Sample, aspect: number, text: CloseUpText | undefined, calmText: boolean): Omit<CloseUp, 'lettering' | 'texture'> | null {
  const { opaque, edge, steps } = cells(s);
  const tOpaque = integral(opaque);
  const tEdge = integral(edge);
  const n = SAMPLE;
  // The product's own lettering and small details: the travelling frame never cuts one at its edge.
  const regions = detailRegions(withoutLines(edge, n, steps), n, steps);
  const travel = { x: (MACRO_ROOM - 1) * MACRO_TRAVEL.x, y: (MACRO_ROOM - 1) * MACRO_TRAVEL.y };
  const grid = {
    n,
    edgesIn: (r: CellRect) => (r.x1 > r.x0 && r.y1 > r.y0 ? summed(tEdge, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0) : 0),
    onProduct: (r: CellRect) => summed(tOpaque, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0) / ((r.x1 - r.x0) * (r.y1 - r.y0)) >= MIN_OPAQUE,
    calm: (_r: CellRect) => true,
  };
  let best: Omit<CloseUp, 'lettering' | 'texture'> | null = null;
  let cutting: Omit<CloseUp, 'lettering' | 'texture'> | null = null;
  // Wider and wider; then, when no window that wide is on the product (a tall glass on a wide
  // plate, in a wide frame), narrower.
  const zooms = [1, 1.3, 1.69, 2.2, 2.86, 99, 0.75, 0.56, 0.42].map((k) => Math.min(1, ZOOM * k));
  for (const zoom of zooms) {
    // Window size in source px, of the frame's shape, inside the box.
    let ww = Math.sqrt(zoom * s.width * s.height * aspect);
    let wh = ww / aspect;
    if (wh > s.height) [wh, ww] = [s.height, s.height * aspect];
    if (ww > s.width) [ww, wh] = [s.width, s.width / aspect];
    const cw = Math.max(2, Math.min(n, Math.round((ww / s.width) * n)));
    const ch = Math.max(2, Math.min(n, Math.round((wh / s.height) * n)));
    const area = cw * ch;
    // Near detail: cells within a 24th of the window's width of an edge (on screen, a patch
    // farther than that from any edge is a flat field).
    const r = Math.max(1, Math.round(cw / 24));
    const near = new Uint8Array(n * n);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const x0 = Math.max(0, x - r);
        const y0 = Math.max(0, y - r);
        near[y * n + x] = opaque[y * n + x] && summed(tEdge, x0, y0, Math.min(n, x + r + 1) - x0, Math.min(n, y + r + 1) - y0) > 0 ? 1 : 0;
      }
    }
    const tNear = integral(near);
    // Edges under the text slots of a window (share of their cells).
    const textBusy = (x: number, y: number, w = cw, h = ch) => {
      if (!text?.slots.length) return 0;
      const rects = slotCells(text.slots, x, y, w, h);
      const a = rects.reduce((t, r) => t + r[2] * r[3], 0);
      return a ? rects.reduce((t, r) => t + summed(tEdge, ...r), 0) / a : 0;
    };
    type Pick = { x: number; y: number; score: number; opaque: number; detail: number; busy: number; edges: number };
    const at = (x: number, y: number): Pick | null => {
      const o = summed(tOpaque, x, y, cw, ch) / area;
      if (o < MIN_OPAQUE) return null;
      const detail = summed(tNear, x, y, cw, ch) / area;
      const edges = summed(tEdge, x, y, cw, ch) / area;
      // The most edges (a label's letters), then the least flat, then nearer the middle of the product.
      const off = Math.hypot(x + cw / 2 - n / 2, y + ch / 2 - n / 2) / n;
      return { x, y, score: edges + detail * 0.2 - off * 0.01, opaque: o, detail, busy: textBusy(x, y), edges };
    };
    let plain: Pick | null = null;
    for (let y = 0; y + ch <= n; y++) {
      for (let x = 0; x + cw <= n; x++) {
        const p = at(x, y);
        if (p && (!plain || p.score > plain.score)) plain = p;
      }
    }
    // With text over it: the window that keeps most of that detail (three quarters of its edges)
    // with the least of it under the text; else the text goes on a scrim over the detail.
    let calm: Pick | null = null;
    if (plain && text?.slots.length && plain.busy > 0) {
      for (let y = 0; y + ch <= n; y++) {
        for (let x = 0; x + cw <= n; x++) {
          const p = at(x, y);
          if (p && p.edges >= plain.edges * 0.75 && p.detail >= Math.min(plain.detail, MIN_DETAIL) * 0.75 && (!calm || p.busy < calm.busy || (p.busy === calm.busy && p.score > calm.score))) calm = p;
        }
      }
    }
    for (const first of [calm, plain]) {
      if (!first) continue;
      let pick = first;
      // Put the window's detail where the eye goes and the text is not: the frame's middle, or the
      // stage when the scene has text over the close-up.
      const focus = text?.focus ?? { x: 0.5, y: 0.5 };
      let [sx, sy, k] = [0, 0, 0];
      for (let y = pick.y; y < pick.y + ch; y++) for (let x = pick.x; x < pick.x + cw; x++) if (edge[y * n + x]) [sx, sy, k] = [sx + x, sy + y, k + 1];
      if (k) {
        const x = Math.min(Math.max(0, Math.round(sx / k + 0.5 - cw * focus.x)), n - cw);
        const y = Math.min(Math.max(0, Math.round(sy / k + 0.5 - ch * focus.y)), n - ch);
        const o = summed(tOpaque, x, y, cw, ch) / area;
        const busy = textBusy(x, y);
        const detail = summed(tNear, x, y, cw, ch) / area;
        if (o >= MIN_OPAQUE && busy <= pick.busy + 0.01 && (detail >= MIN_DETAIL || detail >= pick.detail)) pick = { ...pick, x, y, opaque: o, detail, busy };
      }
      // A calm window holds three quarters of the detailed window's edges with more calm around
      // them (the lettering in the middle of a flat field, as a designer frames it): its detail is that window's.
      if (first === calm && plain) pick = { ...pick, detail: Math.max(pick.detail, plain.detail) };
      const chosen = { x0: pick.x, y0: pick.y, x1: pick.x + cw, y1: pick.y + ch };
      // …and no busier under the scene's text than the window was (or than a title tolerates).
      const calmAt = pick.busy + 0.01;
      grid.calm = (r) => !calmText || textBusy(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0) <= calmAt;
      const kept = keepDetailsWhole(chosen, regions, travel, grid);
      if (!kept) {
        // Every window near it cuts a word or a detail at the frame's edge: only if nothing else will do.
        cutting ??= { window: { x: pick.x / n, y: pick.y / n, w: cw / n, h: ch / n }, opaque: pick.opaque, detail: pick.detail, underText: underText(s, tEdge, text, pick.x, pick.y, cw, ch) };
        continue;
      }
      const whole = kept.win;
      const [ww, wh] = [whole.x1 - whole.x0, whole.y1 - whole.y0];
      // Moved or widened to keep them whole (or out): it keeps three quarters of the window's edges,
      // so its detail; a word it now frames whole makes it a close-up of that word — unless the
      // scene's text lands on the picture's lettering there.
      if (whole !== chosen) {
        const detail = Math.max(pick.detail, summed(tNear, whole.x0, whole.y0, ww, wh) / (ww * wh), kept.framed && textBusy(whole.x0, whole.y0, ww, wh) <= MAX_TEXT_BUSY ? MIN_DETAIL : 0);
        pick = { ...pick, x: whole.x0, y: whole.y0, opaque: summed(tOpaque, whole.x0, whole.y0, ww, wh) / (ww * wh), detail };
      }
      const found: Omit<CloseUp, 'lettering' | 'texture'> = { window: { x: pick.x / n, y: pick.y / n, w: ww / n, h: wh / n }, opaque: pick.opaque, detail: pick.detail, underText: underText(s, tEdge, text, pick.x, pick.y, ww, wh) };
      // The first zoom with detail all over it wins (the calmer of its two windows first); else the
      // most detail found; between equals, the wider (a flat product is shown whole).
      if (pick.detail >= MIN_DETAIL) return found;
      if (!best || pick.detail > best.detail || (pick.detail === best.detail && found.window.w * found.window.h > best.window.w * best.window.h)) best = found;
    }
  }
  if (!best && cutting && calmText) return null;
  return best ?? cutting ?? { window: { x: 0, y: 0, w: 1, h: 1 }, opaque: 0, detail: 0, underText: { busy: 0, luminance: 0 } };
}

/** Pure: the picture's lines of text (detail regions that read as lettering), in sample cells. */
export function linesOfText(s: Sample): ReturnType<typeof detailRegions> {
  const { edge, steps } = cells(s);
  return detailRegions(withoutLines(edge, SAMPLE, steps), SAMPLE, steps).filter((g) => isLettering(g, SAMPLE));
}

/**
 * How far a screenshot's close-up window may run past the picture's edge, as a share of the
 * window's width or height: the page colour fills it (`pageColour`). A screenshot with its text
 * at the top would otherwise put every line under the scene's title (9:16, 16:9) or cut it at the
 * frame's edge.
 */
export const UI_PAD = 0.45;

/**
 * A screenshot's close-up travels this share of a product close-up's way (MACRO_TRAVEL): its lines
 * stand side by side, and the full travel brought the next one's edge into the frame (the 16:9
 * close-up of "3 overdue" showed the "e" of "On time" as it set off).
 */
export const UI_TRAVEL = 0.4;

/**
 * Pure: the page colour of a screenshot beyond a window's edges — the commonest colour (in 32-level
 * bins, their mean) of the picture's border cells on the side the window runs furthest past, or
 * of its whole border when it stays inside. A hex colour.
 */
export function pageColour(s: Sample, window: Box): string {
  const n = SAMPLE;
  const over = { top: -window.y, bottom: window.y + window.h - 1, left: -window.x, right: window.x + window.w - 1 };
  const side = (Object.entries(over) as Array<[keyof typeof over, number]>).sort((a, b) => b[1] - a[1])[0]!;
  const cellsOf = (k: keyof typeof over): number[] =>
    Array.from({ length: n }, (_, t) => (k === 'top' ? t : k === 'bottom' ? (n - 1) * n + t : k === 'left' ? t * n : t * n + n - 1));
  const border = side[1] > 0 ? cellsOf(side[0]) : [...cellsOf('top'), ...cellsOf('bottom'), ...cellsOf('left'), ...cellsOf('right')];
  const bins = new Map<number, { k: number; r: number; g: number; b: number }>();
  for (const i of border) {
    const [r, g, b] = [s.rgba[i * 4]!, s.rgba[i * 4 + 1]!, s.rgba[i * 4 + 2]!];
    const key = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
    const v = bins.get(key) ?? { k: 0, r: 0, g: 0, b: 0 };
    bins.set(key, { k: v.k + 1, r: v.r + r, g: v.g + g, b: v.b + b });
  }
  const top = [...bins.values()].sort((a, b) => b.k - a.k)[0]!;
  const hex = (v: number) => Math.round(v / top.k).toString(16).padStart(2, '0');
  return `#${hex(top.r)}${hex(top.g)}${hex(top.b)}`.toUpperCase();
}

/**
 * Pure: the shapes drawn on a screenshot's page (a chart's bars, cards, a sidebar): connected cells
 * that differ from the page colour (more than 24 levels in a channel), a few cells or more, less
 * the lines of text (`letters`, which readableWindow counts as lines). Cell rectangles.
 */
function shapesOn(s: Sample, letters: CellRect[]): CellRect[] {
  const n = SAMPLE;
  const page = Number.parseInt(pageColour(s, { x: 0, y: 0, w: 1, h: 1 }).slice(1), 16);
  const pr = [(page >> 16) & 255, (page >> 8) & 255, page & 255];
  const ink = new Uint8Array(n * n);
  for (let i = 0; i < n * n; i++) ink[i] = Math.max(Math.abs(s.rgba[i * 4]! - pr[0]!), Math.abs(s.rgba[i * 4 + 1]! - pr[1]!), Math.abs(s.rgba[i * 4 + 2]! - pr[2]!)) > 24 ? 1 : 0;
  const seen = new Uint8Array(n * n);
  const out: CellRect[] = [];
  for (let start = 0; start < n * n; start++) {
    if (!ink[start] || seen[start]) continue;
    const r = { x0: n, y0: n, x1: 0, y1: 0 };
    let k = 0;
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const [x, y] = [i % n, Math.floor(i / n)];
      [r.x0, r.y0, r.x1, r.y1] = [Math.min(r.x0, x), Math.min(r.y0, y), Math.max(r.x1, x + 1), Math.max(r.y1, y + 1)];
      k++;
      for (const j of [x > 0 ? i - 1 : -1, x + 1 < n ? i + 1 : -1, y > 0 ? i - n : -1, y + 1 < n ? i + n : -1]) {
        if (j >= 0 && ink[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    const isText = letters.some((g) => r.x0 >= g.x0 - 1 && r.x1 <= g.x1 + 1 && r.y0 >= g.y0 - 1 && r.y1 <= g.y1 + 1);
    if (k >= 4 && !isText) out.push(r);
  }
  return out;
}

/**
 * Pure: the close-up of a screenshot (a UI picture, issue 16: shown whole in 9:16 its text is
 * tiny): a window of the frame's shape on its most readable region — the most of its lettering
 * (lines of text: detail-regions.ts `isLettering`) held whole all shot long (inside the window less
 * its travel), none cut at the frame's edge, then the fewest other details (a chart's bars) cut at
 * it — the labels with their bars — then the most edges; small enough that the text is magnified
 * (an eighth to a half of the picture's area, by the frame's shape), and none under the scene's
 * title or caption. The window may run past the picture's edge by up to UI_PAD of its size (its
 * text at the top then sits below the title, not cut at the frame's edge); `pad` is the page colour
 * drawn there. Null when no window does (the close-up is then not drawn: bars without their labels
 * do not read).
 */
export function readableWindow(s: Sample, aspect: number, text?: CloseUpText): (CloseUp & { lines: number; pad: string; travel: number }) | null {
  const n = SAMPLE;
  const { edge, opaque } = cells(s);
  const tEdge = integral(edge);
  const tOpaque = integral(opaque);
  const letters = linesOfText(s);
  if (!letters.length) return null;
  const others = shapesOn(s, letters);
  /** Cells of a window inside the picture, and their sums (a window past the edge shows flat page colour there). */
  const clip = (x: number, y: number, cw: number, ch: number) => {
    const [x0, y0] = [Math.max(0, x), Math.max(0, y)];
    const [x1, y1] = [Math.min(n, x + cw), Math.min(n, y + ch)];
    const area = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
    return area ? { area, opaque: summed(tOpaque, x0, y0, x1 - x0, y1 - y0), edges: summed(tEdge, x0, y0, x1 - x0, y1 - y0) } : { area: 0, opaque: 0, edges: 0 };
  };
  let best: { x: number; y: number; cw: number; ch: number; lines: number; score: number } | null = null;
  // A third to a half of the picture; smaller where nothing that wide holds a line whole without
  // cutting another; larger (past the picture's edges: a wide line in a tall frame) only when
  // nothing else does.
  for (const zoom of [0.33, 0.42, 0.5, 0.25, 0.18, 0.13, 0.6, 0.7]) {
    if (zoom > 0.5 && best) break;
    let ww = Math.sqrt(zoom * s.width * s.height * aspect);
    let wh = ww / aspect;
    const fit = zoom > 0.5 ? 1 / (1 - UI_PAD) : 1;
    if (wh > s.height * fit) [wh, ww] = [s.height * fit, s.height * fit * aspect];
    if (ww > s.width * fit) [ww, wh] = [s.width * fit, (s.width * fit) / aspect];
    const cw = Math.max(2, Math.round((ww / s.width) * n));
    const ch = Math.max(2, Math.round((wh / s.height) * n));
    const tx = Math.ceil(cw * (MACRO_ROOM - 1) * MACRO_TRAVEL.x * UI_TRAVEL);
    const ty = Math.ceil(ch * (MACRO_ROOM - 1) * MACRO_TRAVEL.y * UI_TRAVEL);
    // Past the edge by at most UI_PAD of the window, and never past both sides of one axis by more than the picture's size.
    const [px, py] = [Math.max(0, Math.floor(cw * UI_PAD), cw - n), Math.max(0, Math.floor(ch * UI_PAD), ch - n)];
    for (let y = -py; y + ch <= n + py; y++) {
      for (let x = -px; x + cw <= n + px; x++) {
        const inPicture = clip(x, y, cw, ch);
        const padShare = 1 - inPicture.area / (cw * ch);
        // The page colour beyond the picture counts as page (opaque); the window is still mostly picture.
        if (padShare > 0.5 || (inPicture.opaque + (cw * ch - inPicture.area)) / (cw * ch) < MIN_OPAQUE) continue;
        // Whole all shot long: inside the window less its travel; cut: partly inside the window.
        let whole = 0;
        let wholeEdges = 0;
        let cut = 0;
        for (const g of letters) {
          const inside = g.x0 - 1 >= x + tx && g.x1 + 1 <= x + cw - tx && g.y0 - 1 >= y + ty && g.y1 + 1 <= y + ch - ty;
          // In the frame at some moment of its travel (the 16:9 close-up showed the "e" of "On time" at its edge as it set off).
          const touches = g.x1 > x - tx && g.x0 < x + cw + tx && g.y1 > y - ty && g.y0 < y + ch + ty;
          // A line under the scene's title or caption (the window is the frame at mid-shot; its
          // travel moves it by up to ty cells) would be text over text: as bad as a cut one.
          const covered =
            touches &&
            !!text?.slots.some((b) => (g.x1 - x) / cw > b.x && (g.x0 - x) / cw < b.x + b.w && (g.y1 + ty - y) / ch > b.y && (g.y0 - ty - y) / ch < b.y + b.h);
          if (covered) cut++;
          else if (inside) {
            whole++;
            wholeEdges += g.edges;
          } else if (touches) cut++;
        }
        if (!whole || cut) continue;
        // A chart's bar or a card cut at the frame's edge: labels without what they label. Worse
        // than a line fewer: a month's label comes with its bar.
        let cutOthers = 0;
        for (const g of others) {
          const inside = g.x0 >= x && g.x1 <= x + cw && g.y0 >= y && g.y1 <= y + ch;
          const touches = g.x1 > x && g.x0 < x + cw && g.y1 > y && g.y0 < y + ch;
          if (touches && !inside) cutOthers++;
        }
        // The most lines of text held whole less the shapes cut, then the densest (their edges
        // over the window's area), the least page colour beyond the picture.
        const score = whole - 1.2 * cutOthers + wholeEdges / (cw * ch) - 0.5 * padShare;
        if (!best || score > best.score) best = { x, y, cw, ch, lines: whole, score };
      }
    }
  }
  if (!best) return null;
  const { x, y, cw, ch } = best;
  const window = { x: x / n, y: y / n, w: cw / n, h: ch / n };
  const inPicture = clip(x, y, cw, ch);
  const near = inPicture.edges / (cw * ch);
  const pad = pageColour(s, window);
  return {
    window,
    opaque: (inPicture.opaque + cw * ch - inPicture.area) / (cw * ch),
    detail: Math.max(MIN_DETAIL, near),
    underText: underText(s, tEdge, text, x, y, cw, ch, pad),
    lettering: true,
    texture: near,
    lines: best.lines,
    pad,
    travel: UI_TRAVEL,
  };
}

/**
 * Pure: a product on a plain studio backdrop, sampled as it is (the close-up shows the picture, not
 * the key): in each column, the cells from the first to the last that differ from the key are the
 * product, the rest backdrop. Keying by colour alone would drop a white label that spans the
 * product's width on a white backdrop.
 */
export function clearBackdrop(rgba: Uint8Array, key: string): Uint8Array {
  const n = SAMPLE;
  const v = Number.parseInt(key.replace('#', ''), 16);
  const k = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  const isKey = (i: number) => Math.max(Math.abs(rgba[i * 4]! - k[0]!), Math.abs(rgba[i * 4 + 1]! - k[1]!), Math.abs(rgba[i * 4 + 2]! - k[2]!)) <= 24;
  const out = rgba.slice();
  for (let x = 0; x < n; x++) {
    let first = n;
    let last = -1;
    for (let y = 0; y < n; y++) {
      if (isKey(y * n + x)) continue;
      first = Math.min(first, y);
      last = y;
    }
    for (let y = 0; y < n; y++) out[(y * n + x) * 4 + 3] = y >= first && y <= last ? 255 : 0;
  }
  return out;
}

/** The window in fractions of the whole picture (the look's box holds the product). */
export function inPicture(look: ProductLook, window: Box): Box {
  const box = look.cutout === 'none' ? { x: 0, y: 0, w: 1, h: 1 } : look.box;
  return { x: box.x + window.x * box.w, y: box.y + window.y * box.h, w: window.w * box.w, h: window.h * box.h };
}

/** What the scene graph needs of a close-up: where it looks (fractions of the whole picture), how detailed it is, and the scrim behind its text (0 = none). */
export interface CloseUpPlan {
  window: Box;
  detail: number;
  scrim: number;
  /** What it shows reads (lettering whole, or texture ≥ MIN_TEXTURE): else the shot is drawn as another template. */
  reads: boolean;
  /** The measures behind `reads` (the bench and the notes quote them). */
  lettering: boolean;
  texture: number;
  /** A screenshot's page colour, drawn where the close-up runs past the picture's edge (readableWindow); else the picture is never left. */
  pad?: string;
  /** The share of MACRO_TRAVEL the close-up travels (a screenshot's: UI_TRAVEL; default 1). */
  travel?: number;
}

/** Whether a close-up is drawn as one: detail all over it and something that reads (else another template, withoutFlatCloseUps). */
export const drawsAsCloseUp = (c: Pick<CloseUpPlan, 'detail' | 'reads'>): boolean => c.detail >= MIN_DETAIL && c.reads;

const cache = new Map<string, Promise<CloseUpPlan>>();

/**
 * The close-up window of a product picture for a frame shape (fractions of the whole picture),
 * how detailed it is, and — with the scene's `text` — how dark a scrim its text slots need.
 */
export async function closeUp(ffmpegPath: string, image: string, look: ProductLook, aspect: number, workDir: string, signal?: AbortSignal, text?: CloseUpText, ui = false): Promise<CloseUpPlan> {
  const st = await stat(image);
  const key = `${image}:${st.size}:${st.mtimeMs}:${aspect.toFixed(4)}:${JSON.stringify(text ?? null)}:${ui}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const fh = await open(image, 'r');
      let size;
      try {
        size = headerSize(await readImageHead(fh, st.size));
      } finally {
        await fh.close();
      }
      if (!size) throw new Error(`Cannot read the size of ${path.basename(image)}`);
      const out = path.join(workDir, `close-up-${cache.size}.rgba`);
      // The product's box as the close-up shows it: its own alpha, or the raw picture (a keyed backdrop is cleared below).
      const chain = look.cutout === 'key' ? cutoutChain({ cutout: 'alpha', box: look.box }) : cutoutChain(look);
      await runFfmpeg({ ffmpegPath, args: ['-i', image, '-frames:v', '1', '-vf', `format=rgba,${chain ? `${chain},` : ''}scale=${SAMPLE}:${SAMPLE}:flags=area,format=rgba`, '-f', 'rawvideo'], output: out, signal });
      const box = look.cutout === 'none' ? { w: 1, h: 1 } : look.box;
      const raw = new Uint8Array(await readFile(out));
      const rgba = look.cutout === 'key' ? clearBackdrop(raw, look.key) : raw;
      // Where the product is see-through, the close-up shows its plate (alpha) or the picture's own backdrop (keyed, none).
      const shown = text ? { ...text, behind: look.cutout === 'alpha' ? text.behind : null } : undefined;
      const sample = { rgba, width: size.width * box.w, height: size.height * box.h };
      // A screenshot: its most readable region, its lines of text whole (readableWindow); none (a
      // chart's bars without their labels do not read): the shot is drawn as another template.
      if (ui) {
        const readable = readableWindow(sample, aspect, shown);
        if (!readable) return { window: { x: 0, y: 0, w: 1, h: 1 }, detail: 0, scrim: 0, reads: false, lettering: false, texture: 0 };
        return {
          window: inPicture(look, readable.window),
          detail: readable.detail,
          scrim: text ? scrimOpacity(readable.underText.luminance, readable.underText.busy) : 0,
          reads: true,
          lettering: true,
          texture: readable.texture,
          pad: readable.pad,
          travel: readable.travel,
        };
      }
      const found = closeUpWindow(sample, aspect, shown);
      return {
        window: inPicture(look, found.window),
        detail: found.detail,
        scrim: text ? scrimOpacity(found.underText.luminance, found.underText.busy) : 0,
        reads: found.lettering || found.texture >= MIN_TEXTURE,
        lettering: found.lettering,
        texture: found.texture,
      };
    })();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/**
 * Pure: a close-up with no detailed window anywhere on its product would show a flat field, so
 * that shot is drawn as another product template instead — one unlike its neighbours (the plan
 * never puts two alike in a row).
 */
export function withoutFlatCloseUps(shots: Shot[], flat: (image: number) => boolean): Shot[] {
  return shots.map((s, i) => {
    if (s.kind !== 'macro' || !flat(s.image)) return s;
    const near = [shots[i - 1]?.kind, shots[i + 1]?.kind];
    const kind: ShotKind = (['push', 'slide', 'pop'] as const).find((k) => !near.includes(k)) ?? 'push';
    return { ...s, kind };
  });
}
