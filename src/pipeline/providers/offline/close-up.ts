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

export interface Sample {
  /** SAMPLE×SAMPLE RGBA bytes, row-major, of the product's box. */
  rgba: Uint8Array;
  /** The box's size in source px (the sample stretches it to a square). */
  width: number;
  height: number;
}

/** Per cell: opaque (the product) and on an edge (detail). */
function cells(s: Sample): { opaque: Uint8Array; edge: Uint8Array } {
  const n = SAMPLE;
  const opaque = new Uint8Array(n * n);
  const luma = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    opaque[i] = s.rgba[i * 4 + 3]! >= 160 ? 1 : 0;
    luma[i] = 0.2126 * s.rgba[i * 4]! + 0.7152 * s.rgba[i * 4 + 1]! + 0.0722 * s.rgba[i * 4 + 2]!;
  }
  const edge = new Uint8Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      if (!opaque[i]) continue;
      // An edge inside the product: a step to an opaque neighbour (its outline against the backdrop is not detail).
      const step = (j: number) => (opaque[j] ? Math.abs(luma[i]! - luma[j]!) : 0);
      const d = Math.max(x + 1 < n ? step(i + 1) : 0, y + 1 < n ? step(i + n) : 0, x > 0 ? step(i - 1) : 0, y > 0 ? step(i - n) : 0);
      edge[i] = d >= EDGE ? 1 : 0;
    }
  }
  return { opaque, edge };
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
}

/**
 * Pure: the close-up window (the frame's shape, `aspect` = width ÷ height) on the sample's most
 * detailed opaque part. Starts at ZOOM and widens until detail covers the window (narrows when no
 * window that wide is on the product); otherwise the window with the most detail found.
 */
export function closeUpWindow(s: Sample, aspect: number): CloseUp {
  const { opaque, edge } = cells(s);
  const tOpaque = integral(opaque);
  const tEdge = integral(edge);
  const n = SAMPLE;
  let best: CloseUp | null = null;
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
    let pick: { x: number; y: number; score: number; opaque: number; detail: number } | null = null;
    for (let y = 0; y + ch <= n; y++) {
      for (let x = 0; x + cw <= n; x++) {
        const o = summed(tOpaque, x, y, cw, ch) / area;
        if (o < MIN_OPAQUE) continue;
        const detail = summed(tNear, x, y, cw, ch) / area;
        // The most edges (a label's letters), then the least flat, then nearer the middle of the product.
        const off = Math.hypot(x + cw / 2 - n / 2, y + ch / 2 - n / 2) / n;
        const score = summed(tEdge, x, y, cw, ch) / area + detail * 0.2 - off * 0.01;
        if (!pick || score > pick.score) pick = { x, y, score, opaque: o, detail };
      }
    }
    if (pick) {
      // Centre the window on its detail (the frame's middle is where the eye goes; the title sits at its top).
      let [sx, sy, k] = [0, 0, 0];
      for (let y = pick.y; y < pick.y + ch; y++) for (let x = pick.x; x < pick.x + cw; x++) if (edge[y * n + x]) [sx, sy, k] = [sx + x, sy + y, k + 1];
      if (k) {
        const x = Math.min(Math.max(0, Math.round(sx / k + 0.5 - cw / 2)), n - cw);
        const y = Math.min(Math.max(0, Math.round(sy / k + 0.5 - ch / 2)), n - ch);
        const o = summed(tOpaque, x, y, cw, ch) / area;
        if (o >= MIN_OPAQUE) pick = { x, y, score: pick.score, opaque: o, detail: summed(tNear, x, y, cw, ch) / area };
      }
      const found = { window: { x: pick.x / n, y: pick.y / n, w: cw / n, h: ch / n }, opaque: pick.opaque, detail: pick.detail };
      // The most detail; between equals, the wider (a flat product is shown whole).
      if (!best || pick.detail > best.detail || (pick.detail === best.detail && found.window.w * found.window.h > best.window.w * best.window.h)) best = found;
      if (pick.detail >= MIN_DETAIL) return found;
    }
  }
  return best ?? { window: { x: 0, y: 0, w: 1, h: 1 }, opaque: 0, detail: 0 };
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

const cache = new Map<string, Promise<{ window: Box; detail: number }>>();

/** The close-up window of a product picture for a frame shape (fractions of the whole picture), and how detailed it is. */
export async function closeUp(ffmpegPath: string, image: string, look: ProductLook, aspect: number, workDir: string, signal?: AbortSignal): Promise<{ window: Box; detail: number }> {
  const st = await stat(image);
  const key = `${image}:${st.size}:${st.mtimeMs}:${aspect.toFixed(4)}`;
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
      const found = closeUpWindow({ rgba, width: size.width * box.w, height: size.height * box.h }, aspect);
      return { window: inPicture(look, found.window), detail: found.detail };
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
