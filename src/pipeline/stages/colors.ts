/** Small colour helpers shared by the palette analysis, the continuity check and the renderers. */
export type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex([r, g, b]: Rgb): string {
  const h = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`.toUpperCase();
}

/** Relative luminance 0..1 (sRGB, WCAG formula). */
export function luminance(hex: string): number {
  const lin = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

export function saturation(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((c) => c / 255) as Rgb;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  return max === 0 ? 0 : (max - min) / max;
}

/** Euclidean distance in RGB weighted for perception ("redmean" approximation). */
export function colorDistance(a: string, b: string): number {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  const rm = (r1 + r2) / 2;
  const dr = r1 - r2;
  const dg = g1 - g2;
  const db = b1 - b2;
  return Math.sqrt((2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db);
}

export function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return rgbToHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

/** A colour counts as clearly coloured (an accent can be it) from this saturation up. */
export const ACCENT_MIN_SATURATION = 0.3;

/**
 * The brand's accent: the FIRST clearly coloured one (neither near-white nor near-black,
 * saturation ≥ ACCENT_MIN_SATURATION) in the palette's order. Palettes list the brand's own colours
 * first and the product images' colours after them (the bible stage, the offline writer, the
 * grade), so the brand's colour wins; the images' colours only fill in when the brand gives none.
 * (It was the most saturated colour anywhere in the list: a green-and-yellow brand whose product
 * photo had red in it got red ads — issue 19 #8.) No clear colour: the most saturated usable one.
 */
export function accentOf(colors: string[]): string {
  const usable = colors.filter((c) => luminance(c) > 0.04 && luminance(c) < 0.85);
  const clear = usable.find((c) => saturation(c) >= ACCENT_MIN_SATURATION);
  if (clear) return clear;
  const pool = usable.length ? usable : colors;
  return [...pool].sort((a, b) => saturation(b) - saturation(a))[0] ?? '#3A6EA5';
}

/** Text colour with the better contrast against a background. */
export function textOn(bg: string): string {
  return luminance(bg) > 0.45 ? '#111111' : '#FFFFFF';
}

/** The brand accent lifted until it reads as a highlight on any scene (relative luminance ≥ 0.3,
 *  against the captions' dark outline): a deep brand red or green otherwise vanishes. */
export function highlightOf(colors: string[]): string {
  let c = accentOf(colors);
  for (let k = 0; k < 10 && luminance(c) < 0.3; k++) c = mix(c, '#FFFFFF', 0.2);
  return c;
}
