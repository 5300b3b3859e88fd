/**
 * The product's own lettering and small details as regions (issue 20): a close-up may crop the
 * product's body and its long lines (a sole, a stripe), but never cut a word or a logo at the
 * frame's edge — "STRIDE" half under the bottom edge reads as a mistake. Pure: over the close-up's
 * sample grid (close-up.ts), on its edge cells.
 */

export interface Region {
  /** Bounding box of the region's edge cells (cells, right/bottom exclusive). */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** How many edge cells it holds. */
  edges: number;
}

/** Edge cells this close (cells, Chebyshev) belong to one region: the letters of a word join, the words of a line too. */
const JOIN = 2;

/**
 * Pure: the connected groups of edge cells (`edge`: n×n, 1 = edge), cells within JOIN of each other
 * joined — each letter group, logo or line is one region.
 */
export function detailRegions(edge: Uint8Array, n: number): Region[] {
  const label = new Int32Array(n * n).fill(-1);
  const regions: Region[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n * n; start++) {
    if (!edge[start] || label[start] !== -1) continue;
    const id = regions.length;
    const r: Region = { x0: n, y0: n, x1: 0, y1: 0, edges: 0 };
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % n;
      const y = (i - x) / n;
      r.x0 = Math.min(r.x0, x);
      r.y0 = Math.min(r.y0, y);
      r.x1 = Math.max(r.x1, x + 1);
      r.y1 = Math.max(r.y1, y + 1);
      r.edges++;
      for (let dy = -JOIN; dy <= JOIN; dy++) {
        for (let dx = -JOIN; dx <= JOIN; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= n || ny >= n) continue;
          const j = ny * n + nx;
          if (edge[j] && label[j] === -1) {
            label[j] = id;
            stack.push(j);
          }
        }
      }
    }
    regions.push(r);
  }
  return regions;
}

/** A rectangle of cells (right/bottom exclusive). */
export interface CellRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * A region is lettering (a word, a line of small print, a small logo) when it spans at most this
 * share of the product's box across; larger ones are the product's structure (its outline, a sole's
 * line across it), which a close-up crops as it crops the product. A word bigger than that (a tin's
 * big 抹茶) is structure too: a close-up narrower than it cannot show it whole.
 */
export const DETAIL_SPAN = 1 / 3;
/** …at most this share of its height (a line of text, not a panel), */
export const DETAIL_LINE = 1 / 8;
/** …with edges over at least this share of its box (letters are dense; a plain shape has edges only round its outline). */
export const DETAIL_DENSITY = 0.5;

/** The close-up's frame travels this far each way from its window (share of the window's width and height). */
export interface Travel {
  x: number;
  y: number;
}

/**
 * Pure: the edge cells of the `details` a moving frame cuts. The frame (`win`) travels `travel`
 * each way: it shows an inner rectangle all shot long and an outer one at some point; a detail is
 * cut when the frame shows some of it without all of it — inside the outer in part, not wholly
 * inside the inner.
 */
export function cutEdges(details: Region[], win: CellRect, travel: Travel): number {
  // Rounded up, and each detail a cell wider all round: the sample is coarse.
  const tx = Math.ceil((win.x1 - win.x0) * travel.x);
  const ty = Math.ceil((win.y1 - win.y0) * travel.y);
  let cut = 0;
  for (const r of details) {
    const touches = r.x1 + 1 > win.x0 - tx && r.x0 - 1 < win.x1 + tx && r.y1 + 1 > win.y0 - ty && r.y0 - 1 < win.y1 + ty;
    const whole = r.x0 - 1 >= win.x0 + tx && r.x1 + 1 <= win.x1 - tx && r.y0 - 1 >= win.y0 + ty && r.y1 + 1 <= win.y1 - ty;
    if (touches && !whole) cut += r.edges;
  }
  return cut;
}

export interface Grid {
  /** Side of the square sample grid (cells). */
  n: number;
  /** Edge cells inside a cell rectangle. */
  edgesIn: (r: CellRect) => number;
  /** Whether a window is on the product (opaque enough). */
  onProduct: (r: CellRect) => boolean;
  /** Whether a window leaves the scene's text calm enough. */
  calm: (r: CellRect) => boolean;
}

/**
 * Pure: the close-up window with no detail cut at the frame's edge. `win` itself when it cuts
 * none; else the nearest window of its shape — the same size first, then up to twice as wide,
 * then a little narrower — that keeps the cut details whole or leaves them out, keeps three
 * quarters of `win`'s edge cells (the detail it was chosen for), stays on the product and leaves
 * the text as calm (`grid.calm`); null when there is none. `framed`: it
 * now shows whole a detail `win` cut (a close-up of that word).
 */
export function keepDetailsWhole(win: CellRect, regions: Region[], travel: Travel, grid: Grid): { win: CellRect; framed: boolean } | null {
  const w0 = win.x1 - win.x0;
  const h0 = win.y1 - win.y0;
  const details = regions.filter((r) => {
    const [w, h] = [r.x1 - r.x0, r.y1 - r.y0];
    return w <= grid.n * DETAIL_SPAN && h <= grid.n * DETAIL_LINE && r.edges >= w * h * DETAIL_DENSITY;
  });
  if (!cutEdges(details, win, travel)) return { win, framed: false };
  const wasCut = details.filter((r) => cutEdges([r], win, travel) > 0);
  const want = grid.edgesIn(win) * 0.75;
  const cx = (win.x0 + win.x1) / 2;
  const cy = (win.y0 + win.y1) / 2;
  // The same size, wider (while the box has room), then narrower (a window as tall as the box cannot widen).
  let wider = true;
  for (const k of [1, 1.15, 1.3, 1.5, 1.75, 2, 0.85, 0.7]) {
    if (k > 1 && !wider) continue;
    const s = Math.min(k, grid.n / w0, grid.n / h0);
    const w = Math.round(w0 * s);
    const h = Math.round(h0 * s);
    let best: { r: CellRect; kept: number; off: number } | null = null;
    for (let y = 0; y + h <= grid.n; y++) {
      for (let x = 0; x + w <= grid.n; x++) {
        const r = { x0: x, y0: y, x1: x + w, y1: y + h };
        if (cutEdges(details, r, travel) || !grid.onProduct(r) || !grid.calm(r)) continue;
        const kept = grid.edgesIn({ x0: Math.max(x, win.x0), y0: Math.max(y, win.y0), x1: Math.min(x + w, win.x1), y1: Math.min(y + h, win.y1) });
        if (kept < want) continue;
        const off = Math.hypot(x + w / 2 - cx, y + h / 2 - cy);
        if (!best || kept > best.kept || (kept === best.kept && off < best.off)) best = { r, kept, off };
      }
    }
    if (best) {
      const r = best.r;
      // It cuts none, so one of them inside it is seen whole all shot long.
      const framed = wasCut.some((d) => d.x0 >= r.x0 && d.x1 <= r.x1 && d.y0 >= r.y0 && d.y1 <= r.y1);
      return { win: r, framed };
    }
    if (s < k) wider = false;
  }
  return null;
}
