/**
 * Issue 23: `zapcut batch` makes many ads from one file. A batch remembers its file (path and
 * sha256, so running the same file again finds it), where its ads go, the options it was started
 * with, and per row the run that makes that row's ad — so after a crash or Ctrl-C the finished
 * rows are skipped and the unfinished runs resume from their memo (nothing paid is paid again).
 * A row's state is its run's status; a row without a run is pending, or invalid when it has an error.
 * out_path is where the row's ad is delivered, set with its run.
 */
export const sql = `
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  source_path TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  out_dir TEXT NOT NULL,
  options_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX batches_by_source ON batches(source_sha256, out_dir);
CREATE TABLE batch_rows (
  batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
  row INTEGER NOT NULL,
  line INTEGER NOT NULL,
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
  out_path TEXT,
  error TEXT,
  PRIMARY KEY (batch_id, row)
);
`;
