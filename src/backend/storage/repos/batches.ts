/**
 * Batches (`zapcut batch`, issue 23): a batch file's rows and the run making each row's ad. Each
 * write is one statement, so a SIGKILL between two leaves consistent rows: a row whose run was
 * created but not yet recorded simply gets a new run (the orphan never started, so never paid).
 */
import { z } from 'zod';
import type { Db } from '../database';
import { writeTransaction } from '../transaction';

export const BatchOptions = z.object({
  provider: z.string(),
  lengthSeconds: z.number().int().optional(),
  aspect: z.string().optional(),
  shortSide: z.number().int().optional(),
  videoModel: z.string().optional(),
});
export type BatchOptions = z.infer<typeof BatchOptions>;

export interface BatchRecord {
  id: string;
  sourcePath: string;
  sourceSha256: string;
  outDir: string;
  options: BatchOptions;
  createdAt: string;
  updatedAt: string;
}

export interface BatchRowRecord {
  batchId: string;
  row: number;
  line: number;
  runId: string | null;
  outPath: string | null;
  error: string | null;
}

interface BatchDbRow {
  id: string;
  source_path: string;
  source_sha256: string;
  out_dir: string;
  options_json: string;
  created_at: string;
  updated_at: string;
}

function toBatch(r: BatchDbRow): BatchRecord {
  return { id: r.id, sourcePath: r.source_path, sourceSha256: r.source_sha256, outDir: r.out_dir, options: BatchOptions.parse(JSON.parse(r.options_json)), createdAt: r.created_at, updatedAt: r.updated_at };
}

/** A new batch and its rows, in one transaction. */
export function insertBatch(db: Db, b: Omit<BatchRecord, 'updatedAt'>, rows: Pick<BatchRowRecord, 'row' | 'line' | 'error'>[]): BatchRecord {
  writeTransaction(db, () => {
    db.prepare('INSERT INTO batches (id, source_path, source_sha256, out_dir, options_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(b.id, b.sourcePath, b.sourceSha256, b.outDir, JSON.stringify(BatchOptions.parse(b.options)), b.createdAt, b.createdAt);
    const ins = db.prepare('INSERT INTO batch_rows (batch_id, row, line, error) VALUES (?, ?, ?, ?)');
    for (const r of rows) ins.run(b.id, r.row, r.line, r.error);
  });
  return { ...b, updatedAt: b.createdAt };
}

export function getBatch(db: Db, id: string): BatchRecord | undefined {
  const r = db.prepare('SELECT * FROM batches WHERE id = ?').get(id) as BatchDbRow | undefined;
  return r ? toBatch(r) : undefined;
}

/** The latest batch of this file's bytes into this folder (running the same file again continues it). */
export function findBatch(db: Db, sourceSha256: string, outDir: string): BatchRecord | undefined {
  const r = db.prepare('SELECT * FROM batches WHERE source_sha256 = ? AND out_dir = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(sourceSha256, outDir) as BatchDbRow | undefined;
  return r ? toBatch(r) : undefined;
}

export function listBatchRows(db: Db, batchId: string): BatchRowRecord[] {
  const rows = db.prepare('SELECT batch_id, row, line, run_id, out_path, error FROM batch_rows WHERE batch_id = ? ORDER BY row').all(batchId) as { batch_id: string; row: number; line: number; run_id: string | null; out_path: string | null; error: string | null }[];
  return rows.map((r) => ({ batchId: r.batch_id, row: r.row, line: r.line, runId: r.run_id, outPath: r.out_path, error: r.error }));
}

/** The run that makes this row's ad and where the ad goes (recorded the moment the run is created). */
export function setBatchRowRun(db: Db, batchId: string, row: number, runId: string, outPath: string, now: string): void {
  writeTransaction(db, () => {
    db.prepare('UPDATE batch_rows SET run_id = ?, out_path = ?, error = NULL WHERE batch_id = ? AND row = ?').run(runId, outPath, batchId, row);
    db.prepare('UPDATE batches SET updated_at = ? WHERE id = ?').run(now, batchId);
  });
}

/** A row's validation error as read this time (a fixed image path clears it). */
export function setBatchRowError(db: Db, batchId: string, row: number, error: string | null): void {
  db.prepare('UPDATE batch_rows SET error = ? WHERE batch_id = ? AND row = ?').run(error, batchId, row);
}

/** The newest batches first (the Batch screen's "unfinished" list looks at these). */
export function listRecentBatches(db: Db, limit: number): BatchRecord[] {
  return (db.prepare('SELECT * FROM batches ORDER BY updated_at DESC, rowid DESC LIMIT ?').all(limit) as BatchDbRow[]).map(toBatch);
}
