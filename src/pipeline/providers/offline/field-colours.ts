/**
 * The colours the animatic's fields are drawn in (issue 16/20): the backdrop's tint and the split
 * shot's colour field. Both were always the brand's accent, so an orange shoe on an orange brand
 * stood on orange for 60 s, shot after shot, its outline lost on the field. Now a colour that is
 * too close to the product's own (measured from its cut-out) gives way to the brand's other colours
 * and two neutrals that stand apart from it, and the fields change scene by scene.
 */
import { accentOf, colorDistance, luminance } from '../../stages/colors';

/** A field must differ from the product at least this much ("redmean" RGB distance, 0–765): below it the product's outline dissolves into the field. */
export const FIELD_MIN_DISTANCE = 180;
/** A warm light and a dark neutral, beside the brand's own colours. */
export const FIELD_NEUTRALS = ['#EFEAE3', '#23272E'] as const;

/**
 * Pure: scene `sceneIndex`'s (1-based) backdrop tint and split field, given the product's mean
 * colour (null: not known) and the palette. The brand's accent stays the tint while it stands apart
 * from the product (the brand's look), and the field alternates between it and the colour farthest
 * from the product. An accent too close to the product gives way in both: the palette's other
 * colours and the neutrals that stand apart, in turn scene by scene (the farthest when none does).
 */
export function sceneFields(product: string | null, palette: string[], sceneIndex: number): { tint: string; field: string } {
  const accent = accentOf(palette);
  if (!product) return { tint: accent, field: accent };
  const k = Math.max(1, sceneIndex) - 1;
  const others = [...new Set([...palette.filter((c) => luminance(c) > 0.02 && luminance(c) < 0.9), ...FIELD_NEUTRALS].map((c) => c.toUpperCase()))]
    .filter((c) => c !== accent.toUpperCase())
    .sort((a, b) => colorDistance(b, product) - colorDistance(a, product));
  const apart = others.filter((c) => colorDistance(c, product) >= FIELD_MIN_DISTANCE);
  if (colorDistance(accent, product) >= FIELD_MIN_DISTANCE) return { tint: accent, field: k % 2 === 0 ? accent : (apart[0] ?? accent) };
  if (!apart.length) return { tint: others[0] ?? accent, field: others[0] ?? accent };
  const tint = apart[k % Math.min(2, apart.length)]!;
  const rest = apart.filter((c) => c !== tint);
  return { tint, field: rest.length ? rest[k % rest.length]! : tint };
}
