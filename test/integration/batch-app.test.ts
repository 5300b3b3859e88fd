/**
 * The Batch screen's backend (issue 23), through the contract as the app calls it: a 3-row JSONL
 * with one bad row is previewed (nothing recorded), a signed-in batch without an account is
 * refused before anything starts, an offline batch is started, cancelled mid-run and — after the
 * backend is closed and opened again (a restart) — listed as unfinished and resumed: the
 * interrupted row continues its own run (not a new one), the bad row keeps its error, and the
 * other two ads end up in `<file>-ads`.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend/backend';
import { databasePath } from '../../src/backend/storage/database';
import type { BatchPreview, BatchView, UnfinishedBatch } from '../../src/shared/domain/batch';
import { waitFor } from '../support/wait';
import { makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const saved = { scale: process.env.ZAPCUT_RENDER_SCALE, voice: process.env.ZAPCUT_OFFLINE_VOICE };
beforeAll(() => {
  process.env.ZAPCUT_RENDER_SCALE = '0.1';
  process.env.ZAPCUT_OFFLINE_VOICE = 'none';
});
afterAll(() => {
  for (const [k, v] of [['ZAPCUT_RENDER_SCALE', saved.scale], ['ZAPCUT_OFFLINE_VOICE', saved.voice]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

describe('the Batch screen backend', () => {
  it('previews without recording, refuses an unpaid signed-in batch up front, cancels, and resumes after a restart', { timeout: 300_000 }, async () => {
    const ws = await makeWorkspace('zapcut-batch-app-');
    const base = JSON.parse(await readFile(await writeBrief(ws.dir), 'utf8')) as { product: Record<string, unknown> };
    const file = path.join(ws.dir, 'spring.jsonl');
    const rows = [1, 2, 3].map((i) => ({ ...base, product: { ...base.product, name: `Luna Brew ${i}` }, ...(i === 2 ? { lengthSeconds: 45 } : {}) }));
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const outDir = path.join(ws.dir, 'spring-ads');
    const exists = (p: string) => stat(p).then(() => true, () => false);

    let backend = openPipelineBackend(ws.dataDir);
    const preview = await call<BatchPreview>(backend, 'batch/preview', { path: file });
    expect(preview.rows.map((r) => [r.row, r.product, r.state])).toEqual([
      [1, 'Luna Brew 1', 'ready'],
      [2, 'Luna Brew 2', 'invalid'],
      [3, 'Luna Brew 3', 'ready'],
    ]);
    expect(preview.rows[1]!.error).toBe('lengthSeconds: must be 15, 30 or 60 (seconds)');
    expect(preview.quote).toEqual({ provider: 'offline', toMake: 2, ok: true });
    expect(preview.outDir).toBe(outDir);
    expect(preview.resumeId).toBeNull();
    expect(await call<UnfinishedBatch[]>(backend, 'batch/unfinished', {})).toEqual([]);

    // Signed in without an account (no service URL here): refused before anything is recorded or made.
    const proxy = await call<BatchPreview>(backend, 'batch/preview', { path: file, provider: 'proxy' });
    expect(proxy.quote).toMatchObject({ provider: 'proxy', ok: false, toMake: 2 });
    expect(proxy.quote.provider === 'proxy' && proxy.quote.problem).toMatch(/service URL|sign in/i);
    await expect(call(backend, 'batch/start', { path: file, provider: 'proxy' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call<UnfinishedBatch[]>(backend, 'batch/unfinished', {})).toEqual([]);
    expect(await exists(outDir)).toBe(false);
    // Input is checked at the boundary.
    await expect(call(backend, 'batch/preview', { path: path.join(ws.dir, 'spring.txt') })).rejects.toMatchObject({ code: 'VALIDATION' });

    // Start offline, one at a time; cancel once row 1 is part-way.
    const views: BatchView[] = [];
    backend.on((event, payload) => event === 'batch/changed' && views.push(payload as BatchView));
    const started = await call<BatchView>(backend, 'batch/start', { path: file, concurrency: 1 });
    expect(started.rows.map((r) => r.status)).toEqual(['pending', 'invalid', 'pending']);
    await expect(call(backend, 'batch/start', { path: file })).rejects.toMatchObject({ code: 'CONFLICT' });
    await waitFor(() => views.at(-1), (v) => !!v && v.rows[0]!.status === 'running' && v.rows[0]!.percent > 5, 'row 1 under way');
    await call(backend, 'batch/cancel', {});
    const cancelled = await waitFor(() => views.at(-1)!, (v) => v.status === 'cancelled', 'the batch to stop');
    expect(cancelled.rows.map((r) => r.status)).toEqual(['cancelled', 'invalid', 'cancelled']);
    expect((await call<BatchView>(backend, 'batch/current', {})).status).toBe('cancelled');
    // Whole-batch progress moved and never went backwards while it ran.
    const percents = views.filter((v) => v.status === 'running').map((v) => v.progress.percent);
    expect(Math.max(...percents)).toBeGreaterThan(0);
    // The invalid row is not work done: before anything is made the bar starts at 0, not at a third.
    expect(percents.find((p) => p !== undefined)).toBe(0);
    expect(Math.max(...percents)).toBeLessThan(50);
    const db = () => new Database(databasePath(ws.dataDir), { readonly: true });
    const runOfRow1 = () => {
      const d = db();
      try {
        return (d.prepare('SELECT run_id FROM batch_rows WHERE row = 1').get() as { run_id: string | null }).run_id;
      } finally {
        d.close();
      }
    };
    const firstRun = runOfRow1();
    expect(firstRun).toBeTruthy();
    backend.close();

    // A restart: the batch is listed as unfinished and resumes.
    backend = openPipelineBackend(ws.dataDir);
    const unfinished = await call<UnfinishedBatch[]>(backend, 'batch/unfinished', {});
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]).toMatchObject({ batchId: started.batchId, path: file, outDir, total: 3, made: 0, provider: 'offline' });
    const again = await call<BatchPreview>(backend, 'batch/preview', { path: file, resumeId: started.batchId });
    expect(again.resumeId).toBe(started.batchId);
    expect(again.rows.map((r) => r.state)).toEqual(['resumes', 'invalid', 'ready']);
    const views2: BatchView[] = [];
    backend.on((event, payload) => event === 'batch/changed' && views2.push(payload as BatchView));
    const resumed = await call<BatchView>(backend, 'batch/start', { path: file, resumeId: started.batchId, concurrency: 1 });
    expect(resumed.batchId).toBe(started.batchId);
    const finished = await waitFor(() => views2.at(-1)!, (v) => v !== undefined && v.status !== 'running', 'the resumed batch to end', { timeoutMs: 240_000 });
    expect(finished.status).toBe('finished');
    expect(finished.rows.map((r) => [r.row, r.status])).toEqual([
      [1, 'done'],
      [2, 'invalid'],
      [3, 'done'],
    ]);
    expect(finished.rows[1]!.error).toBe('lengthSeconds: must be 15, 30 or 60 (seconds)');
    // Row 1 continued its own run; nothing was started over.
    expect(runOfRow1()).toBe(firstRun);
    for (const name of ['01-luna-brew-1-15s-16x9.mp4', '03-luna-brew-3-15s-16x9.mp4']) expect((await stat(path.join(outDir, name))).size).toBeGreaterThan(5_000);
    expect(await call<UnfinishedBatch[]>(backend, 'batch/unfinished', {})).toEqual([]);
    backend.close();
  });
});
