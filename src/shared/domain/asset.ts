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
}

/** `low_resolution`: the product is `side` px across; `recommended` px or more looks sharp in a 1080p ad. */
export const AssetWarning = z.object({ kind: z.literal('low_resolution'), side: z.number().int().nonnegative(), recommended: z.number().int().positive() });
export type AssetWarning = z.infer<typeof AssetWarning>;
