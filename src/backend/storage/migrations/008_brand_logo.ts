/**
 * Issue 16: a brand's logo, shown on its ads' end card. The logo is an asset like a product image
 * (content-addressed file, thumbnail, probe) with the new role 'logo', at most one per brand
 * (a partial unique index: replacing a logo is delete + insert in one transaction). SQLite cannot
 * change a CHECK constraint, so `assets` is rebuilt with the same columns and indexes (nothing
 * references assets by foreign key; migrate() runs foreign_key_check afterwards).
 */
export const sql = `
CREATE TABLE assets_008 (
  id              TEXT PRIMARY KEY,
  brand_id        TEXT REFERENCES brands(id) ON DELETE CASCADE,
  project_id      TEXT REFERENCES ad_projects(id) ON DELETE CASCADE,
  role            TEXT NOT NULL DEFAULT 'product'
                  CHECK (role IN ('product','logo','reference','scene','frame','voiceover','music','sfx','import','export','thumbnail','training')),
  kind            TEXT NOT NULL CHECK (kind IN ('image','video','audio')),
  sha256          TEXT NOT NULL,
  original_sha256 TEXT,
  thumbnail_sha256 TEXT,
  original_name   TEXT NOT NULL DEFAULT '',
  mime            TEXT NOT NULL,
  width           INTEGER,
  height          INTEGER,
  duration_ms     INTEGER,
  bytes           INTEGER NOT NULL,
  probe_json      TEXT NOT NULL DEFAULT '{}',
  position        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL
);
INSERT INTO assets_008 (id, brand_id, project_id, role, kind, sha256, original_sha256, thumbnail_sha256, original_name, mime, width, height, duration_ms, bytes, probe_json, position, created_at)
  SELECT id, brand_id, project_id, role, kind, sha256, original_sha256, thumbnail_sha256, original_name, mime, width, height, duration_ms, bytes, probe_json, position, created_at FROM assets ORDER BY rowid;
DROP TABLE assets;
ALTER TABLE assets_008 RENAME TO assets;
CREATE INDEX assets_brand ON assets(brand_id);
CREATE INDEX assets_project ON assets(project_id);
CREATE INDEX assets_sha ON assets(sha256);
CREATE INDEX assets_original_sha ON assets(original_sha256) WHERE original_sha256 IS NOT NULL;
CREATE INDEX assets_thumbnail_sha ON assets(thumbnail_sha256) WHERE thumbnail_sha256 IS NOT NULL;
CREATE UNIQUE INDEX assets_one_logo ON assets(brand_id) WHERE role = 'logo';
`;
