/**
 * The product's size in the animatic's shots, measured on the layout (pure): in a tall frame the
 * product is large (at least 45 % of the frame height in every product shot), and at rest it
 * never sits under the scene's title or caption.
 */
import { describe, expect, it } from 'vitest';
import { rectsOverlap, slotRect, type AspectPreset } from '../../../shared/timeline';
import { LONGEST_SHOT_S, UI_MOTION_MIN, productBox, productStage, safeRectPx, stageFor, uiShotEnvelope, uiStageFor, within, type ProductShotKind } from './product-stage';

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

  it('9:16: a wide product (a shoe, 2.1:1) uses the frame\'s width — a larger share of the frame at rest and in the push; a tall one keeps its stage', () => {
    const SHOE = { width: 1000, height: 480 };
    const frame = 1080 * 1920;
    // Visible area share: the box clipped to the frame.
    const visible = (b: { x: number; y: number; w: number; h: number }) => (Math.min(1080, b.x + b.w) - Math.max(0, b.x)) * (Math.min(1920, b.y + b.h) - Math.max(0, b.y));
    const before = productStage('9:16', 1);
    const after = stageFor('9:16', 1, SHOE.width / SHOE.height);
    for (const kind of KINDS) {
      const was = visible(productBox(kind, before.stage, before.growth, SHOE)) / frame;
      const now = visible(productBox(kind, after.stage, after.growth, SHOE)) / frame;
      expect(now, kind).toBeGreaterThanOrEqual(was * 1.35);
    }
    // At rest about a quarter of the frame's height (was ~21 %), the push a third more.
    expect(productBox('slide', after.stage, after.growth, SHOE).h / 1920).toBeGreaterThanOrEqual(0.25);
    expect(visible(productBox('push', after.stage, after.growth, SHOE)) / frame).toBeGreaterThanOrEqual(0.3);
    // The bottle and the glass are unchanged; 16:9 too.
    expect(stageFor('9:16', 1, BOTTLE.width / BOTTLE.height)).toEqual(before);
    expect(stageFor('9:16', 1, GLASS.width / GLASS.height)).toEqual(before);
    expect(stageFor('16:9', 1, SHOE.width / SHOE.height)).toEqual(productStage('16:9', 1));
    // At rest it still never sits under the title or the caption.
    for (const kind of ['slide', 'parallax', 'tilt', 'split'] as const) {
      for (const slot of ['title', 'caption'] as const) expect(rectsOverlap(productBox(kind, after.stage, after.growth, SHOE), slotRect('9:16', slot, 1)!)).toBe(0);
    }
  });

  it('1:1: a wide product (a shoe) spans the safe width between the title and the caption; a tall one keeps its stage', () => {
    const SHOE = { width: 1000, height: 480 };
    const before = productStage('1:1', 1);
    const after = stageFor('1:1', 1, SHOE.width / SHOE.height);
    // At rest 90 % of the frame's width (was 56 %), inside the safe area (54…1026), never under the text.
    for (const kind of ['slide', 'parallax', 'tilt', 'split'] as const) {
      const box = productBox(kind, after.stage, after.growth, SHOE);
      expect(box.w, kind).toBeGreaterThanOrEqual(productBox(kind, before.stage, before.growth, SHOE).w * 1.5);
      expect(box.x).toBeGreaterThanOrEqual(54);
      expect(box.x + box.w).toBeLessThanOrEqual(1026);
      for (const slot of ['title', 'caption'] as const) expect(rectsOverlap(box, slotRect('1:1', slot, 1)!), `${kind} ${slot}`).toBe(0);
    }
    expect(productBox('slide', after.stage, after.growth, SHOE).w / 1080).toBeGreaterThanOrEqual(0.85);
    // The push still grows it past its resting size.
    expect(productBox('push', after.stage, after.growth, SHOE).w).toBeGreaterThan(productBox('slide', after.stage, after.growth, SHOE).w);
    expect(stageFor('1:1', 1, BOTTLE.width / BOTTLE.height)).toEqual(before);
    expect(stageFor('1:1', 1, GLASS.width / GLASS.height)).toEqual(before);
  });
});

describe('a screenshot in every shot move (issue 16: the SaaS dashboard ran past both edges, "3 overdue" cut)', () => {
  // resources/briefs/images/ledgerly-dashboard.png, the SaaS brief's picture.
  const DASHBOARD = { width: 1280, height: 800 };
  it.each(['9:16', '1:1', '16:9'] as const)('%s: the dashboard stays whole inside the safe area through every template, at every shot length and output size', (preset) => {
    for (const unit of [1, 0.5, 0.25]) {
      const frame = { W: Math.round(FRAMES[preset].width * unit), H: Math.round(FRAMES[preset].height * unit) };
      const safe = safeRectPx(preset, unit);
      const { stage, growth, motion } = uiStageFor(preset, unit, DASHBOARD);
      expect(growth).toBe(1);
      // The moves keep at least UI_MOTION_MIN of their reach (the picture is shrunk before they go still).
      expect(motion).toBeGreaterThanOrEqual(UI_MOTION_MIN);
      for (const kind of KINDS) {
        for (const seconds of [1.5, 2, 2.5, 3, LONGEST_SHOT_S]) {
          const env = uiShotEnvelope(kind, stage, DASHBOARD, frame, seconds, motion);
          expect(within(env, safe), `${preset} ×${unit} ${kind} ${seconds}s ${JSON.stringify(env)} in ${JSON.stringify(safe)}`).toBe(true);
        }
      }
      // Still a hero: at rest at least 70 % of the safe width (9:16) — not shrunk to a thumbnail.
      const rest = productBox('slide', stage, growth, DASHBOARD);
      expect(rest.w / safe.w, `${preset} ${rest.w} of ${safe.w}`).toBeGreaterThanOrEqual(preset === '9:16' ? 0.7 : 0.35);
    }
  });
  it('9:16: the dashboard uses the room the safe area gives it — at rest 72 % of the frame\'s width and 25 % of its height (it was 59 % and 21 %: the full moves took the room)', () => {
    const safe = safeRectPx('9:16', 1);
    const { stage, growth } = uiStageFor('9:16', 1, DASHBOARD);
    for (const kind of ['slide', 'parallax', 'tilt', 'split'] as const) {
      const rest = productBox(kind, stage, growth, DASHBOARD);
      const widthShare = rest.w / 1080;
      const heightShare = rest.h / 1920;
      // Was 636 × 398 px (0.589 × 0.207 of the frame) in every template.
      expect(widthShare, `${kind} width share ${widthShare.toFixed(3)}`).toBeGreaterThanOrEqual(kind === 'parallax' ? 0.68 : 0.72);
      expect(heightShare, `${kind} height share ${heightShare.toFixed(3)}`).toBeGreaterThanOrEqual(kind === 'parallax' ? 0.23 : 0.25);
      // 90 % of the safe width: the room left is the moves'.
      if (kind !== 'parallax') expect(rest.w / safe.w).toBeGreaterThanOrEqual(0.9);
    }
    // The push ends at the stage: its last frame is as large as the rest.
    expect(productBox('push', stage, growth, DASHBOARD).w / 1080).toBeGreaterThanOrEqual(0.72);
  });
  it('1:1 and 16:9: the dashboard is no smaller than before (1:1 780 → 832 px wide, 16:9 790)', () => {
    expect(productBox('slide', uiStageFor('1:1', 1, DASHBOARD).stage, 1, DASHBOARD).w).toBeGreaterThanOrEqual(830);
    expect(productBox('slide', uiStageFor('16:9', 1, DASHBOARD).stage, 1, DASHBOARD).w).toBeGreaterThanOrEqual(790);
  });
  it('the stage a screenshot had before (a wide product\'s) runs past the frame in the 9:16 push', () => {
    const before = stageFor('9:16', 1, DASHBOARD.width / DASHBOARD.height);
    const box = productBox('push', before.stage, before.growth, DASHBOARD);
    expect(within(box, safeRectPx('9:16', 1))).toBe(false);
    expect(box.x).toBeLessThan(0);
  });
});
