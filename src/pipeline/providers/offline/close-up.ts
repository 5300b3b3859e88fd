/**
 * Where the animatic's close-up (the `macro` shot) looks (issue 20): a window of the frame's shape
 * on the product's most detailed opaque part — its label, the ice in a glass, an edge — never a
 * flat stretch of one colour (a close-up of a glass used to show a brown square and a teal bar).
 * Chosen from a small RGBA sample of the product cut out of its picture (close-up-sample.ts); the
 * pure part is `closeUpWindow`; a screenshot's is screenshot-close-up.ts `readableWindow`.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import { headerSize, readImageHead } from '../../images/header-size';
import type { Shot, ShotKind } from '../../animatic/shots';
import { cutoutChain, type Box, type ProductLook } from './product-look';
import { detailRegions, isLettering, keepDetailsWhole, withoutLines, type CellRect, type Region, type Travel } from './detail-regions';
import { cells, integral, MACRO_ROOM, MACRO_TRAVEL, MIN_DETAIL, MIN_OPAQUE, SAMPLE, slotCells, summed, underText, type CloseUp, type CloseUpText, type Sample } from './close-up-sample';
import { readableWindow } from './screenshot-close-up';

export { luminance, linesOfText, MACRO_ROOM, MACRO_TRAVEL, MIN_DETAIL, SAMPLE, type CloseUp, type CloseUpText, type Sample } from './close-up-sample';
export { pageColour, readableWindow, UI_PAD, UI_TRAVEL } from './screenshot-close-up';

/** The close-up shows about this share of the product's box (by area) — a label, not a brushstroke. */
const ZOOM = 0.3;
/**
 * The scene's text (title, caption) sits over the close-up, which fills the frame: at most this
 * share of the picture under a text slot may be edges (a label's letters), or the title competes
 * with the picture's own lettering ("Luna Cold Brew" over the label's big "COLD BREW").
 */
export const MAX_TEXT_BUSY = 0.12;
/** White text keeps at least this contrast (WCAG AA) with the picture behind it, or a scrim darkens it. */
export const MIN_TEXT_CONTRAST = 4.5;

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

/**
 * Pure: the close-up window (the frame's shape, `aspect` = width ÷ height) on the sample's most
 * detailed opaque part. Starts at ZOOM and widens until detail covers the window (narrows when no
 * window that wide is on the product); otherwise the window with the most detail found. With the
 * scene's `text`, the detail rests where the text is not (the stage): a window whose text slots
 * cover the picture's own lettering loses to one where they cover a calm part of it.
 */
export function closeUpWindow(s: Sample, aspect: number, text?: CloseUpText): CloseUp {
  // Keeping the product's lettering whole (or out) comes first, and none of it under the scene's
  // title or caption in any frame (issue 16: the 9:16 caption sat on the bottle's "LUNA"); the text
  // behind the title stays as calm as the window was where it can, else the title gets its scrim
  // (closeUp measures it). A product no such window fits (`covered`) is not drawn as a close-up.
  // Each word a cell wider all round first (the sample is coarse), then to the cell.
  let found: Omit<CloseUp, 'lettering' | 'texture' | 'covered'> | null = null;
  for (const margin of [1, 0]) for (const calm of [true, false]) found ??= search(s, aspect, text, { calm, clear: margin });
  found ??= search(s, aspect, text, { calm: false, clear: null })!;
  return { ...found, ...reading(s, found.window, text) };
}

/**
 * A close-up is worth its shot when what fills the frame reads: a word or logo shown whole, or a
 * surface with texture. A crop of a flat drawing's colour blocks and stripes (the 60 s shoe's)
 * reads as abstract bands, whatever its edges' spread (`detail`).
 */
export const MIN_TEXTURE = 0.4;

/** Pure: what a window (fractions of the sample) shows: lettering whole all shot long, its share of edge cells, and lettering under the scene's text. */
function reading(s: Sample, win: Box, text?: CloseUpText): { lettering: boolean; texture: number; covered: boolean } {
  const n = SAMPLE;
  const { edge, steps } = cells(s);
  const r = { x0: Math.round(win.x * n), y0: Math.round(win.y * n), x1: Math.round((win.x + win.w) * n), y1: Math.round((win.y + win.h) * n) };
  const area = Math.max(1, (r.x1 - r.x0) * (r.y1 - r.y0));
  let edges = 0;
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) edges += edge[y * n + x]!;
  // Seen whole all shot long: inside the window less its travel (as cutEdges counts it).
  const tx = Math.ceil((r.x1 - r.x0) * (MACRO_ROOM - 1) * MACRO_TRAVEL.x);
  const ty = Math.ceil((r.y1 - r.y0) * (MACRO_ROOM - 1) * MACRO_TRAVEL.y);
  const letters = detailRegions(withoutLines(edge, n, steps), n, steps).filter((g) => isLettering(g, n));
  const lettering = letters.some((g) => g.x0 - 1 >= r.x0 + tx && g.x1 + 1 <= r.x1 - tx && g.y0 - 1 >= r.y0 + ty && g.y1 + 1 <= r.y1 - ty);
  const covered = !!text?.slots.length && letteringUnderText(letters, text.slots, r, { x: (MACRO_ROOM - 1) * MACRO_TRAVEL.x, y: (MACRO_ROOM - 1) * MACRO_TRAVEL.y }, 0);
  return { lettering, texture: edges / area, covered };
}

/**
 * Pure: whether a word of the product's lettering (`letters`, sample cells) lies under one of the
 * scene's text slots over a window (cells) in some frame of its travel — the frame moves by up to
 * `travel` of the window's size each way (rounded up to whole cells); each word `margin` cells wider all round.
 */
export function letteringUnderText(letters: Region[], slots: Box[], win: CellRect, travel: Travel, margin = 0): boolean {
  const [w, h] = [win.x1 - win.x0, win.y1 - win.y0];
  const tx = Math.ceil(w * travel.x);
  const ty = Math.ceil(h * travel.y);
  return slots.some((b) => {
    // Where the slot passes over the picture during the travel.
    const [x0, x1] = [win.x0 + b.x * w - tx, win.x0 + (b.x + b.w) * w + tx];
    const [y0, y1] = [win.y0 + b.y * h - ty, win.y0 + (b.y + b.h) * h + ty];
    return letters.some((g) => g.x1 + margin > x0 && g.x0 - margin < x1 && g.y1 + margin > y0 && g.y0 - margin < y1);
  });
}

/**
 * The close-up window; with `calm`, null when every window that keeps the lettering whole makes the
 * text busier; with `clear` (a margin in cells), null when every such window puts a word of it under
 * the scene's text in some frame.
 */
function search(s: Sample, aspect: number, text: CloseUpText | undefined, want: { calm: boolean; clear: number | null }): Omit<CloseUp, 'lettering' | 'texture' | 'covered'> | null {
  const calmText = want.calm || want.clear !== null;
  const { opaque, edge, steps } = cells(s);
  const tOpaque = integral(opaque);
  const tEdge = integral(edge);
  const n = SAMPLE;
  // The product's own lettering and small details: the travelling frame never cuts one at its edge.
  const regions = detailRegions(withoutLines(edge, n, steps), n, steps);
  const travel = { x: (MACRO_ROOM - 1) * MACRO_TRAVEL.x, y: (MACRO_ROOM - 1) * MACRO_TRAVEL.y };
  const letters = regions.filter((g) => isLettering(g, n));
  const clear = (r: CellRect) => want.clear === null || !text?.slots.length || !letteringUnderText(letters, text.slots, r, travel, want.clear);
  const grid = {
    n,
    edgesIn: (r: CellRect) => (r.x1 > r.x0 && r.y1 > r.y0 ? summed(tEdge, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0) : 0),
    onProduct: (r: CellRect) => summed(tOpaque, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0) / ((r.x1 - r.x0) * (r.y1 - r.y0)) >= MIN_OPAQUE,
    calm: (_r: CellRect) => true,
  };
  let best: Omit<CloseUp, 'lettering' | 'texture' | 'covered'> | null = null;
  let cutting: Omit<CloseUp, 'lettering' | 'texture' | 'covered'> | null = null;
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
      grid.calm = (r) => (!want.calm || textBusy(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0) <= calmAt) && clear(r);
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
      const found: Omit<CloseUp, 'lettering' | 'texture' | 'covered'> = { window: { x: pick.x / n, y: pick.y / n, w: ww / n, h: wh / n }, opaque: pick.opaque, detail: pick.detail, underText: underText(s, tEdge, text, pick.x, pick.y, ww, wh) };
      // The first zoom with detail all over it wins (the calmer of its two windows first); else the
      // most detail found; between equals, the wider (a flat product is shown whole).
      if (pick.detail >= MIN_DETAIL) return found;
      if (!best || pick.detail > best.detail || (pick.detail === best.detail && found.window.w * found.window.h > best.window.w * best.window.h)) best = found;
    }
  }
  if (!best && cutting && calmText) return null;
  return best ?? cutting ?? { window: { x: 0, y: 0, w: 1, h: 1 }, opaque: 0, detail: 0, underText: { busy: 0, luminance: 0 } };
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
        // Text over the product's own words never reads (issue 16): the shot is drawn as another template.
        reads: !found.covered && (found.lettering || found.texture >= MIN_TEXTURE),
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
