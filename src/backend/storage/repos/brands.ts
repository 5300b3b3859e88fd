/** Brand rows. Functions take the db first so tests run them on ':memory:'. */
import type { Db } from '../database';

export interface BrandRecord {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  colors: string[];
  /** The brand font (shared/timeline/fonts.ts FontRef); null: the default. */
  font: string | null;
  createdAt: string;
  updatedAt: string;
}

interface BrandRow {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  colors_json: string;
  font: string | null;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: BrandRow): BrandRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  guidelines: r.guidelines,
  colors: JSON.parse(r.colors_json) as string[],
  font: r.font ?? null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function insertBrand(db: Db, input: Omit<BrandRecord, 'font'> & { font?: string | null }): BrandRecord {
  const brand: BrandRecord = { ...input, font: input.font ?? null };
  db.prepare(
    `INSERT INTO brands (id, name, description, guidelines, colors_json, font, created_at, updated_at)
     VALUES (@id, @name, @description, @guidelines, @colors_json, @font, @createdAt, @updatedAt)`,
  ).run({ ...brand, colors_json: JSON.stringify(brand.colors) });
  return brand;
}

/** Sets (or with null, clears) the brand font; false when the id is unknown. */
export function setBrandFont(db: Db, id: string, font: string | null, updatedAt: string): boolean {
  return db.prepare('UPDATE brands SET font = ?, updated_at = ? WHERE id = ?').run(font, updatedAt, id).changes > 0;
}

export function getBrand(db: Db, id: string): BrandRecord | undefined {
  const row = db.prepare('SELECT * FROM brands WHERE id = ?').get(id) as BrandRow | undefined;
  return row && toRecord(row);
}

/** Newest first (the library shows the brand you just made at the top). */
export function listBrands(db: Db): BrandRecord[] {
  const rows = db.prepare('SELECT * FROM brands ORDER BY created_at DESC, rowid DESC').all() as BrandRow[];
  return rows.map(toRecord);
}

export type BrandChanges = Partial<Pick<BrandRecord, 'name' | 'description' | 'guidelines' | 'colors'>>;

/** Applies only the given fields; returns the updated record or undefined when the id is unknown. */
export function updateBrand(db: Db, id: string, changes: BrandChanges, updatedAt: string): BrandRecord | undefined {
  const info = db
    .prepare(
      `UPDATE brands SET
         name        = COALESCE(@name, name),
         description = COALESCE(@description, description),
         guidelines  = COALESCE(@guidelines, guidelines),
         colors_json = COALESCE(@colors_json, colors_json),
         updated_at  = @updatedAt
       WHERE id = @id`,
    )
    .run({
      id,
      name: changes.name ?? null,
      description: changes.description ?? null,
      guidelines: changes.guidelines ?? null,
      colors_json: changes.colors ? JSON.stringify(changes.colors) : null,
      updatedAt,
    });
  return info.changes ? getBrand(db, id) : undefined;
}

/** Deletes the brand row; its assets, bibles and LoRAs cascade. Ads RESTRICT (see countBrandAds). */
export function deleteBrand(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM brands WHERE id = ?').run(id).changes > 0;
}

export function countBrandAds(db: Db, brandId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM ad_projects WHERE brand_id = ?').get(brandId) as { n: number }).n;
}

/** Ad counts for every brand in one query (the library list shows them). */
export function adCountsByBrand(db: Db): Map<string, number> {
  const rows = db
    .prepare('SELECT brand_id AS id, COUNT(*) AS n FROM ad_projects WHERE brand_id IS NOT NULL GROUP BY brand_id')
    .all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Deletes the brand's ads (their chats, runs, timelines, exports, assets cascade). */
export function deleteBrandAds(db: Db, brandId: string): number {
  return db.prepare('DELETE FROM ad_projects WHERE brand_id = ?').run(brandId).changes;
}

export type LoraStatus = 'none' | 'training' | 'ready' | 'failed';

/** The newest LoRA's status per brand ('none' when a brand has none). */
export function loraStatusByBrand(db: Db): Map<string, LoraStatus> {
  const rows = db
    .prepare(
      `SELECT brand_id AS id, status FROM lora_models l
       WHERE created_at = (SELECT MAX(created_at) FROM lora_models WHERE brand_id = l.brand_id)`,
    )
    .all() as { id: string; status: LoraStatus }[];
  return new Map(rows.map((r) => [r.id, r.status]));
}
