/**
 * The brand font (issue 22): which typeface an ad's titles, captions and end card are set in.
 * Either one of the bundled families (npm font packages, SIL OFL 1.1; one weight, Bold, of each
 * ships) or the brand's own font file, stored in the media store and named by its sha256
 * (`file:<sha256>`). Scripts the font lacks fall back to the Noto chain (src/pipeline/text/fonts.ts).
 */
import { z } from 'zod';

/** The bundled families, in the order the brand page offers them (the default first). */
export const BUNDLED_FONTS = [
  { id: 'noto-sans', name: 'Noto Sans', look: 'clean' },
  { id: 'montserrat', name: 'Montserrat', look: 'geometric' },
  { id: 'oswald', name: 'Oswald', look: 'condensed' },
  { id: 'playfair-display', name: 'Playfair Display', look: 'display serif' },
  { id: 'nunito', name: 'Nunito', look: 'rounded' },
  { id: 'lora', name: 'Lora', look: 'classic serif' },
] as const;

export const BundledFont = z.enum(BUNDLED_FONTS.map((f) => f.id) as [BundledFontId, ...BundledFontId[]]);
export type BundledFontId = (typeof BUNDLED_FONTS)[number]['id'];
export const DEFAULT_FONT: BundledFontId = 'noto-sans';

const FONT_FILE = /^file:[0-9a-f]{64}$/;
/** A font: a bundled family's id, or `file:<sha256>` of the brand's own font in the media store. */
export const FontRef = z.union([BundledFont, z.string().regex(FONT_FILE, 'a bundled font id or file:<sha256>')]);
export type FontRef = z.infer<typeof FontRef>;

export function isFontFile(ref: string): ref is `file:${string}` {
  return FONT_FILE.test(ref);
}

/** The bundled family a name means ("Playfair Display", "playfair-display", "lora"), or null. */
export function bundledFontByName(name: string): BundledFontId | null {
  const k = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return BUNDLED_FONTS.find((f) => f.id === k)?.id ?? null;
}
