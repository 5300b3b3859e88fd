/**
 * Issue 23: variants of a finished ad. A variant set remembers the ad it was made from and what
 * was asked (hooks × CTAs × aspects); each variant is a normal ad project (editable, exportable)
 * with its variant id, its name (`<ad>-hookB-cta2-9x16`), its hook letter, CTA number and aspect,
 * and the hook / CTA lines it says — what a platform pack's manifest and an ads manager's results
 * are joined on.
 */
export const sql = `
CREATE TABLE variant_sets (
  id TEXT PRIMARY KEY,
  source_project_id TEXT REFERENCES ad_projects(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  spec_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE variants (
  id TEXT PRIMARY KEY,
  set_id TEXT NOT NULL REFERENCES variant_sets(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL UNIQUE REFERENCES ad_projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  hook TEXT NOT NULL,
  cta INTEGER NOT NULL,
  aspect TEXT NOT NULL,
  hook_line TEXT NOT NULL,
  cta_line TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX variants_by_set ON variants(set_id);
`;
