/**
 * Batches (issue 23): many ads from one file. `open` records the batch (or finds the one this file
 * already started into this folder) and says per row what is left: rows whose ad is made and
 * delivered are skipped, rows with a run resume it (its memo replays finished steps and re-polls
 * paid jobs, so nothing is paid twice), the rest get a new run. `run` (./queue.ts) works through
 * them with bounded concurrency. The CLI's `zapcut batch` drives it; the app's Batch screen is a
 * follow-up that will use the same service.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { aspectSlug, slugify } from '../../../shared/variants';
import type { BatchFile } from '../../../pipeline/batch-file';
import type { ResolvedBrief } from '../../../pipeline/brief';
import type { RunChargeRecord, RunStatus } from '../../../pipeline/engine/store';
import * as repo from '../../storage/repos/batches';
import type { ServiceContext } from '../context';

export type { BatchOptions, BatchRecord } from '../../storage/repos/batches';

export interface PlannedRow {
  row: number;
  line: number;
  brief: ResolvedBrief | null;
  /** Why the row cannot run (validation), one `field: problem` per line. */
  error: string | null;
  runId: string | null;
  runStatus: RunStatus | null;
  /** Where its ad goes: set with its run, else what a new run will use. */
  outPath: string;
  /** Made and delivered by an earlier invocation: nothing to do. */
  finished: boolean;
  /** The video its run holds at the proxy (signed-in runs), as last heard. */
  charge: RunChargeRecord | null;
}

/** Whether making the row will reserve a video (its run holds none that is still good). */
export function needsVideo(r: PlannedRow): boolean {
  if (r.finished || r.runStatus === 'blocked' || (!r.runId && !r.brief)) return false;
  return !r.charge || r.charge.status === 'refunded' || r.charge.status === 'expired';
}

export interface BatchPlan {
  batch: repo.BatchRecord;
  /** True when an earlier invocation started this batch. */
  resumed: boolean;
  rows: PlannedRow[];
}

/** `03-luna-cold-brew.mp4`: row number first so the folder lists in file order. */
export function adFileName(row: number, total: number, brief: ResolvedBrief): string {
  return `${String(row).padStart(Math.max(2, String(total).length), '0')}-${slugify(brief.product.name)}-${brief.lengthSeconds}s-${aspectSlug(brief.aspect)}.mp4`;
}

/**
 * The batch for `file` into `outDir`: `resumeId` continues that batch (its file must be unchanged);
 * otherwise the latest batch of the same file bytes into the same folder continues, unless `fresh`.
 */
export async function openBatch(ctx: ServiceContext, file: BatchFile, outDir: string, options: repo.BatchOptions, opts: { resumeId?: string; fresh?: boolean; dryRun?: boolean } = {}): Promise<BatchPlan> {
  const dir = path.resolve(outDir);
  let batch: repo.BatchRecord | undefined;
  if (opts.resumeId) {
    batch = repo.getBatch(ctx.db, opts.resumeId);
    if (!batch) throw new AppError('NOT_FOUND', `No batch "${opts.resumeId}". Run \`zapcut batch <file>\` to start one.`);
    if (batch.sourceSha256 !== file.sha256) {
      throw new AppError('CONFLICT', `The batch file ${file.path} changed since batch ${batch.id} started, so its rows may no longer be the same ads. Run \`zapcut batch ${file.path}\` to start a new batch (finished ads stay where they are).`);
    }
  } else if (!opts.fresh) {
    batch = repo.findBatch(ctx.db, file.sha256, dir);
  }
  const resumed = batch !== undefined;
  if (!batch && opts.dryRun) {
    // Only looking (a quote): what a new batch would be, recorded nowhere.
    batch = { id: '', sourcePath: file.path, sourceSha256: file.sha256, outDir: dir, options, createdAt: ctx.now(), updatedAt: ctx.now() };
  } else if (!batch) {
    batch = repo.insertBatch(ctx.db, { id: ctx.newId(), sourcePath: file.path, sourceSha256: file.sha256, outDir: dir, options, createdAt: ctx.now() }, file.rows.map((r) => ({ row: r.row, line: r.line, error: r.error })));
  }
  const stored = new Map(repo.listBatchRows(ctx.db, batch.id).map((r) => [r.row, r]));
  const rows: PlannedRow[] = [];
  for (const r of file.rows) {
    const s = stored.get(r.row);
    const run = s?.runId ? ctx.pipeline.store.getRun(s.runId) : undefined;
    // A row read differently this time (an image added since) records its new state.
    if (s && !run && s.error !== r.error && !opts.dryRun) repo.setBatchRowError(ctx.db, batch.id, r.row, r.error);
    const outPath = s?.outPath ?? path.join(batch.outDir, r.brief ? adFileName(r.row, file.rows.length, r.brief) : `${String(r.row).padStart(2, '0')}.mp4`);
    const delivered = run?.status === 'succeeded' && (await stat(outPath).then((x) => x.isFile(), () => false));
    rows.push({ row: r.row, line: r.line, brief: r.brief, error: run ? null : r.error, runId: run?.id ?? null, runStatus: run?.status ?? null, outPath, finished: delivered, charge: run?.charge ?? null });
  }
  return { batch, resumed, rows };
}

export function recordRowRun(ctx: ServiceContext, batchId: string, row: number, runId: string, outPath: string): void {
  repo.setBatchRowRun(ctx.db, batchId, row, runId, outPath, ctx.now());
}
