/**
 * How big the product is in each of the animatic's shots (issue 20): it rests on the layout's
 * stage (slots.ts — the free space the scene text leaves), scaled per template, and the growing
 * templates (pop, push) may grow past it by the frame shape's growth: a lot in 16:9, where the
 * text sits above and below a wide stage, little in 9:16, where the stage is already half the
 * frame and the text sits right above it. Pure: the scene graph (shot-graph.ts) sizes its
 * layers with these figures, and the layout test measures them.
 */
import { containIn, safeRect, slotLayout, slotRect, stageRect, type AspectPreset, type Rect } from '../../../shared/timeline';
import type { ShotKind } from '../../animatic/shots';

export type ProductShotKind = Exclude<ShotKind, 'field' | 'macro'>;

/** The largest size a pop or push grows the product to, as a multiple of its stage. */
export function stageGrowth(preset: AspectPreset): number {
  return preset === '9:16' ? 1.08 : preset === '1:1' ? 1.3 : 1.5;
}

/** The product's size in a template, as a multiple of its stage (pop and push: where they end). */
export function shotScale(kind: ProductShotKind, growth: number): number {
  switch (kind) {
    case 'pop':
      return Math.min(1.3, growth);
    case 'push':
      return growth;
    case 'parallax':
      return 0.95;
    default:
      return 1;
  }
}

/** Where a picture of this natural size rests in a shot of this kind (output px): fitted inside the scaled stage, centred on it. */
export function productBox(kind: ProductShotKind, stage: Rect, growth: number, natural: { width: number; height: number }): Rect {
  const s = shotScale(kind, growth);
  const w = stage.w * s;
  const h = stage.h * s;
  return containIn({ x: stage.x + (stage.w - w) / 2, y: stage.y + (stage.h - h) / 2, w, h }, natural);
}

/** The stage and growth of a frame (output px; `unit` = output px per reference px). */
export function productStage(preset: AspectPreset, unit: number): { stage: Rect; growth: number } {
  return { stage: stageRect(preset, unit), growth: stageGrowth(preset) };
}

/** A product at least this much wider than tall is "wide" (a shoe, a laptop, a box on its side). */
export const WIDE_PRODUCT = 1.3;

/**
 * The stage of one product picture (`aspect` = its width ÷ height). In a tall frame a wide product
 * is bounded by the width, not the stage's height (a shoe was ~19 % of the frame height in a
 * stage 865 px wide): it gets the frame's whole width (24 px margins — picture, not text, so it may
 * pass under the platforms' side buttons, as the stage's base passes under their description), and
 * its pop and push grow it 25 % past that, cropping its ends at the peak like a camera moving in.
 * In a square frame the stage is 600 of 1080 px wide (the shoe rested at 56 % of the width, 28 %
 * of the height, and its slides barely changed a pixel): a wide product gets the width of the
 * safe area between the title and the caption, and grows 15 % past it.
 * Everything else keeps the frame's stage.
 */
export function stageFor(preset: AspectPreset, unit: number, aspect: number | null): { stage: Rect; growth: number } {
  const base = productStage(preset, unit);
  if (preset === '16:9' || aspect === null || aspect < WIDE_PRODUCT) return base;
  if (preset === '1:1') {
    // The title's width: the safe area's (slots.ts).
    const across = slotRect(preset, 'title', unit)!;
    return { stage: { x: across.x, y: base.stage.y, w: across.w, h: base.stage.h }, growth: 1.15 };
  }
  const m = Math.round(24 * unit);
  const width = Math.round(1080 * unit);
  return { stage: { x: m, y: base.stage.y, w: width - 2 * m, h: base.stage.h }, growth: 1.25 };
}

/**
 * How the animatic's shots move a product (shot-graph.ts draws them with these figures; the
 * envelope below measures them). `drift`: the slowest glide, a share of the frame's short side a
 * second. `float`: the upward float, a share of the glide. `pushDrift`: a push's sideways drift, a
 * share of the width. `tiltDeg`: a tilt turns ±5°. `tiltRise`: and rises 7 % of the height.
 * `uiEntry`: a screenshot's slide comes in from this share of the width beside its place (not from
 * off-frame, which would cut it). `uiGlide`: a screenshot glides at half the pace (its detail shows
 * the move; the whole travel must fit inside the safe area beside it).
 */
export const MOTION = { drift: 0.045, float: 0.4, pushDrift: 0.02, tiltDeg: 5, tiltRise: 0.035, uiEntry: 0.06, uiGlide: 0.5 } as const;

/** The longest shot the animatic makes (6 beats at 100 BPM): the envelope is measured up to it. */
export const LONGEST_SHOT_S = 3.6;

/**
 * Where a screenshot (a UI picture; images/product-image.ts `isScreenshot`) can be in a shot of
 * this kind and length, over the whole shot (output px): its box at rest (`containIn` the stage;
 * no growth past it — a pop is drawn as a push, with no overshoot) and every move the template
 * makes around it, each move's reach times `motion` (uiStageFor's share of the full moves). Pure; the UI
 * stage is chosen so that this stays inside the safe area.
 */
export function uiShotEnvelope(kind: ProductShotKind, stage: Rect, natural: { width: number; height: number }, frame: { W: number; H: number }, seconds: number, motion = 1): Rect {
  const { W, H } = frame;
  const glide = MOTION.drift * Math.min(W, H) * MOTION.uiGlide * motion;
  const rest = containIn(kind === 'parallax' ? scaled(stage, 0.95) : stage, natural);
  const float = (glide * MOTION.float * seconds) / 2;
  let dx = 0;
  let dy = 0;
  let grow = { w: 0, h: 0 };
  switch (kind) {
    case 'pop':
    case 'push':
      dx = W * MOTION.pushDrift * motion;
      break;
    case 'slide':
      dx = Math.max(W * MOTION.uiEntry * motion, glide * seconds);
      dy = float;
      break;
    case 'parallax':
      dx = Math.max(W * 0.06 * motion, (glide * seconds) / 2);
      dy = float;
      break;
    case 'split':
    case 'colour':
      // Clamped to the safe area's sides by the graph; it floats like a slide.
      dy = float;
      break;
    case 'tilt': {
      const a = (MOTION.tiltDeg * motion * Math.PI) / 180;
      grow = { w: rest.w * Math.cos(a) + rest.h * Math.sin(a) - rest.w, h: rest.w * Math.sin(a) + rest.h * Math.cos(a) - rest.h };
      dy = H * MOTION.tiltRise * motion;
      break;
    }
  }
  return { x: rest.x - dx - grow.w / 2, y: rest.y - dy - grow.h / 2, w: rest.w + 2 * dx + grow.w, h: rest.h + 2 * dy + grow.h };
}

function scaled(r: Rect, s: number): Rect {
  return { x: r.x + (r.w * (1 - s)) / 2, y: r.y + (r.h * (1 - s)) / 2, w: r.w * s, h: r.h * s };
}

const UI_KINDS: ProductShotKind[] = ['pop', 'push', 'slide', 'parallax', 'tilt', 'split'];

/**
 * The least share of the full moves a screenshot makes (product-stage.ts MOTION): below it a slide
 * or a parallax barely moves (a 30 s ad of stills); the picture is shrunk instead.
 */
export const UI_MOTION_MIN = 0.4;

/**
 * The stage of a screenshot (issue 16: the SaaS dashboard's push-ins ran past both frame edges,
 * "3 overdue" cut): inside the frame's safe area (the platforms' UI zones left out) and the layout's
 * stage band, with every template's whole travel keeping the picture whole inside the safe area;
 * growth 1 (the push ends at the stage, it does not grow past it).
 *
 * A UI picture is read, so its size comes first: the stage is the largest that still leaves room
 * for the moves at `motion` ≥ UI_MOTION_MIN of their full reach, and the moves take the largest
 * share that fits (`motion`, which the graph multiplies every screenshot move by). At full moves
 * the SaaS 9:16 dashboard rested at 636 px (59 % of the frame's width) with the frame's lower half
 * empty: the slide's travel and the tilt's turn needed the room the picture could have had.
 */
export function uiStageFor(preset: AspectPreset, unit: number, natural: { width: number; height: number }): { stage: Rect; growth: number; motion: number } {
  const base = productStage(preset, unit).stage;
  const s = safeRectPx(preset, unit);
  const frame = { W: Math.round(slotLayout(preset).width * unit), H: Math.round(slotLayout(preset).height * unit) };
  const top = Math.max(base.y, s.y);
  const bottom = Math.min(base.y + base.h, s.y + s.h);
  // Measured against the safe area less 2 px, so the stage's rounding cannot carry a move past it.
  const inner = { x: s.x + 2, y: s.y + 2, w: s.w - 4, h: s.h - 4 };
  const fits = (stage: Rect, motion: number) => UI_KINDS.every((kind) => within(uiShotEnvelope(kind, rounded(stage), natural, frame, LONGEST_SHOT_S, motion), inner));
  let stage: Rect = { x: s.x, y: top, w: s.w, h: bottom - top };
  for (let k = 0; k < 60 && !fits(stage, UI_MOTION_MIN); k++) stage = scaled(stage, 0.98);
  // The largest share of the moves this stage leaves room for (the envelope grows with it).
  let lo = UI_MOTION_MIN;
  let hi = 1;
  if (fits(stage, 1)) lo = 1;
  else for (let k = 0; k < 12; k++) [lo, hi] = fits(stage, (lo + hi) / 2) ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
  return { stage: rounded(stage), growth: 1, motion: Math.floor(lo * 1000) / 1000 };
}

/** Edges rounded inward, so the rounded stage is still inside. */
function rounded(stage: Rect): Rect {
  const x = Math.ceil(stage.x);
  const y = Math.ceil(stage.y);
  return { x, y, w: Math.floor(stage.x + stage.w) - x, h: Math.floor(stage.y + stage.h) - y };
}

/** The preset's safe area (the platforms' UI zones left out) in output px, edges rounded inward. */
export function safeRectPx(preset: AspectPreset, unit: number): Rect {
  const r = safeRect(preset);
  const x = Math.ceil(r.x * unit - 1e-9);
  const y = Math.ceil(r.y * unit - 1e-9);
  return { x, y, w: Math.floor((r.x + r.w) * unit + 1e-9) - x, h: Math.floor((r.y + r.h) * unit + 1e-9) - y };
}

/** True when `a` lies inside `b` (a pixel of rounding allowed). */
export function within(a: Rect, b: Rect): boolean {
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.w <= b.x + b.w + 1 && a.y + a.h <= b.y + b.h + 1;
}
