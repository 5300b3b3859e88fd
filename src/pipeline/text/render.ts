/**
 * The one text engine: Skia (@napi-rs/canvas, MIT) shapes the text (HarfBuzz: ligatures,
 * kerning, Arabic joining, right-to-left runs), falls back along the font chain per character
 * (fonts.ts) and draws colour emoji. It measures for the fit (text-fit.ts) and renders each
 * `TextSpec` once to a transparent PNG; the export overlays that PNG and the preview draws it.
 *
 * Chosen over @resvg/resvg-js 2.6.2 (measured: it reloads every font file per render, ~600 ms
 * with a CJK font; it reads no WOFF2, so no Hebrew or emoji from the npm font packages; its
 * resvg has no colour-font support) — see the issue 16 note.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { fitText, spokenWords, type FitResult, type Measurer, type TextSpec } from '../../shared/timeline';
import type { FontRef } from '../../shared/timeline/fonts';
import { fontStack } from './fonts';

const font = (size: number, text = '', brand?: FontRef) => `${size}px ${fontStack(text, brand)}`;

let scratch: SKRSContext2D | null = null;
function measureCtx(): SKRSContext2D {
  scratch ??= createCanvas(8, 8).getContext('2d');
  return scratch;
}

/**
 * Widths from Skia in `brand`'s font (default: Noto Sans), with the fallback chain; memoised per
 * (text, size) since the fit asks for the same words often.
 */
export function skiaMeasurer(brand?: FontRef): Measurer {
  const memo = new Map<string, number>();
  return {
    width(text, fontSize) {
      const k = `${fontSize}\u0000${text}`;
      let w = memo.get(k);
      if (w === undefined) {
        const ctx = measureCtx();
        ctx.font = font(fontSize, text, brand);
        w = ctx.measureText(text).width;
        memo.set(k, w);
      }
      return w;
    },
  };
}

export interface RenderedText extends FitResult {
  png: Buffer;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/u;
/** Base direction of a line: its first strong character (Unicode bidi rule P2). */
export function isRtl(line: string): boolean {
  for (const ch of line) {
    if (RTL.test(ch)) return true;
    if (LTR.test(ch)) return false;
  }
  return false;
}

function rgba(hex: string, alpha = 1): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function inkOn(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((v >> 16) & 255) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255);
  return l > 0.36 ? '#111111' : '#FFFFFF';
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number) {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.moveTo(x + rr, y);
  ctx.arcTo(x + w, y, x + w, y + h, rr);
  ctx.arcTo(x + w, y + h, x, y + h, rr);
  ctx.arcTo(x, y + h, x, y, rr);
  ctx.arcTo(x, y, x + w, y, rr);
  ctx.closePath();
}

/** `m` must measure in the spec's font (`skiaMeasurer(spec.font)`). */
export function renderText(spec: TextSpec, m: Measurer = skiaMeasurer(spec.font)): RenderedText {
  const fit = fitText(
    { text: spec.text, fontSize: spec.fontSize, minFontSize: spec.minFontSize, maxWidth: spec.maxWidth, maxHeight: spec.maxHeight, maxLines: spec.maxLines, lineHeightEm: spec.lineHeightEm, paddingEm: spec.paddingEm, protect: spec.protect },
    m,
  );
  // The fit's sizes are even: FFmpeg overlays on 4:2:0 frames, the preview draws the same pixels.
  const W = fit.width;
  const H = fit.height;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const size = fit.fontSize;
  ctx.font = font(size, spec.text, spec.font);
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const pad = fit.padding;
  const lh = fit.lineHeight;
  const inner = W - 2 * pad;

  if (spec.look === 'button') {
    ctx.fillStyle = rgba(spec.accent);
    roundRect(ctx, 0, 0, W, H, Math.round(size * 0.45));
    ctx.fill();
  } else if (spec.look === 'boxed') {
    ctx.fillStyle = rgba(spec.background ?? '#000000', spec.backgroundOpacity || 0.6);
    roundRect(ctx, 0, 0, W, H, Math.round(size * 0.3));
    ctx.fill();
  } else if (spec.plate) {
    // The plate hugs the text: the fitted, padded box of its lines, rounded.
    ctx.fillStyle = rgba('#000000', spec.plate);
    roundRect(ctx, 0, 0, W, H, Math.round(size * 0.3));
    ctx.fill();
  }

  // Which lines hold which spoken words (for the highlight).
  const highlight = spec.highlight;
  let wordIndex = 0;
  const total = spokenWords(spec.text).length;
  fit.lines.forEach((line, li) => {
    const rtl = isRtl(line);
    ctx.direction = rtl ? 'rtl' : 'ltr';
    const lw = m.width(line, size);
    const left = spec.align === 'left' ? pad : spec.align === 'right' ? W - pad - lw : pad + (inner - lw) / 2;
    const cy = pad + li * lh + lh / 2;
    const anchorX = rtl ? left + lw : left;
    ctx.textAlign = rtl ? 'right' : 'left';
    const words = line.split(' ');
    const firstWord = wordIndex;
    wordIndex += words.length;
    const wordX = (k: number) => {
      const before = words.slice(0, k).join(' ');
      const offset = k === 0 ? 0 : m.width(`${before} `, size);
      const w = m.width(words[k]!, size);
      return rtl ? { x: left + lw - offset - w, w } : { x: left + offset, w };
    };

    if (spec.look === 'plain' && spec.background) {
      ctx.fillStyle = rgba(spec.background, spec.backgroundOpacity);
      ctx.fillRect(Math.floor(left - pad * 0.6), Math.floor(cy - lh / 2), Math.ceil(lw + pad * 1.2), lh);
    }
    if (spec.look === 'boxed' && highlight !== null && highlight >= firstWord && highlight < wordIndex) {
      const { x, w } = wordX(highlight - firstWord);
      ctx.fillStyle = rgba(spec.accent);
      roundRect(ctx, x - size * 0.14, cy - lh * 0.46, w + size * 0.28, lh * 0.92, size * 0.2);
      ctx.fill();
    }
    const outlined = spec.look === 'pop' || spec.look === 'karaoke' || spec.look === 'title' || (spec.look === 'plain' && !spec.background);
    const ink = spec.look === 'button' ? inkOn(spec.accent) : spec.color;
    if (outlined) {
      ctx.save();
      ctx.shadowColor = 'rgba(0,0,0,0.55)';
      ctx.shadowBlur = Math.round(size * 0.12);
      ctx.shadowOffsetY = Math.round(size * 0.04);
      ctx.strokeStyle = 'rgba(0,0,0,0.85)';
      ctx.lineWidth = Math.max(2, Math.round(size * (spec.look === 'title' ? 0.1 : 0.14)));
      ctx.strokeText(line, anchorX, cy);
      ctx.restore();
    }
    const spoken = (k: number) => highlight !== null && firstWord + k <= highlight;
    if (spec.look === 'karaoke' && highlight !== null) {
      // Words light up as they are spoken: the rest wait at half strength.
      words.forEach((wd, k) => {
        const { x } = wordX(k);
        ctx.textAlign = 'left';
        ctx.direction = 'ltr';
        ctx.fillStyle = rgba(firstWord + k === highlight ? spec.accent : ink, spoken(k) ? 1 : 0.5);
        ctx.fillText(wd, x, cy);
      });
      return;
    }
    ctx.fillStyle = rgba(ink);
    ctx.fillText(line, anchorX, cy);
    if (highlight !== null && highlight >= firstWord && highlight < wordIndex && total > 0) {
      const { x } = wordX(highlight - firstWord);
      ctx.textAlign = 'left';
      ctx.direction = 'ltr';
      ctx.fillStyle = spec.look === 'boxed' ? inkOn(spec.accent) : rgba(spec.accent);
      ctx.fillText(words[highlight - firstWord]!, x, cy);
    }
  });
  return { ...fit, width: W, height: H, png: canvas.toBuffer('image/png') };
}
