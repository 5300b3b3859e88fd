/**
 * Geometry shared by preview and export: output sizes, reference-pixel scaling and anchored
 * boxes (text is fitted by text-fit.ts with the engine's metrics). Rounding mirrors FFmpeg (scale's `-2`, overlay's even x/y for 4:2:0) so the
 * preview puts things on the same pixels as the export.
 */
import { PRESET_SIZES, type Anchor, type AspectPreset } from './model';
import type { PlanBox } from './plan';
import { containIn, type Rect } from './slots';

/** Short side of a draft render (540p). */
export const DRAFT_SHORT_SIDE = 540;

/** Frame size of a preset: full size, a 540p draft, or any short side (small test/preview renders). */
export function outputSize(preset: AspectPreset, draft: boolean, shortSide?: number): { width: number; height: number; unit: number } {
  const full = PRESET_SIZES[preset];
  const short = Math.min(full.width, full.height);
  const scale = shortSide ? shortSide / short : draft ? DRAFT_SHORT_SIDE / short : 1;
  const even = (v: number) => Math.max(2, Math.round((v * scale) / 2) * 2);
  const width = even(full.width);
  const height = even(full.height);
  return { width, height, unit: Math.min(width, height) / 1080 };
}

export function horizontal(anchor: Anchor): 'left' | 'center' | 'right' {
  return anchor.endsWith('left') ? 'left' : anchor.endsWith('right') ? 'right' : 'center';
}
export function vertical(anchor: Anchor): 'top' | 'center' | 'bottom' {
  return anchor.startsWith('top') ? 'top' : anchor.startsWith('bottom') ? 'bottom' : 'center';
}

/** FFmpeg's overlay truncates x/y to even numbers for 4:2:0 output (normalize_xy). */
const evenFloor = (v: number) => Math.trunc(v) & ~1;

/** Size of an image/video overlay in px, as FFmpeg's `scale=w:-2` etc. computes it. */
export function overlaySize(box: PlanBox, natural: { width: number; height: number }, unit: number): { width: number; height: number } {
  const r2 = (v: number) => Math.max(2, Math.round(v / 2) * 2);
  if (box.w !== null && box.h !== null) return { width: box.w, height: box.h };
  if (box.w !== null) return { width: box.w, height: r2((box.w * natural.height) / natural.width) };
  if (box.h !== null) return { width: r2((box.h * natural.width) / natural.height), height: box.h };
  const w = r2(natural.width * unit);
  return { width: w, height: r2((w * natural.height) / natural.width) };
}

/** Top-left corner of a w×h box placed by its anchor inside a W×H frame. */
export function anchoredPosition(anchor: Anchor, x: number, y: number, W: number, H: number, w: number, h: number): { left: number; top: number } {
  const hz = horizontal(anchor);
  const vt = vertical(anchor);
  const left = hz === 'left' ? x : hz === 'right' ? W - w - x : (W - w) / 2 + x;
  const top = vt === 'top' ? y : vt === 'bottom' ? H - h - y : (H - h) / 2 + y;
  return { left: evenFloor(left), top: evenFloor(top) };
}

/** Rounds up to even (the first even pixel at or after v). */
const evenCeil = (v: number) => Math.ceil(v / 2) * 2;

/**
 * The part of a slot a picture can be placed in when FFmpeg's overlay truncates its x/y to even:
 * the slot's left and top edges rounded up to even. A slot on the safe area's edge at an odd pixel
 * (x 65 in 9:16; 27 at half size in 1:1) otherwise moved a slot-wide product 1 px out of its slot,
 * into the platforms' UI zone (the README ad at 9:16 failed `zapcut check` on it).
 */
function evenSlot(slot: Rect): Rect {
  const x = evenCeil(slot.x);
  const y = evenCeil(slot.y);
  return { x, y, w: slot.x + slot.w - x, h: slot.y + slot.h - y };
}

/** Where an image overlay lands, in output px (the preview draws it exactly here). A layer in a
 *  layout slot is fitted into the slot (contain, centred). */
export function resolveBox(box: PlanBox, frame: { width: number; height: number }, natural: { width: number; height: number }, unit: number, slot: Rect | null = null): { left: number; top: number; width: number; height: number } {
  if (slot) {
    const inner = evenSlot(slot);
    const r = containIn(inner, natural);
    // Centred on even offsets from the even corner: x/y even, the picture still inside the slot.
    return { left: inner.x + ((r.x - inner.x) & ~1), top: inner.y + ((r.y - inner.y) & ~1), width: r.w, height: r.h };
  }
  const size = overlaySize(box, natural, unit);
  return { ...anchoredPosition(box.anchor, box.x, box.y, frame.width, frame.height, size.width, size.height), ...size };
}
