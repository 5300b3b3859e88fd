/**
 * The platforms' UI zones: where TikTok, Reels, Shorts, YouTube and the feeds draw their own
 * buttons, captions and progress bars over a video. Nothing essential (text, logo, CTA, product
 * hero) may be placed there. Values are reference pixels (short side 1080) measured inward from
 * each edge.
 *
 * 9:16: Meta's Reels guidance keeps text out of the top 14 % (269 px of 1920), the bottom 35 %
 * (672 px) and 6 % of each side (65 px); TikTok's right rail (like / comment / share) is wider,
 * 150 px. Shorts' title and subscribe bar sit inside the same bottom band. The union of the three
 * is the conservative mask top 270, bottom 672, left 65, right 150 (PRODUCT.md).
 * 16:9 (YouTube in-stream / watch page): the progress bar, "Ad" badge and skip button occupy the
 * bottom ~10 %; the rest keeps the classic 5 % title-safe margin.
 * 1:1 feeds (Instagram/Facebook feed, X, LinkedIn) draw no UI over the picture; 5 % title-safe.
 */
import type { AspectPreset } from './model';

export const Platforms = ['tiktok', 'reels', 'shorts', 'youtube', 'feed', 'x', 'linkedin'] as const;
export type Platform = (typeof Platforms)[number];

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Per platform, in reference px of that platform's own frame shape. */
const ZONES: Record<Platform, { shape: 'portrait' | 'landscape' | 'square'; insets: Insets }> = {
  tiktok: { shape: 'portrait', insets: { top: 200, right: 150, bottom: 560, left: 50 } },
  reels: { shape: 'portrait', insets: { top: 270, right: 120, bottom: 672, left: 65 } },
  shorts: { shape: 'portrait', insets: { top: 240, right: 140, bottom: 600, left: 50 } },
  youtube: { shape: 'landscape', insets: { top: 54, right: 96, bottom: 108, left: 96 } },
  feed: { shape: 'square', insets: { top: 54, right: 54, bottom: 54, left: 54 } },
  x: { shape: 'square', insets: { top: 54, right: 54, bottom: 54, left: 54 } },
  linkedin: { shape: 'square', insets: { top: 54, right: 54, bottom: 54, left: 54 } },
};

export function presetShape(preset: AspectPreset): 'portrait' | 'landscape' | 'square' {
  return preset === '9:16' ? 'portrait' : preset === '1:1' ? 'square' : 'landscape';
}

/** The platforms an output preset is made for (what `zapcut check` checks by default). */
export function platformsFor(preset: AspectPreset): Platform[] {
  const shape = presetShape(preset);
  return Platforms.filter((p) => ZONES[p].shape === shape);
}

/**
 * The union of the given platforms' UI zones for a preset, in reference px (or output px when
 * `unit` — output px per reference px — is given). Platforms made for another frame shape are
 * ignored (a 9:16 mask says nothing about a 16:9 frame).
 */
export function unsafeInsets(preset: AspectPreset, platforms: readonly Platform[] = platformsFor(preset), unit = 1): Insets {
  const shape = presetShape(preset);
  const out: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const p of platforms) {
    const z = ZONES[p];
    if (z.shape !== shape) continue;
    for (const k of ['top', 'right', 'bottom', 'left'] as const) out[k] = Math.max(out[k], z.insets[k]);
  }
  for (const k of ['top', 'right', 'bottom', 'left'] as const) out[k] = Math.round(out[k] * unit);
  return out;
}
