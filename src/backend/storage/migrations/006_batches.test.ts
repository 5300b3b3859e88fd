import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { findBatch, getBatch, insertBatch, listBatchRows, setBatchRowError, setBatchRowRun } from '../repos/batches';

const now = '2026-01-01T00:00:00.000Z';

describe('migration 006_batches', () => {
  it('keeps existing runs; a batch keeps its rows, the run of each, and is found again by its file and folder', () => {
    const db = openDatabase(':memory:', { targetVersion: 5 });
    db.prepare("INSERT INTO runs (id, provider, status, input_json, created_at, updated_at) VALUES ('r1', 'offline', 'succeeded', '{}', ?, ?)").run(now, now);
    migrate(db, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare("SELECT status FROM runs WHERE id = 'r1'").get()).toEqual({ status: 'succeeded' });

    insertBatch(db, { id: 'b1', sourcePath: '/x/ads.jsonl', sourceSha256: 'abc', outDir: '/x/out', options: { provider: 'offline', shortSide: 90 }, createdAt: now }, [
      { row: 1, line: 1, error: null },
      { row: 2, line: 2, error: 'lengthSeconds: must be 15, 30 or 60 (seconds)' },
    ]);
    setBatchRowRun(db, 'b1', 1, 'r1', '/x/out/01-a.mp4', '2026-01-01T00:00:01.000Z');
    setBatchRowError(db, 'b1', 2, null);
    expect(getBatch(db, 'b1')).toMatchObject({ options: { provider: 'offline', shortSide: 90 }, updatedAt: '2026-01-01T00:00:01.000Z' });
    expect(findBatch(db, 'abc', '/x/out')?.id).toBe('b1');
    expect(findBatch(db, 'abc', '/elsewhere')).toBeUndefined();
    expect(listBatchRows(db, 'b1')).toEqual([
      { batchId: 'b1', row: 1, line: 1, runId: 'r1', outPath: '/x/out/01-a.mp4', error: null },
      { batchId: 'b1', row: 2, line: 2, runId: null, outPath: null, error: null },
    ]);
    // A row's run must exist; a deleted run leaves the row to be made again.
    expect(() => setBatchRowRun(db, 'b1', 2, 'nope', '/x/out/02.mp4', now)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM runs WHERE id = 'r1'").run();
    expect(listBatchRows(db, 'b1')[0]!.runId).toBeNull();
    db.close();
  });
});
