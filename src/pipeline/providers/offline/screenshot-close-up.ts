/**
 * A screenshot's close-up (issue 16): its most readable region, its lines of text whole, past the
 * picture's edge onto the page's own colour where the scene's text needs it. Pure; close-up.ts
 * `closeUp` uses it for UI pictures.
 */
import type { Box } from './product-look';
import { type CellRect } from './detail-regions';
import { cells, integral, linesOfText, MACRO_ROOM, MACRO_TRAVEL, MIN_DETAIL, MIN_OPAQUE, SAMPLE, summed, underText, type CloseUp, type CloseUpText, type Sample } from './close-up-sample';

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
    // A line under the title or caption in any frame of its travel counts as cut (above).
    covered: false,
    lines: best.lines,
    pad,
    travel: UI_TRAVEL,
  };
}
