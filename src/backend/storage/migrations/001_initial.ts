/**
 * 001 — the whole schema from ARCHITECTURE.md "Storage". Later work fills the tables; new
 * columns/tables come as new numbered migrations (never edit a shipped one).
 *
 * Conventions: ids are TEXT (uuid v4 or readable step ids), times are ISO-8601 UTC TEXT,
 * JSON columns end in `_json` and hold zod-validated documents, money is integer cents.
 */
export const sql = /* sql */ `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);

CREATE TABLE brands (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  guidelines  TEXT NOT NULL DEFAULT '',
  colors_json TEXT NOT NULL DEFAULT '[]',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE ad_projects (
  id                  TEXT PRIMARY KEY,
  -- RESTRICT: a brand with ads is never deleted silently; the service decides (see brands service).
  brand_id            TEXT REFERENCES brands(id) ON DELETE RESTRICT,
  title               TEXT NOT NULL,
  brief_json          TEXT NOT NULL DEFAULT '{}',
  length_seconds      INTEGER NOT NULL DEFAULT 30 CHECK (length_seconds BETWEEN 1 AND 600),
  aspect              TEXT NOT NULL DEFAULT '16:9',
  status              TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft','chatting','review','generating','ready','failed','cancelled','blocked')),
  chat_stage          TEXT NOT NULL DEFAULT 'collect_brand_info',
  current_timeline_id TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX ad_projects_brand ON ad_projects(brand_id);

-- Content-addressed media: the file lives at <data>/media/<sha256[0:2]>/<sha256>.
CREATE TABLE assets (
  id              TEXT PRIMARY KEY,
  brand_id        TEXT REFERENCES brands(id) ON DELETE CASCADE,
  project_id      TEXT REFERENCES ad_projects(id) ON DELETE CASCADE,
  role            TEXT NOT NULL DEFAULT 'product'
                  CHECK (role IN ('product','reference','scene','frame','voiceover','music','sfx','import','export','thumbnail','training')),
  kind            TEXT NOT NULL CHECK (kind IN ('image','video','audio')),
  sha256          TEXT NOT NULL,
  original_sha256 TEXT,            -- set when the working file was derived (downscaled/rotated)
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
CREATE INDEX assets_brand ON assets(brand_id);
CREATE INDEX assets_project ON assets(project_id);
CREATE INDEX assets_sha ON assets(sha256);
-- Media cleanup asks "does any row still name this file?" across all three sha columns.
CREATE INDEX assets_original_sha ON assets(original_sha256) WHERE original_sha256 IS NOT NULL;
CREATE INDEX assets_thumbnail_sha ON assets(thumbnail_sha256) WHERE thumbnail_sha256 IS NOT NULL;

CREATE TABLE creative_bibles (
  id         TEXT PRIMARY KEY,
  brand_id   TEXT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  bible_json TEXT NOT NULL,
  source     TEXT NOT NULL,          -- provider family that wrote it, or 'user' after an edit
  created_at TEXT NOT NULL,
  UNIQUE (brand_id, version)
);

CREATE TABLE lora_models (
  id                TEXT PRIMARY KEY,
  brand_id          TEXT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
  status            TEXT NOT NULL CHECK (status IN ('training','ready','failed')),
  provider          TEXT NOT NULL,
  training_id       TEXT,            -- external job id, recorded before waiting
  model_ref         TEXT,
  training_set_json TEXT NOT NULL DEFAULT '[]',
  preview_json      TEXT NOT NULL DEFAULT '{}',
  error_message     TEXT,
  approved          INTEGER,         -- NULL = not asked yet, 0 = rejected, 1 = approved
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX lora_models_brand ON lora_models(brand_id);

CREATE TABLE chat_messages (
  id         TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES ad_projects(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('user','assistant','system')),
  stage      TEXT NOT NULL,
  content    TEXT NOT NULL,
  meta_json  TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  UNIQUE (project_id, seq)
);

CREATE TABLE storyboards (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES ad_projects(id) ON DELETE CASCADE,
  version         INTEGER NOT NULL,
  storyboard_json TEXT NOT NULL,
  safety_json     TEXT,
  approved_at     TEXT,
  created_at      TEXT NOT NULL,
  UNIQUE (project_id, version)
);

CREATE TABLE runs (
  id              TEXT PRIMARY KEY,
  project_id      TEXT REFERENCES ad_projects(id) ON DELETE CASCADE,
  provider        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled','blocked')),
  input_json      TEXT NOT NULL,
  error_code      TEXT,
  error_message   TEXT,
  cost_cents      INTEGER NOT NULL DEFAULT 0,
  reservation_id  TEXT,              -- proxy video reservation, reused on resume
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  finished_at     TEXT
);
CREATE INDEX runs_project ON runs(project_id);

-- One row per named step ('bible', 'scene:3', 'export:16x9'). A step's output is committed here
-- before the next step starts; external_job_id is written the moment a paid job is created.
CREATE TABLE run_steps (
  run_id          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_id         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending','running','done','failed','skipped')),
  output_json     TEXT,
  external_job_id TEXT,
  attempt         INTEGER NOT NULL DEFAULT 0,
  cost_cents      INTEGER NOT NULL DEFAULT 0,
  error_json      TEXT,
  started_at      TEXT,
  finished_at     TEXT,
  PRIMARY KEY (run_id, step_id)
);

-- Project documents (the timeline is the product), versioned; the newest version is current.
CREATE TABLE timelines (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES ad_projects(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  document_json TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (project_id, version)
);

CREATE TABLE exports (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES ad_projects(id) ON DELETE CASCADE,
  timeline_id      TEXT REFERENCES timelines(id) ON DELETE SET NULL,
  preset           TEXT NOT NULL,
  sha256           TEXT,
  thumbnail_sha256 TEXT,
  duration_ms      INTEGER,
  status           TEXT NOT NULL CHECK (status IN ('running','done','failed','cancelled')),
  error_message    TEXT,
  created_at       TEXT NOT NULL,
  finished_at      TEXT
);
CREATE INDEX exports_project ON exports(project_id);

CREATE TABLE safety_violations (
  id         TEXT PRIMARY KEY,
  project_id TEXT REFERENCES ad_projects(id) ON DELETE CASCADE,
  run_id     TEXT REFERENCES runs(id) ON DELETE CASCADE,
  category   TEXT NOT NULL,
  severity   TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  rule_id    TEXT,
  excerpt    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
`;
