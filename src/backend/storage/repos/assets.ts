/** Asset rows: content-addressed files (by sha256) plus their probe metadata. */
import type { Db } from '../database';
import type { AssetKind, ProductRole } from '../../../shared/domain';

export type AssetRole =
  | 'product' | 'logo' | 'reference' | 'scene' | 'frame' | 'voiceover' | 'music' | 'sfx' | 'import' | 'export' | 'thumbnail' | 'training';

export interface AssetRecord {
  id: string;
  brandId: string | null;
  projectId: string | null;
  role: AssetRole;
  kind: AssetKind;
  sha256: string;
  /** Set when the working file was derived (downscaled / rotated) from an original kept in the store. */
  originalSha256: string | null;
  thumbnailSha256: string | null;
  originalName: string;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  bytes: number;
  probe: unknown;
  position: number;
  createdAt: string;
  /** A product picture's role as the creator set it (null: not set; see services/product-roles.ts). */
  productRole?: ProductRole | null;
}

interface AssetRow {
  id: string;
  brand_id: string | null;
  project_id: string | null;
  role: AssetRole;
  kind: AssetKind;
  sha256: string;
  original_sha256: string | null;
  thumbnail_sha256: string | null;
  original_name: string;
  mime: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  bytes: number;
  probe_json: string;
  position: number;
  created_at: string;
  product_role?: ProductRole | null;
}

const toRecord = (r: AssetRow): AssetRecord => ({
  id: r.id,
  brandId: r.brand_id,
  projectId: r.project_id,
  role: r.role,
  kind: r.kind,
  sha256: r.sha256,
  originalSha256: r.original_sha256,
  thumbnailSha256: r.thumbnail_sha256,
  originalName: r.original_name,
  mime: r.mime,
  width: r.width,
  height: r.height,
  durationMs: r.duration_ms,
  bytes: r.bytes,
  probe: JSON.parse(r.probe_json) as unknown,
  position: r.position,
  createdAt: r.created_at,
  productRole: r.product_role ?? null,
});

/** Inserts an asset; `position` is assigned after the brand's/project's last one when omitted. */
export function insertAsset(db: Db, asset: Omit<AssetRecord, 'position'> & { position?: number }): AssetRecord {
  const position =
    asset.position ??
    (db
      .prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM assets WHERE brand_id IS @brandId AND project_id IS @projectId')
      .get({ brandId: asset.brandId, projectId: asset.projectId }) as { p: number }).p;
  const record: AssetRecord = { ...asset, position };
  db.prepare(
    `INSERT INTO assets (id, brand_id, project_id, role, kind, sha256, original_sha256, thumbnail_sha256,
       original_name, mime, width, height, duration_ms, bytes, probe_json, position, created_at)
     VALUES (@id, @brandId, @projectId, @role, @kind, @sha256, @originalSha256, @thumbnailSha256,
       @originalName, @mime, @width, @height, @durationMs, @bytes, @probe_json, @position, @createdAt)`,
  ).run({ ...record, probe_json: JSON.stringify(record.probe ?? {}) });
  return record;
}

export function getAsset(db: Db, id: string): AssetRecord | undefined {
  const row = db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as AssetRow | undefined;
  return row && toRecord(row);
}

/** A brand's assets in display order (newest last). */
export function listBrandAssets(db: Db, brandId: string, role?: AssetRole): AssetRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM assets WHERE brand_id = @brandId AND (@role IS NULL OR role = @role)
       ORDER BY position, created_at, rowid`,
    )
    .all({ brandId, role: role ?? null }) as AssetRow[];
  return rows.map(toRecord);
}

/** Every brand's assets of one role in one query, grouped by brand id (display order). */
export function assetsByBrand(db: Db, role: AssetRole): Map<string, AssetRecord[]> {
  const rows = db
    .prepare('SELECT * FROM assets WHERE brand_id IS NOT NULL AND role = ? ORDER BY brand_id, position, created_at, rowid')
    .all(role) as AssetRow[];
  const out = new Map<string, AssetRecord[]>();
  for (const row of rows) {
    const list = out.get(row.brand_id!) ?? [];
    list.push(toRecord(row));
    out.set(row.brand_id!, list);
  }
  return out;
}

/** Sets what a product picture shows (the CHECK constraint refuses any other value). */
export function setProductRole(db: Db, id: string, role: ProductRole): void {
  db.prepare("UPDATE assets SET product_role = ? WHERE id = ? AND role = 'product'").run(role, id);
}

/** The brand's logo (at most one: migration 008's unique index). */
export function getBrandLogo(db: Db, brandId: string): AssetRecord | undefined {
  const row = db.prepare("SELECT * FROM assets WHERE brand_id = ? AND role = 'logo'").get(brandId) as AssetRow | undefined;
  return row && toRecord(row);
}

export function deleteAsset(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM assets WHERE id = ?').run(id).changes > 0;
}

/**
 * Every sha a brand's rows and documents point at (assets: working file, original, thumbnail;
 * exports; its ads' timelines, runs and run steps; its brand-style sets and previews), for cleanup
 * after a delete. The caller still checks each one against what remains (mediaReferences).
 */
export function brandMediaShas(db: Db, brandId: string): string[] {
  const projects = (db.prepare('SELECT id FROM ad_projects WHERE brand_id = ?').all(brandId) as { id: string }[]).map((p) => p.id);
  const style = db.prepare('SELECT training_set_json AS t FROM lora_models WHERE brand_id = @id UNION ALL SELECT preview_json FROM lora_models WHERE brand_id = @id').all({ id: brandId }) as { t: string | null }[];
  return [...new Set([...brandRowShas(db, brandId), ...projects.flatMap((id) => projectMediaShas(db, id)), ...shasIn(style)])];
}

/** Every sha one ad names: its assets and exports, its timelines, its runs' inputs and step outputs. */
export function projectMediaShas(db: Db, projectId: string): string[] {
  const rows = db
    .prepare(
      `WITH r AS (SELECT id FROM runs WHERE project_id = @id)
       SELECT document_json AS t FROM timelines WHERE project_id = @id
       UNION ALL SELECT input_json FROM runs WHERE id IN r
       UNION ALL SELECT output_json FROM run_steps WHERE run_id IN r AND output_json IS NOT NULL
       UNION ALL SELECT sha256 FROM exports WHERE project_id = @id UNION ALL SELECT thumbnail_sha256 FROM exports WHERE project_id = @id
       UNION ALL SELECT sha256 FROM assets WHERE project_id = @id UNION ALL SELECT original_sha256 FROM assets WHERE project_id = @id
       UNION ALL SELECT thumbnail_sha256 FROM assets WHERE project_id = @id`,
    )
    .all({ id: projectId }) as { t: string | null }[];
  return [...new Set(shasIn(rows))];
}

const shasIn = (rows: { t: string | null }[]): string[] => rows.flatMap(({ t }) => [...(t?.matchAll(SHA) ?? [])].map((m) => m[0]));

function brandRowShas(db: Db, brandId: string): string[] {
  const rows = db
    .prepare(
      `WITH a AS (SELECT * FROM assets WHERE brand_id = @id
                   OR project_id IN (SELECT id FROM ad_projects WHERE brand_id = @id)),
            e AS (SELECT * FROM exports WHERE project_id IN (SELECT id FROM ad_projects WHERE brand_id = @id))
       SELECT sha256 AS s FROM a UNION SELECT original_sha256 FROM a UNION SELECT thumbnail_sha256 FROM a
       UNION SELECT sha256 FROM e UNION SELECT thumbnail_sha256 FROM e`,
    )
    .all({ id: brandId }) as { s: string | null }[];
  return rows.map((r) => r.s).filter((s): s is string => !!s);
}

const SHA = /[0-9a-f]{64}/g;

/**
 * Every media sha named inside a stored document: timelines (clips, overlays, audio), run steps'
 * outputs and runs' inputs (scenes, frames, product images by path), brand-style training sets
 * and previews. Read in one pass so checking many shas costs one scan.
 */
function documentShas(db: Db): Set<string> {
  const found = new Set<string>();
  const texts = db
    .prepare(
      `SELECT document_json AS t FROM timelines
       UNION ALL SELECT output_json FROM run_steps WHERE output_json IS NOT NULL
       UNION ALL SELECT input_json FROM runs
       UNION ALL SELECT training_set_json FROM lora_models UNION ALL SELECT preview_json FROM lora_models`,
    )
    .iterate() as Iterable<{ t: string | null }>;
  for (const { t } of texts) for (const m of t?.matchAll(SHA) ?? []) found.add(m[0]);
  return found;
}

/**
 * A predicate: does any row or document still name this sha (assets in any role, exports, and the
 * documents in documentShas)? Unreferenced files may be removed — a product image deleted from a
 * brand stays while an ad's timeline still overlays it. Documents are read once per predicate.
 */
export function mediaReferences(db: Db): (sha256: string) => boolean {
  const rows = db.prepare(
    `SELECT 1 FROM assets WHERE sha256 = @s OR original_sha256 = @s OR thumbnail_sha256 = @s
     UNION ALL SELECT 1 FROM exports WHERE sha256 = @s OR thumbnail_sha256 = @s
     UNION ALL SELECT 1 FROM brands WHERE font = 'file:' || @s LIMIT 1`,
  );
  let docs: Set<string> | undefined;
  return (sha256) => {
    if (rows.get({ s: sha256 }) !== undefined) return true;
    docs ??= documentShas(db);
    return docs.has(sha256);
  };
}

/** Whether anything still names this one sha (see mediaReferences). */
export function isMediaReferenced(db: Db, sha256: string): boolean {
  return mediaReferences(db)(sha256);
}

/** Assets by sha (the media protocol answers for known shas only; also used for Content-Type). */
export function findAssetBySha(db: Db, sha256: string): AssetRecord | undefined {
  const row = db
    .prepare('SELECT * FROM assets WHERE sha256 = ? OR original_sha256 = ? OR thumbnail_sha256 = ? LIMIT 1')
    .get(sha256, sha256, sha256) as AssetRow | undefined;
  return row && toRecord(row);
}
