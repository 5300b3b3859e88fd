import { z } from 'zod';

export const AssetKind = z.enum(['image', 'video', 'audio']);
export type AssetKind = z.infer<typeof AssetKind>;

/**
 * Files reach the backend either as a path on disk (Electron: drag-and-drop / file picker give
 * real paths) or as bytes (the browser harness, where no path exists). Bytes are base64 and
 * bounded so one message cannot exhaust memory.
 */
export const ImportSource = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      name: z.string().min(1).max(255),
      base64: z.string().max(64 * 1024 * 1024),
    })
    .strict(),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const AssetImportInput = z
  .object({
    brandId: z.string().min(1).max(64),
    files: z.array(ImportSource).min(1).max(50),
  })
  .strict();
export type AssetImportInput = z.infer<typeof AssetImportInput>;

/**
 * What a product picture shows, from the design documents: the hero shot (the ad's hook and end
 * card use it), a detail (a close-up of the label or texture), lifestyle (the product in use) or
 * the logo as it appears on the product. Set on the brand page; unset, the brand's first picture
 * is the hero and the others are details.
 */
export const ProductRole = z.enum(['hero', 'detail', 'lifestyle', 'logo']);
export type ProductRole = z.infer<typeof ProductRole>;

export const AssetRoleInput = z.object({ id: z.string().min(1).max(64), role: ProductRole }).strict();
export type AssetRoleInput = z.infer<typeof AssetRoleInput>;

export interface Asset {
  id: string;
  brandId: string | null;
  kind: AssetKind;
  /** sha256 of the working file's bytes (its name in the media store). */
  sha256: string;
  originalName: string;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  bytes: number;
  /** URL the renderer may load, e.g. `zapcut-media://media/<sha>`; never a filesystem path. */
  url: string;
  thumbnailUrl: string | null;
  createdAt: string;
  /** Accepted with a caveat the user should see (a product image too small to look sharp). */
  warnings: AssetWarning[];
  /** A brand's product picture: what it shows (set or defaulted; see ProductRole). */
  productRole?: ProductRole;
}

/** `low_resolution`: the product is `side` px across; `recommended` px or more looks sharp in a 1080p ad. */
export const AssetWarning = z.object({ kind: z.literal('low_resolution'), side: z.number().int().nonnegative(), recommended: z.number().int().positive() });
export type AssetWarning = z.infer<typeof AssetWarning>;
