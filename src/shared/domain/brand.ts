import { z } from 'zod';
import { ImportSource, type Asset } from './asset';
import { BundledFont } from '../timeline/fonts';

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1A2B3C');

/** Trimmed, non-empty, bounded text; unicode (emoji, RTL) is kept exactly as given. */
const Text = (max: number) => z.string().trim().min(1).max(max);

export const BrandCreateInput = z
  .object({
    name: Text(120),
    description: z.string().max(4000).default(''),
    guidelines: z.string().max(8000).default(''),
    colors: z.array(HexColor).max(8).default([]),
  })
  .strict();
export type BrandCreateInput = z.infer<typeof BrandCreateInput>;

export const BrandUpdateInput = z
  .object({
    id: z.string().min(1).max(64),
    name: Text(120).optional(),
    description: z.string().max(4000).optional(),
    guidelines: z.string().max(8000).optional(),
    colors: z.array(HexColor).max(8).optional(),
  })
  .strict();
export type BrandUpdateInput = z.infer<typeof BrandUpdateInput>;

/** A brand's logo: one picture (PNG with transparency, JPEG or WebP), shown on its ads' end card. */
export const BrandLogoInput = z
  .object({
    brandId: z.string().min(1).max(64),
    file: ImportSource,
  })
  .strict();
export type BrandLogoInput = z.infer<typeof BrandLogoInput>;

/** The brand font: a bundled family, or the brand's own .ttf/.otf (checked, then stored as media). */
export const BrandFontInput = z.union([
  z.object({ brandId: z.string().min(1).max(64), font: BundledFont }).strict(),
  z.object({ brandId: z.string().min(1).max(64), file: ImportSource }).strict(),
]);
export type BrandFontInput = z.infer<typeof BrandFontInput>;

/** A choice on the brand page: the brand's name drawn in that font by the text engine. */
export interface BrandFontSample {
  /** A bundled family's id, or `file:<sha256>` (the brand's own font). */
  font: string;
  /** The family's name; empty for the brand's own file. */
  name: string;
  url: string;
  width: number;
  height: number;
}

export interface Brand {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  colors: string[];
  /** Product images, newest last. */
  assets: Asset[];
  /** The brand font (a bundled id or `file:<sha256>`); null: the default, Noto Sans. */
  font: string | null;
  /** The logo on its ads' end card (none: the brand name is set as a wordmark). */
  logo: Asset | null;
  adCount: number;
  loraStatus: 'none' | 'training' | 'ready' | 'failed';
  createdAt: string;
  updatedAt: string;
}
