/**
 * Fitting text into a box with real font metrics (a `Measurer` — the text engine's, never an
 * estimated glyph width): shrink the type first, then wrap onto more lines, and only then cut
 * with "…" — and a CTA, URL or brand name (`protect`) is never cut: it keeps shrinking instead.
 * Pure: the Node text engine (src/pipeline/text) passes its Skia measurer; tests pass it too.
 *
 * Line breaks: at spaces; between CJK characters (no spaces in Chinese/Japanese); after "/" or
 * "-" inside a long token (URLs). A single unit wider than the line is split by characters.
 */

export interface Measurer {
  /** Advance width in px of `text` set at `fontSize` px (shaped, with the font fallback chain). */
  width(text: string, fontSize: number): number;
}

export interface FitRequest {
  text: string;
  /** Largest and smallest font size, px. */
  fontSize: number;
  minFontSize: number;
  /** The box the text block (with its padding) must fit, px. */
  maxWidth: number;
  maxHeight: number;
  maxLines: number;
  /** Line height and padding around the block, in em. */
  lineHeightEm: number;
  paddingEm: number;
  /** Never cut: shrink below `minFontSize` (down to half of it) rather than truncate. */
  protect: boolean;
}

export interface FitResult {
  fontSize: number;
  lines: string[];
  truncated: boolean;
  /** The block's size with padding, px, even (≤ maxWidth × maxHeight unless it could not fit). */
  width: number;
  height: number;
  lineHeight: number;
  padding: number;
}

interface Unit {
  text: string;
  /** Joined to the previous unit with a space (false inside CJK runs and split tokens). */
  space: boolean;
}

const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/** Break units of one paragraph. */
export function breakUnits(paragraph: string): Unit[] {
  const units: Unit[] = [];
  for (const token of paragraph.split(/[ \t]+/u).filter(Boolean)) {
    const parts: string[] = [];
    let cur = '';
    for (const ch of token) {
      if (CJK.test(ch)) {
        if (cur) parts.push(cur);
        parts.push(ch);
        cur = '';
      } else {
        cur += ch;
        if ((ch === '/' || ch === '-') && cur.length > 1) {
          parts.push(cur);
          cur = '';
        }
      }
    }
    if (cur) parts.push(cur);
    // Closing punctuation after a CJK char stays with it (no line may start with "。").
    const merged: string[] = [];
    for (const p of parts) {
      if (merged.length && /^[、。，．！？」』）)\].,!?:;]+$/u.test(p)) merged[merged.length - 1] += p;
      else merged.push(p);
    }
    merged.forEach((p, i) => units.push({ text: p, space: i === 0 }));
  }
  if (units.length) units[0]!.space = false;
  return units;
}

const join = (units: Unit[]) => units.map((u, i) => (i > 0 && u.space ? ` ${u.text}` : u.text)).join('');

/** Splits a unit wider than `max` into pieces that fit (by code point). */
function splitWide(u: Unit, max: number, size: number, m: Measurer): Unit[] {
  const chars = [...u.text];
  const out: Unit[] = [];
  let cur = '';
  for (const ch of chars) {
    if (cur && m.width(cur + ch, size) > max) {
      out.push({ text: cur, space: out.length === 0 ? u.space : false });
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push({ text: cur, space: out.length === 0 ? u.space : false });
  return out;
}

/** Greedy wrap of the paragraphs at `size` into lines no wider than `max` px. */
export function wrapLines(text: string, size: number, max: number, m: Measurer): string[] {
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line: Unit[] = [];
    for (const unit of breakUnits(para)) {
      const pieces = m.width(unit.text, size) > max ? splitWide(unit, max, size, m) : [unit];
      for (const p of pieces) {
        const candidate = [...line, line.length ? p : { ...p, space: false }];
        if (line.length && m.width(join(candidate), size) > max) {
          lines.push(join(line));
          line = [{ ...p, space: false }];
        } else line = candidate;
      }
    }
    if (line.length) lines.push(join(line));
  }
  return lines.filter((l) => l.trim());
}

function block(lines: string[], size: number, req: FitRequest, m: Measurer) {
  const lineHeight = Math.round(size * req.lineHeightEm);
  const padding = Math.round(size * req.paddingEm);
  // Even sizes: the picture is overlaid on 4:2:0 frames (the box must still fit when rounded).
  const even = (v: number) => Math.max(2, Math.ceil(v / 2) * 2);
  const width = even(Math.ceil(Math.max(0, ...lines.map((l) => m.width(l, size)))) + 2 * padding);
  const height = even(lines.length * lineHeight + 2 * padding);
  return { width, height, lineHeight, padding };
}

/** Font sizes from `max` down to `min`, ~5 % apart, always ending exactly on `min`. */
function sizes(max: number, min: number): number[] {
  const out: number[] = [];
  for (let s = max; s > min; s = Math.floor(s * 0.95)) out.push(s);
  out.push(min);
  return [...new Set(out)].filter((s) => s >= 4);
}

export function fitText(req: FitRequest, m: Measurer): FitResult {
  const text = req.text.trim();
  const maxLines = Math.max(1, req.maxLines);
  const tryAt = (size: number, lineLimit: number) => {
    const pad = Math.round(size * req.paddingEm);
    const lines = wrapLines(text, size, req.maxWidth - 2 * pad, m);
    if (lines.length === 0 || lines.length > lineLimit) return null;
    const b = block(lines, size, req, m);
    return b.width <= req.maxWidth && b.height <= req.maxHeight ? { fontSize: size, lines, truncated: false, ...b } : null;
  };
  const min = Math.min(req.minFontSize, req.fontSize);
  // Shrink before wrapping: every size on one line first, then two lines, …
  for (let n = 1; n <= maxLines; n++) {
    for (const s of sizes(req.fontSize, min)) {
      const r = tryAt(s, n);
      if (r) return r;
    }
  }
  if (req.protect) {
    // A CTA, URL or brand name keeps shrinking (to half the minimum) rather than being cut.
    for (const s of sizes(min, Math.max(4, Math.floor(min / 2)))) {
      const r = tryAt(s, maxLines + 2);
      if (r) return r;
    }
  }
  return cut(text, min, maxLines, req, m);
}

/** Last resort: the smallest size, as many lines as fit, the last one ending in "…" (at a word
 *  boundary when the line has one). */
function cut(text: string, size: number, maxLines: number, req: FitRequest, m: Measurer): FitResult {
  const pad = Math.round(size * req.paddingEm);
  const lh = Math.round(size * req.lineHeightEm);
  const fitLines = Math.max(1, Math.min(maxLines, Math.floor((req.maxHeight - 2 * pad) / lh)));
  const max = req.maxWidth - 2 * pad;
  const all = wrapLines(text, size, max, m);
  const lines = all.slice(0, fitLines);
  if (all.length > fitLines || lines.length === 0) {
    let last = lines.pop() ?? '';
    const ell = '…';
    while (last && m.width(last + ell, size) > max) {
      const sp = last.lastIndexOf(' ');
      last = sp > 0 && m.width(last.slice(0, sp) + ell, size) <= max ? last.slice(0, sp) : [...last].slice(0, -1).join('');
    }
    const sp = last.lastIndexOf(' ');
    // Prefer ending on a whole word when that keeps most of the line.
    if (sp > last.length * 0.6) last = last.slice(0, sp);
    lines.push(`${last.replace(/[\s,;:–—-]+$/u, '')}${ell}`);
  }
  const b = block(lines, size, req, m);
  return { fontSize: size, lines, truncated: true, ...b };
}
