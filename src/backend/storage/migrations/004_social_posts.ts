/**
 * Issue 24: publishing to social networks.
 *  - social_connections: which account is connected per network (name, handle, avatar as a small
 *    data URL) for the Zapcut service that configured it. The tokens are NOT here: they live in
 *    the OS keychain (session token store).
 *  - social_posts: every post attempt — network, account, ad, source export, caption, where the
 *    upload stopped (upload_json, so a restart resumes), remote id and URL, status, error. The
 *    idempotency key is unique (a double click or a retry finds the same row), and one ad file can
 *    have only one live post per network at a time.
 */
export const sql = `
CREATE TABLE social_connections (
  network          TEXT NOT NULL,
  config_origin    TEXT NOT NULL,
  account_id       TEXT NOT NULL,
  account_name     TEXT NOT NULL,
  account_handle   TEXT,
  avatar_data_url  TEXT,
  status           TEXT NOT NULL CHECK (status IN ('connected','needs_reconnect')),
  problem          TEXT,
  connected_at     TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (network, config_origin)
);

CREATE TABLE social_posts (
  id                TEXT PRIMARY KEY,
  idempotency_key   TEXT NOT NULL UNIQUE,
  network           TEXT NOT NULL CHECK (network IN ('x','linkedin','youtube','tiktok')),
  config_origin     TEXT NOT NULL,
  account_id        TEXT NOT NULL,
  account_name      TEXT NOT NULL,
  project_id        TEXT REFERENCES ad_projects(id) ON DELETE SET NULL,
  export_id         TEXT REFERENCES exports(id) ON DELETE SET NULL,
  source_kind       TEXT NOT NULL CHECK (source_kind IN ('media','file')),
  source_ref        TEXT NOT NULL,
  aspect            TEXT NOT NULL,
  caption           TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('queued','preparing','uploading','processing','posting','posted','failed','cancelled')),
  upload_json       TEXT,
  post_attempted_at TEXT,
  remote_id         TEXT,
  remote_url        TEXT,
  error_code        TEXT,
  error_message     TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  posted_at         TEXT
);
CREATE INDEX social_posts_project ON social_posts(project_id, created_at);
CREATE UNIQUE INDEX social_posts_one_live ON social_posts(network, source_ref)
  WHERE status IN ('queued','preparing','uploading','processing','posting');
`;
