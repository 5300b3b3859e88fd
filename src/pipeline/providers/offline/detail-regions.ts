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
  /** How many of them step to a neighbour across (left/right) and along (up/down): letters have strokes both ways, a drawn stripe only along its length. */
  across: number;
  along: number;
}

/** Per edge cell, which way its luma steps: `across` to a left/right neighbour, `along` to one above/below. */
export interface EdgeSteps {
  across: Uint8Array;
  along: Uint8Array;
}

/** Edge cells this close (cells, Chebyshev) belong to one region: the letters of a word join, the words of a line too. */
const JOIN = 2;

/**
 * Pure: the connected groups of edge cells (`edge`: n×n, 1 = edge), cells within JOIN of each other
 * joined — each letter group, logo or line is one region.
 */
export function detailRegions(edge: Uint8Array, n: number, steps?: EdgeSteps): Region[] {
  const label = new Int32Array(n * n).fill(-1);
  const regions: Region[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n * n; start++) {
    if (!edge[start] || label[start] !== -1) continue;
    const id = regions.length;
    const r: Region = { x0: n, y0: n, x1: 0, y1: 0, edges: 0, across: 0, along: 0 };
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
      r.across += steps ? steps.across[i]! : 1;
      r.along += steps ? steps.along[i]! : 1;
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

/** An edge run at least this long (cells)… */
export const LINE_LONG = 16;
/** …and at most this thick across it is a drawn line (an outline, a label's border, a stripe), not lettering. */
export const LINE_THIN = 3;

/**
 * Pure: the edge cells without the product's long drawn lines — a cell on a horizontal run of at
 * least LINE_LONG edge cells that is at most LINE_THIN cells thick there (or the same upright).
 * A label's border one cell above its word used to join the word to the label's and the bottle's
 * outline, so "AURORA" on the serum was one region with the whole bottle and counted as its shape
 * (issue 16). Letters are short strokes stacked thick: a run through a word is as thick as the word.
 * With `steps`, a band of any thickness goes too where it steps only one way for LINE_LONG cells
 * along it (a horizontal band steps only up/down): the README bottle's coloured border over its
 * label sampled four cells thick and joined "LUNA" under it to the bottle's outline, so the 9:16
 * and 1:1 close-ups cut the word. A word's strokes step across every few cells.
 */
export function withoutLines(edge: Uint8Array, n: number, steps?: EdgeSteps): Uint8Array {
  // Runs of `on` cells along rows (dx = 1) or columns.
  const runs = (on: (i: number) => boolean, rows: boolean): Int32Array => {
    const run = new Int32Array(n * n);
    const at = (a: number, b: number) => (rows ? a * n + b : b * n + a);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; ) {
        if (!on(at(a, b))) { b++; continue; }
        let e = b;
        while (e < n && on(at(a, e))) e++;
        for (let k = b; k < e; k++) run[at(a, k)] = e - b;
        b = e;
      }
    }
    return run;
  };
  const isEdge = (i: number) => !!edge[i];
  const hRun = runs(isEdge, true);
  const vRun = runs(isEdge, false);
  // Cells that step only up/down (a horizontal band's) in a row, only left/right (an upright band's) in a column.
  const hBand = steps ? runs((i) => !!edge[i] && !!steps.along[i] && !steps.across[i], true) : null;
  const vBand = steps ? runs((i) => !!edge[i] && !!steps.across[i] && !steps.along[i], false) : null;
  const out = new Uint8Array(n * n);
  for (let i = 0; i < n * n; i++) {
    if (!edge[i]) continue;
    const line = (hRun[i]! >= LINE_LONG && vRun[i]! <= LINE_THIN) || (vRun[i]! >= LINE_LONG && hRun[i]! <= LINE_THIN);
    const band = !!hBand && (hBand[i]! >= LINE_LONG || vBand![i]! >= LINE_LONG);
    out[i] = line || band ? 0 : 1;
  }
  return out;
}

/** A rectangle of cells (right/bottom exclusive). */
export interface CellRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * A region (found after `withoutLines`) is lettering (a word, a line of small print, a small logo)
 * when it spans at most this share of the product's box across — wider ones are bands across the
 * whole product (a shelf, a label's thick edge), which a close-up crops as it crops the product —
 */
export const DETAIL_SPAN = 3 / 4;
/** …at most this share of its height (a line or two of text, not a panel), and at least as wide as tall (a line of text, not an upright edge), */
export const DETAIL_LINE = 1 / 5;
/** …with edges over at least this share of its box (letters are dense; a plain shape has edges only round its outline), */
export const DETAIL_DENSITY = 0.5;
/**
 * …and strokes both ways: at least this share of its edge cells step across and this share along.
 * At the sample's coarseness a word and a thick stripe both fill their box with edges; only the
 * direction tells them apart (measured on the example pictures: words 0.57–0.85 across and
 * 0.77–0.98 along; stripes, shelves and bands 0.01–0.20 across).
 */
export const DETAIL_STROKES = 0.4;
/** Fewer edge cells than this (about 5×5 cells) is where lines meet (a label's border and a highlight stripe), not a word. */
const DETAIL_MIN_EDGES = 24;

/** Pure: whether a region (of `withoutLines` edges on an n×n grid) is lettering a close-up must not cut. */
export function isLettering(r: Region, n: number): boolean {
  const [w, h] = [r.x1 - r.x0, r.y1 - r.y0];
  const density = r.edges / (w * h);
  const strokes = Math.min(r.across, r.along) / r.edges;
  return r.edges >= DETAIL_MIN_EDGES && w >= h && w <= n * DETAIL_SPAN && h <= n * DETAIL_LINE && density >= DETAIL_DENSITY && strokes >= DETAIL_STROKES;
}

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
 * none and leaves the text as `grid.calm` wants; else the nearest window of its shape — the same size first, then up to twice as wide,
 * then a little narrower — that keeps the cut details whole or leaves them out, keeps three
 * quarters of `win`'s edge cells (the detail it was chosen for), stays on the product and leaves
 * the text as calm (`grid.calm`); null when there is none. `framed`: it
 * now shows whole a detail `win` cut (a close-up of that word).
 */
export function keepDetailsWhole(win: CellRect, regions: Region[], travel: Travel, grid: Grid): { win: CellRect; framed: boolean } | null {
  const w0 = win.x1 - win.x0;
  const h0 = win.y1 - win.y0;
  const details = regions.filter((r) => isLettering(r, grid.n));
  if (!cutEdges(details, win, travel) && grid.calm(win)) return { win, framed: false };
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
