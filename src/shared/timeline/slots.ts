/**
 * The layout of an ad per frame shape: one rectangle (a slot) per role, all inside the safe area
 * of the platforms the shape serves (safe-zones.ts) and pairwise disjoint, so items placed in
 * their slots can never overlap or sit under a platform's buttons. Two sets share the frame in
 * time: the scene slots (title, hero, side, caption) and the end-card slots (logo, hero, brand,
 * CTA, URL). The offline scene renderer rests its product on the layout's `stage` (the free space
 * the scene text leaves), so text never covers the product.
 *
 * Reference px (short side 1080): landscape 1920×1080, portrait 1080×1920, square 1080×1080.
 */
import type { AspectPreset } from './model';
import { presetShape, unsafeInsets } from './safe-zones';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type SlotName = 'title' | 'hero' | 'side' | 'caption' | 'logo' | 'endHero' | 'endHeroTall' | 'brand' | 'cta' | 'url' | 'endHeroBeside' | 'logoBeside' | 'brandBeside' | 'ctaBeside' | 'urlBeside';

export const SCENE_SLOTS = ['title', 'hero', 'side', 'caption'] as const;
export const END_SLOTS = ['logo', 'endHero', 'brand', 'cta', 'url'] as const;
/** The end card without a logo: its product takes the logo's room too where the logo sits above it. */
export const END_SLOTS_NO_LOGO = ['endHeroTall', 'brand', 'cta', 'url'] as const;
/**
 * The 9:16 end card of a tall product (a bottle, a jar): the product stands the safe area's full
 * height in a left column — as large as in the scenes — and logo, brand, CTA and URL are stacked
 * beside it. A stack of text over the product would leave it under a third of the frame.
 */
export const END_SLOTS_BESIDE = ['logoBeside', 'endHeroBeside', 'brandBeside', 'ctaBeside', 'urlBeside'] as const;
/** A product at least this much taller than wide takes the end card's `beside` layout where the frame has one. */
export const TALL_PRODUCT = 1.25;

export interface SlotLayout {
  /** Frame size in reference px. */
  width: number;
  height: number;
  slots: Record<SlotName, Rect | null>;
  /**
   * Where a scene's own picture shows the product at rest (the offline animatic's shots): the free
   * space the scene text leaves. Picture, not text or buttons, so in 9:16 it may reach down into
   * the platforms' caption band (the product's base under their description text) — that is what
   * makes the product large in a tall frame. Never overlaps the title or caption slot.
   */
  stage: Rect;
}

const LAYOUTS: Record<'portrait' | 'landscape' | 'square', SlotLayout> = {
  // Safe area x 65…930, y 270…1248 (TikTok/Reels/Shorts mask). A portrait layout: the text
  // stacked at the top of the safe area (title, then the caption), the product large below it
  // (the stage: 49 % of the frame height; the hero slot is its part inside the safe area).
  portrait: {
    width: 1080,
    height: 1920,
    stage: { x: 65, y: 650, w: 865, h: 940 },
    slots: {
      title: { x: 65, y: 280, w: 865, h: 170 },
      caption: { x: 65, y: 462, w: 865, h: 176 },
      hero: { x: 97, y: 650, w: 800, h: 590 },
      side: null,
      logo: { x: 65, y: 280, w: 865, h: 150 },
      // The product row spans the safe width (a wide product — a shoe — is width-bound).
      endHero: { x: 65, y: 442, w: 865, h: 380 },
      endHeroTall: { x: 65, y: 280, w: 865, h: 542 },
      brand: { x: 65, y: 834, w: 865, h: 124 },
      cta: { x: 65, y: 970, w: 865, h: 150 },
      url: { x: 65, y: 1132, w: 865, h: 108 },
      // Beside: the product column 350 × 960 (a bottle on its base, ~0.45–0.57 as wide as tall,
      // stands 610–780 px tall), the text column 503 px wide beside its middle. The column was
      // 413 px beside a 440 px product: brand, CTA and URL shrank to near their role minimum
      // ("Luna Coffee" 64 of 96 px, the URL 39 of 54) — the text gets the room now.
      endHeroBeside: { x: 65, y: 280, w: 350, h: 960 },
      logoBeside: { x: 427, y: 476, w: 503, h: 150 },
      brandBeside: { x: 427, y: 638, w: 503, h: 124 },
      ctaBeside: { x: 427, y: 774, w: 503, h: 150 },
      urlBeside: { x: 427, y: 936, w: 503, h: 108 },
    },
  },
  // Safe area x 96…1824, y 54…972 (YouTube).
  landscape: {
    width: 1920,
    height: 1080,
    // The stage: all the height between the title and the caption, clear of the side slot.
    stage: { x: 530, y: 236, w: 860, h: 494 },
    slots: {
      title: { x: 96, y: 60, w: 1728, h: 170 },
      hero: { x: 560, y: 242, w: 800, h: 480 },
      side: { x: 1392, y: 242, w: 432, h: 480 },
      caption: { x: 96, y: 736, w: 1728, h: 230 },
      logo: { x: 940, y: 130, w: 884, h: 140 },
      endHero: { x: 96, y: 130, w: 800, h: 700 },
      endHeroTall: { x: 96, y: 130, w: 800, h: 700 },
      brand: { x: 940, y: 282, w: 884, h: 170 },
      cta: { x: 940, y: 464, w: 884, h: 190 },
      url: { x: 940, y: 666, w: 884, h: 120 },
      endHeroBeside: null,
      logoBeside: null,
      brandBeside: null,
      ctaBeside: null,
      urlBeside: null,
    },
  },
  // Safe area x 54…1026, y 54…1026 (feeds).
  square: {
    width: 1080,
    height: 1080,
    stage: { x: 240, y: 242, w: 600, h: 520 },
    slots: {
      title: { x: 54, y: 60, w: 972, h: 170 },
      hero: { x: 240, y: 242, w: 600, h: 520 },
      side: null,
      caption: { x: 54, y: 776, w: 972, h: 244 },
      logo: { x: 54, y: 60, w: 972, h: 120 },
      // The product row spans the safe width (a wide product — the shoe — was 600 px wide, 29 % of the frame's height).
      endHero: { x: 54, y: 192, w: 972, h: 370 },
      endHeroTall: { x: 54, y: 60, w: 972, h: 502 },
      brand: { x: 54, y: 574, w: 972, h: 116 },
      cta: { x: 54, y: 702, w: 972, h: 150 },
      url: { x: 54, y: 864, w: 972, h: 110 },
      endHeroBeside: null,
      logoBeside: null,
      brandBeside: null,
      ctaBeside: null,
      urlBeside: null,
    },
  },
};

export function slotLayout(preset: AspectPreset): SlotLayout {
  return LAYOUTS[presetShape(preset)];
}

/**
 * A slot in output px (`unit` = output px per reference px), its edges rounded inward: a slot on
 * the safe area's edge stays inside it at any output size (rounding x and w each to nearest put
 * the 9:16 end-card row at x 33…466 at half size, 1 px past the TikTok rail at 465).
 */
export function slotRect(preset: AspectPreset, slot: SlotName, unit: number): Rect | null {
  const r = slotLayout(preset).slots[slot];
  if (!r) return null;
  const x = Math.ceil(r.x * unit - 1e-9);
  const y = Math.ceil(r.y * unit - 1e-9);
  return { x, y, w: Math.floor((r.x + r.w) * unit + 1e-9) - x, h: Math.floor((r.y + r.h) * unit + 1e-9) - y };
}

/** The product's stage (slots.ts `SlotLayout.stage`) in output px. */
export function stageRect(preset: AspectPreset, unit: number): Rect {
  const r = slotLayout(preset).stage;
  return { x: Math.round(r.x * unit), y: Math.round(r.y * unit), w: Math.round(r.w * unit), h: Math.round(r.h * unit) };
}

/** Which slot an item of this role / image slot uses in this preset (`beside`: the end card of a tall product, where the preset has that layout). */
export function slotFor(preset: AspectPreset, what: { kind: 'text'; role: string; beside?: boolean } | { kind: 'image'; slot: 'hero' | 'side' | 'logo' | 'wordmark'; endCard?: boolean; noLogo?: boolean; beside?: boolean }): SlotName {
  const beside = !!what.beside && !!slotLayout(preset).slots.endHeroBeside;
  if (what.kind === 'text') {
    switch (what.role) {
      case 'caption':
        return 'caption';
      case 'brand':
        return beside ? 'brandBeside' : 'brand';
      case 'cta':
        return beside ? 'ctaBeside' : 'cta';
      case 'url':
        return beside ? 'urlBeside' : 'url';
      default:
        return 'title';
    }
  }
  if (what.slot === 'logo') return beside ? 'logoBeside' : 'logo';
  // A wordmark spells the brand's name: it stands in the name's slot, and the logo's room goes to the product.
  if (what.slot === 'wordmark') return beside ? 'brandBeside' : 'brand';
  if (what.slot === 'side') return slotLayout(preset).slots.side ? 'side' : 'hero';
  return what.endCard ? (beside ? 'endHeroBeside' : what.noLogo ? 'endHeroTall' : 'endHero') : 'hero';
}

/** The safe rectangle (reference px) of a preset: the frame minus its platforms' UI zones. */
export function safeRect(preset: AspectPreset): Rect {
  const { width, height } = slotLayout(preset);
  const i = unsafeInsets(preset);
  return { x: i.left, y: i.top, w: width - i.left - i.right, h: height - i.top - i.bottom };
}

export function rectsOverlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Fits a w×h picture inside a rect (contain), centred; even sizes as FFmpeg scales. */
export function containIn(rect: Rect, natural: { width: number; height: number }): Rect {
  const s = Math.min(rect.w / natural.width, rect.h / natural.height);
  const w = Math.max(2, Math.floor((natural.width * s) / 2) * 2);
  const h = Math.max(2, Math.floor((natural.height * s) / 2) * 2);
  return { x: rect.x + Math.floor((rect.w - w) / 2), y: rect.y + Math.floor((rect.h - h) / 2), w, h };
}
