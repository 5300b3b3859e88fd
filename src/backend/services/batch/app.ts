/**
 * The app's Batch screen (issue 23) over the same service `zapcut batch` uses: `preview` reads the
 * file, checks every row (and its pictures) and quotes the whole batch without recording anything;
 * `start` checks and quotes again, refuses a batch the account cannot pay for in full before
 * anything starts, then runs the bounded queue in the background and pushes `batch/changed` with
 * the whole batch's view; `cancel` stops it (running ads keep their memo, so starting the same
 * file again continues where it stopped and nothing paid is paid again).
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { z } from 'zod';
import type { BatchStartInput, BatchPreview, BatchPreviewRow, BatchQuote, BatchRowView, BatchView, UnfinishedBatch } from '../../../shared/domain/batch';
import type { Aspect } from '../../../shared/domain/aspect';
import { readBatchFile } from '../../../pipeline/batch-file';
import { screenBatchImages } from '../../media-import/brief-images';
import { fetchAccount, fetchBatchQuote } from '../../session/session';
import { proxyAuth } from '../account/service';
import * as repo from '../../storage/repos/batches';
import type { ServiceContext } from '../context';
import { deliverAd } from './deliver';
import { priceBatch } from './quote';
import { defaultConcurrency, runBatch } from './queue';
import { openBatch, type BatchOptions, type BatchPlan, type PlannedRow } from './service';

export interface BatchAppState {
  live: { view: BatchView; controller: AbortController; done: Promise<void> } | null;
  /** The last batch this launch ran, kept for the screen after it ends. */
  last: BatchView | null;
}

export function createBatchAppState(): BatchAppState {
  return { live: null, last: null };
}

type Parsed = z.output<typeof BatchStartInput>;

interface Prepared {
  plan: BatchPlan;
  options: BatchOptions;
  outDir: string;
  format: 'csv' | 'jsonl';
  file: Awaited<ReturnType<typeof readBatchFile>>;
  warnings: Map<number, string[]>;
}

/** Reads and checks the file (rows, pictures) and plans it without recording anything. */
async function prepare(ctx: ServiceContext, input: Parsed): Promise<Prepared> {
  const earlier = input.resumeId ? repo.getBatch(ctx.db, input.resumeId) : undefined;
  if (input.resumeId && !earlier) throw new AppError('NOT_FOUND', 'That batch is no longer recorded. Choose its file again to start it.');
  const file = path.resolve(input.path);
  const read = await readBatchFile(file, { lengthSeconds: earlier?.options.lengthSeconds as 15 | 30 | 60 | undefined, aspect: earlier?.options.aspect as Aspect | undefined });
  const screened = await screenBatchImages(ctx.binaries(), read.rows, tmpdir());
  const warnings = new Map<number, string[]>();
  for (const w of screened.warnings) warnings.set(w.row, [...(warnings.get(w.row) ?? []), w.warning]);
  const checked = { ...read, rows: screened.rows };
  const options: BatchOptions = earlier?.options ?? { provider: input.provider, ...(input.draft ? { shortSide: 540 } : {}) };
  // The same folder the command line uses: `<file name>-ads` beside the file.
  const outDir = earlier?.outDir ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-ads`);
  const plan = await openBatch(ctx, checked, outDir, options, { resumeId: input.resumeId, dryRun: true });
  return { plan, options, outDir, format: read.format, file: checked, warnings };
}

function rowState(r: PlannedRow): BatchPreviewRow['state'] {
  if (r.finished) return 'made';
  if (r.runStatus === 'blocked') return 'blocked';
  if (r.runId) return 'resumes';
  return r.brief ? 'ready' : 'invalid';
}

/** What is left to make, priced: free offline; signed in, by the proxy against the account now. */
async function quoteOf(ctx: ServiceContext, plan: BatchPlan): Promise<BatchQuote> {
  const toMake = plan.rows.filter((r) => !r.finished && (r.runId || r.brief) && r.runStatus !== 'blocked').length;
  if (plan.batch.options.provider === 'offline') return { provider: 'offline', toMake, ok: true };
  const empty = { provider: 'proxy' as const, toMake, held: 0, fits: 0, free: 0, plan: 0, credits: 0, totalCents: 0, account: null, refused: [] };
  try {
    const auth = proxyAuth(ctx);
    const { held, pricing } = await priceBatch(plan.rows, plan.batch.options, { account: () => fetchAccount(auth), quoteBatch: (v) => fetchBatchQuote(auth, v) });
    if (!pricing) return { ...empty, held, fits: 0, problem: null, ok: true };
    const { me, answer } = pricing;
    return {
      provider: 'proxy',
      toMake,
      held,
      fits: answer.fits,
      free: pricing.free,
      plan: pricing.plan,
      credits: pricing.credits,
      totalCents: answer.totalCents,
      account: { tier: me.tier, freeVideosLeft: me.freeVideosLeft, monthVideosLeft: me.monthVideosLeft, creditsCents: me.creditsCents },
      refused: pricing.refused.map((x) => ({ row: x.row.row, message: x.message })),
      problem: null,
      ok: answer.fits >= pricing.pay.length,
    };
  } catch (err) {
    return { ...empty, problem: toErrorShape(err).message, ok: false };
  }
}

export async function previewBatch(ctx: ServiceContext, input: Parsed): Promise<BatchPreview> {
  const p = await prepare(ctx, input);
  const byRow = new Map(p.file.rows.map((r) => [r.row, r]));
  const rows: BatchPreviewRow[] = p.plan.rows.map((r) => {
    const brief = r.brief ?? byRow.get(r.row)?.brief ?? null;
    return { row: r.row, line: r.line, product: brief?.product.name ?? byRow.get(r.row)?.name ?? null, lengthSeconds: brief?.lengthSeconds ?? null, aspect: brief?.aspect ?? null, state: rowState(r), error: r.error, warnings: p.warnings.get(r.row) ?? [] };
  });
  return { path: p.file.path, format: p.format, outDir: p.plan.batch.outDir, resumeId: p.plan.resumed ? p.plan.batch.id : null, rows, quote: await quoteOf(ctx, p.plan) };
}

export async function startBatch(ctx: ServiceContext, input: Parsed): Promise<BatchView> {
  const st = ctx.state.batch;
  if (st.live) throw new AppError('CONFLICT', 'A batch is already running. Wait for it to finish or cancel it first.');
  const p = await prepare(ctx, input);
  if (!p.file.rows.some((r) => r.brief)) throw new AppError('VALIDATION', 'No row of this file is a valid brief. Fix the rows marked invalid and choose the file again.');
  // The account's limits, checked before anything is made (not half-way).
  const quote = await quoteOf(ctx, p.plan);
  if (quote.provider === 'proxy' && !quote.ok) {
    if (quote.problem) throw new AppError('UNAUTHENTICATED', `${quote.problem} Nothing was started.`);
    throw new AppError('PAYMENT_REQUIRED', `This batch needs ${quote.toMake - quote.held} videos and your account pays for ${quote.fits} of them now. Nothing was started. Buy credits or choose a plan in Account, or run the batch offline (free).`);
  }
  if (st.live) throw new AppError('CONFLICT', 'A batch is already running. Wait for it to finish or cancel it first.');
  await mkdir(p.outDir, { recursive: true });
  const plan = await openBatch(ctx, p.file, p.outDir, p.options, { resumeId: input.resumeId });
  const names = new Map(p.file.rows.map((r) => [r.row, r.name ?? null]));
  const product = (r: PlannedRow) => r.brief?.product.name ?? names.get(r.row) ?? null;
  const rows: BatchRowView[] = plan.rows.map((r) => {
    const base = { row: r.row, line: r.line, product: product(r), percent: 0, out: null, error: null };
    if (r.finished) return { ...base, status: 'skipped', percent: 100, out: r.outPath };
    if (r.runStatus === 'blocked') return { ...base, status: 'blocked', error: ctx.pipeline.store.getRun(r.runId!)?.errorMessage ?? null };
    if (!r.runId && !r.brief) return { ...base, status: 'invalid', error: r.error };
    return { ...base, status: 'pending' };
  });
  const total = rows.length;
  const view: BatchView = {
    batchId: plan.batch.id,
    path: plan.batch.sourcePath,
    outDir: plan.batch.outDir,
    status: 'running',
    progress: { total, done: rows.filter((r) => r.status === 'skipped').length, running: 0, failed: rows.filter((r) => r.status === 'invalid' || r.status === 'blocked').length, left: rows.filter((r) => r.status === 'pending').length, percent: 0, etaSeconds: null },
    rows,
    startedAt: ctx.now(),
    error: null,
  };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const push = (now = false) => {
    // Progress moves many times a second; rows starting and finishing go out at once.
    if (now) {
      if (timer) clearTimeout(timer);
      timer = null;
      ctx.emit('batch/changed', structuredClone(view));
    } else timer ??= setTimeout(() => push(true), 250);
  };
  const row = (n: number) => view.rows.find((r) => r.row === n)!;
  const done = runBatch(ctx, plan, {
    concurrency: input.concurrency ?? defaultConcurrency(),
    signal: controller.signal,
    onProgress: (pr) => {
      view.progress = pr;
      push();
    },
    onRunEvent: (n, e) => {
      const r = row(n);
      const started = r.status === 'pending';
      if (started) r.status = 'running';
      if (e.type === 'progress') r.percent = e.percent;
      push(started);
    },
    onRowFinished: (res) => {
      Object.assign(row(res.row), { status: res.status, out: res.out, error: res.error, percent: res.status === 'done' ? 100 : row(res.row).percent });
      push(true);
    },
    deliver: deliverAd,
  })
    .then((summary) => {
      for (const res of summary.rows) Object.assign(row(res.row), { status: res.status, out: res.out, error: res.error });
      view.status = summary.cancelled ? 'cancelled' : 'finished';
    })
    .catch((err: unknown) => {
      view.status = controller.signal.aborted ? 'cancelled' : 'finished';
      view.error = toErrorShape(err).message;
    })
    .finally(() => {
      for (const r of view.rows) if (r.status === 'running' || r.status === 'pending') r.status = 'cancelled';
      st.live = null;
      st.last = view;
      push(true);
    });
  st.live = { view, controller, done };
  push(true);
  return structuredClone(view);
}

export function currentBatch(ctx: ServiceContext): BatchView | null {
  const st = ctx.state.batch;
  const v = st.live?.view ?? st.last;
  return v ? structuredClone(v) : null;
}

export function cancelBatch(ctx: ServiceContext): BatchView | null {
  const live = ctx.state.batch.live;
  if (!live) return currentBatch(ctx);
  live.view.status = 'cancelling';
  live.controller.abort();
  ctx.emit('batch/changed', structuredClone(live.view));
  return structuredClone(live.view);
}

/** Batches with rows left to make (newest first): after a quit or crash the screen offers to resume them. */
export function unfinishedBatches(ctx: ServiceContext): UnfinishedBatch[] {
  const liveId = ctx.state.batch.live?.view.batchId;
  const out: UnfinishedBatch[] = [];
  for (const b of repo.listRecentBatches(ctx.db, 20)) {
    if (b.id === liveId) continue;
    const rows = repo.listBatchRows(ctx.db, b.id);
    const made = rows.filter((r) => r.runId && ctx.pipeline.store.getRun(r.runId)?.status === 'succeeded').length;
    const invalid = rows.filter((r) => !r.runId && r.error).length;
    const blocked = rows.filter((r) => r.runId && ctx.pipeline.store.getRun(r.runId)?.status === 'blocked').length;
    if (made + invalid + blocked < rows.length) out.push({ batchId: b.id, path: b.sourcePath, outDir: b.outDir, provider: b.options.provider, total: rows.length, made, createdAt: b.createdAt });
  }
  return out;
}

/** backend.close(): the running batch stops (its runs keep their memo and resume later). */
export function stopBatches(ctx: ServiceContext): void {
  ctx.state.batch.live?.controller.abort();
}
