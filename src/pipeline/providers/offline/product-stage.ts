/**
 * How big the product is in each of the animatic's shots (issue 20): it rests on the layout's
 * stage (slots.ts — the free space the scene text leaves), scaled per template, and the growing
 * templates (pop, push) may grow past it by the frame shape's growth: a lot in 16:9, where the
 * text sits above and below a wide stage, little in 9:16, where the stage is already half the
 * frame and the text sits right above it. Pure: the scene graph (shot-graph.ts) sizes its
 * layers with these figures, and the layout test measures them.
 */
import { containIn, slotRect, stageRect, type AspectPreset, type Rect } from '../../../shared/timeline';
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
