import { z } from 'zod';
import { AssetWarning, type Asset, type ProductRole } from '../../shared/domain';
import type { AssetRecord } from '../storage/repos';
import type { ServiceContext } from './context';

/** Row → what the renderer sees: URLs on the media protocol, never filesystem paths. */
export function toAsset(ctx: ServiceContext, r: AssetRecord, productRole?: ProductRole): Asset {
  return {
    id: r.id,
    brandId: r.brandId,
    kind: r.kind,
    sha256: r.sha256,
    originalName: r.originalName,
    mime: r.mime,
    width: r.width,
    height: r.height,
    durationMs: r.durationMs,
    bytes: r.bytes,
    url: `${ctx.mediaBaseUrl}${r.sha256}`,
    thumbnailUrl: r.thumbnailSha256 ? `${ctx.mediaBaseUrl}${r.thumbnailSha256}` : null,
    createdAt: r.createdAt,
    warnings: warningsOf(r.probe),
    ...(productRole ? { productRole } : {}),
  };
}

/** The import's warnings kept in the probe JSON (older rows have none). */
const ProbeWarnings = z.object({ warnings: z.array(AssetWarning) });
function warningsOf(probe: unknown): AssetWarning[] {
  const r = ProbeWarnings.safeParse(probe);
  return r.success ? r.data.warnings : [];
}

/** Removes stored files no row references any more (content-addressed files may be shared). */
export async function removeUnreferencedMedia(ctx: ServiceContext, shas: Iterable<string>, isReferenced: (sha: string) => boolean): Promise<void> {
  for (const sha of new Set(shas)) {
    if (!isReferenced(sha)) await ctx.media.remove(sha);
  }
}
