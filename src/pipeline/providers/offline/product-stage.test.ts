/**
 * The product's size in the animatic's shots, measured on the layout (pure): in a tall frame the
 * product is large (at least 45 % of the frame height in every product shot), and at rest it
 * never sits under the scene's title or caption.
 */
import { describe, expect, it } from 'vitest';
import { rectsOverlap, slotRect, type AspectPreset } from '../../../shared/timeline';
import { productBox, productStage, type ProductShotKind } from './product-stage';

const KINDS: ProductShotKind[] = ['pop', 'push', 'slide', 'parallax', 'tilt', 'split'];
const FRAMES: Record<'9:16' | '16:9' | '1:1', { width: number; height: number }> = { '9:16': { width: 1080, height: 1920 }, '16:9': { width: 1920, height: 1080 }, '1:1': { width: 1080, height: 1080 } };
/** A cut-out serum bottle (tall) and a cut-out glass (a little taller than wide). */
const BOTTLE = { width: 360, height: 900 };
const GLASS = { width: 520, height: 640 };

const share = (preset: AspectPreset, kind: ProductShotKind, natural: { width: number; height: number }) => {
  const { stage, growth } = productStage(preset, 1);
  return productBox(kind, stage, growth, natural).h / FRAMES[preset as keyof typeof FRAMES].height;
};

describe('product stage', () => {
  it.each(KINDS)('9:16 %s: a tall product is at least 45 %% of the frame height', (kind) => {
    expect(share('9:16', kind, BOTTLE)).toBeGreaterThanOrEqual(0.45);
    // A wider product is bounded by the frame's width, still far above the old quarter.
    expect(share('9:16', kind, GLASS)).toBeGreaterThanOrEqual(0.35);
  });

  it.each(KINDS)('16:9 %s: a hero shot — the product takes the height between the title and the caption, or more', (kind) => {
    expect(share('16:9', kind, BOTTLE)).toBeGreaterThanOrEqual(kind === 'parallax' ? 0.43 : 0.45);
    if (kind === 'push' || kind === 'pop') expect(share('16:9', kind, BOTTLE)).toBeGreaterThanOrEqual(0.59);
  });

  it.each(['9:16', '16:9', '1:1'] as const)('%s: at rest the product never sits under the title or the caption', (preset) => {
    const { stage, growth } = productStage(preset, 1);
    for (const kind of ['slide', 'parallax', 'tilt', 'split'] as const) {
      for (const natural of [BOTTLE, GLASS, { width: 1600, height: 900 }]) {
        const box = productBox(kind, stage, growth, natural);
        for (const slot of ['title', 'caption'] as const) expect(rectsOverlap(box, slotRect(preset, slot, 1)!), `${preset} ${kind} ${slot}`).toBe(0);
      }
    }
  });

  it('the pop and push still grow the product past its resting size', () => {
    for (const preset of ['9:16', '16:9', '1:1'] as const) {
      expect(share(preset, 'push', BOTTLE)).toBeGreaterThan(share(preset, 'slide', BOTTLE));
    }
  });
});
