/**
 * The batch queue: works through a batch's rows with at most `concurrency` runs at once, reports
 * progress for the whole batch (rows done / running / failed / left, percent, ETA) and stops
 * cleanly on abort (running runs cancel and keep their memo; rows not started stay pending — the
 * batch resumes later). Composition is CPU-bound (FFmpeg uses every core it is given), so the
 * default is half the cores, at least one: see `defaultConcurrency`.
 */
import { availableParallelism } from 'node:os';
import { toErrorShape } from '../../../shared/errors';
import type { RunEvent } from '../../../pipeline/engine/events';
import type { RunChargeRecord } from '../../../pipeline/engine/store';
import { defaultResolution, type RunResult } from '../../../pipeline/generate';
import { renderScale } from '../../pipeline-services';
import type { ServiceContext } from '../context';
import { createHeadlessRuns } from '../projects/headless';
import { recordRowRun, type BatchOptions, type BatchPlan, type PlannedRow } from './service';
import type { ResolvedBrief } from '../../../pipeline/brief';
import type { Resolution } from '../../../pipeline/providers/types';
import { writeTransaction } from '../../storage/transaction';

/** max(1, floor(cores / 2)): one FFmpeg composition already keeps about two cores busy. */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

/** The size a row's ad is rendered at (and quoted at: the proxy prices by resolution). */
export function rowResolution(brief: ResolvedBrief, options: BatchOptions): Resolution {
  const full = defaultResolution(brief.aspect);
  return options.shortSide ? defaultResolution(brief.aspect, options.shortSide / Math.min(full.width, full.height)) : defaultResolution(brief.aspect, renderScale());
}

export type RowStatus = 'done' | 'skipped' | 'failed' | 'invalid' | 'blocked' | 'cancelled' | 'busy';

export interface BatchRowResult {
  row: number;
  line: number;
  status: RowStatus;
  runId: string | null;
  /** The delivered ad (done, skipped). */
  out: string | null;
  error: string | null;
  /** What the proxy charged for it (signed-in runs). */
  charge: RunChargeRecord | null;
  seconds: number | null;
}

export interface BatchProgress {
  total: number;
  done: number;
  running: number;
  failed: number;
  left: number;
  percent: number;
  /** Seconds until the batch ends, or null before anything can be estimated. */
  etaSeconds: number | null;
}

export interface BatchRunOptions {
  concurrency: number;
  signal?: AbortSignal;
  onProgress?(p: BatchProgress): void;
  /** A row's run event (for a verbose log). */
  onRunEvent?(row: number, e: RunEvent): void;
  /** A row's outcome, as soon as it is known (finished, failed, stopped). */
  onRowFinished?(r: BatchRowResult): void;
  /** Delivers a finished run's ad to `outPath` (the CLI copies it atomically, with its thumbnail). */
  deliver(result: RunResult, outPath: string): Promise<void>;
}

export interface BatchSummary {
  batchId: string;
  rows: BatchRowResult[];
  cancelled: boolean;
}

interface Live {
  started: number;
  percent: number;
  eta: number | null;
}

export async function runBatch(ctx: ServiceContext, plan: BatchPlan, opts: BatchRunOptions): Promise<BatchSummary> {
  const options = plan.batch.options;
  const runs = createHeadlessRuns(ctx);
  const results = new Map<number, BatchRowResult>();
  const live = new Map<number, Live>();
  const durations: number[] = [];
  const base = (r: PlannedRow, over: Partial<BatchRowResult>): BatchRowResult => ({ row: r.row, line: r.line, status: 'failed', runId: r.runId, out: null, error: null, charge: null, seconds: null, ...over });

  for (const r of plan.rows) {
    if (r.finished) results.set(r.row, base(r, { status: 'skipped', out: r.outPath, charge: chargeOf(ctx, r.runId) }));
    else if (r.runStatus === 'blocked') results.set(r.row, base(r, { status: 'blocked', error: ctx.pipeline.store.getRun(r.runId!)?.errorMessage ?? 'blocked by the content rules' }));
    else if (!r.runId && !r.brief) results.set(r.row, base(r, { status: 'invalid', error: r.error ?? 'the row is not a brief' }));
  }
  const todo = plan.rows.filter((r) => !results.has(r.row));
  const total = plan.rows.length;
  // Rows that can never run (invalid, blocked before this invocation) are not work: the percent is over the rest.
  const neverRun = [...results.values()].filter((x) => x.status !== 'skipped').length;

  const report = () => {
    if (!opts.onProgress) return;
    const finished = [...results.values()];
    const done = finished.filter((x) => x.status === 'done' || x.status === 'skipped').length;
    const failed = finished.filter((x) => x.status !== 'done' && x.status !== 'skipped' && x.status !== 'cancelled').length;
    const left = total - finished.length - live.size;
    // Seconds per row: the mean of the rows made in this invocation, else guessed from the running ones.
    const guesses = [...live.values()].filter((l) => l.percent >= 5).map((l) => (Date.now() - l.started) / 1000 / (l.percent / 100));
    const perRow = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : guesses.length ? Math.max(...guesses) : null;
    const runningLeft = [...live.values()].reduce((s, l) => s + (l.eta ?? (perRow ?? 0) * (1 - l.percent / 100)), 0);
    const etaSeconds = perRow === null ? null : (runningLeft + Math.max(0, left) * perRow) / Math.max(1, Math.min(opts.concurrency, left + live.size));
    const percent = total === neverRun ? 100 : ((finished.length - neverRun + [...live.values()].reduce((s, l) => s + l.percent / 100, 0)) / (total - neverRun)) * 100;
    opts.onProgress({ total, done, running: live.size, failed, left: Math.max(0, left), percent, etaSeconds });
  };

  async function work(r: PlannedRow, prev: Promise<void>, reserved: () => void): Promise<void> {
    // Signed-in rows reserve their video in file order (the order the batch was quoted in: which
    // free slot or plan video a row gets depends on the ones before it); the work itself overlaps.
    await prev;
    if (opts.signal?.aborted) {
      reserved();
      return; // not started: reported as cancelled below
    }
    const started = Date.now();
    live.set(r.row, { started, percent: 0, eta: null });
    report();
    let runId = r.runId;
    let watch: ReturnType<typeof setInterval> | undefined;
    try {
      if (!runId) {
        const brief = r.brief!;
        const resolution = rowResolution(brief, options);
        // One transaction: a crash never leaves a run the batch does not know about.
        runId = writeTransaction(ctx.db, () => {
          const id = runs.create(brief, { provider: options.provider, resolution, out: r.outPath, videoModel: options.videoModel }).id;
          recordRowRun(ctx, plan.batch.id, r.row, id, r.outPath);
          return id;
        });
      }
      const id = runId;
      const holdsVideo = () => ['reserved', 'committed'].includes(ctx.pipeline.store.getRun(id)?.charge?.status ?? '');
      if (holdsVideo()) reserved();
      else watch = setInterval(() => holdsVideo() && reserved(), 200);
      const outcome = await runs.execute(runId, {
        signal: opts.signal,
        onEvent: (e) => {
          opts.onRunEvent?.(r.row, e);
          if (e.type !== 'progress') return;
          const l = live.get(r.row);
          if (l) Object.assign(l, { percent: e.percent, eta: Number.isFinite(e.etaSeconds) ? e.etaSeconds : null });
          report();
        },
      });
      const seconds = (Date.now() - started) / 1000;
      if (outcome.status === 'succeeded') {
        await opts.deliver(outcome.result, r.outPath);
        durations.push(seconds);
        results.set(r.row, base(r, { status: 'done', runId, out: r.outPath, charge: chargeOf(ctx, runId), seconds }));
        return;
      }
      // Stopped by the user: whatever the step that was cut short said, the row is cancelled (and resumes).
      const stopped = outcome.status === 'stopped' || (opts.signal?.aborted === true && outcome.status !== 'blocked');
      // A batch never asks for a picture review; a stop of any kind is a cancel here.
      const status: RowStatus = stopped || outcome.status === 'awaiting_approval' ? 'cancelled' : outcome.status;
      const message = stopped ? 'stopped before it finished; it continues where it stopped' : toErrorShape(outcome.error).message;
      const settled = !stopped && outcome.status !== 'busy' ? outcome.settled : null;
      results.set(r.row, base(r, { status, runId, error: settled ? `${message} (${settled})` : message, charge: chargeOf(ctx, runId), seconds }));
    } catch (err) {
      results.set(r.row, base(r, { status: opts.signal?.aborted ? 'cancelled' : 'failed', runId, error: toErrorShape(err).message }));
    } finally {
      clearInterval(watch);
      reserved();
      live.delete(r.row);
      const done = results.get(r.row);
      if (done) opts.onRowFinished?.(done);
      report();
    }
  }

  // A pool of `concurrency` workers taking the next row in file order; none start after an abort.
  let next = 0;
  let gate: Promise<void> = Promise.resolve();
  const ordered = options.provider !== 'offline';
  const worker = async () => {
    while (next < todo.length && !opts.signal?.aborted) {
      const row = todo[next++]!;
      // Taken synchronously with the row, so rows pass the gate in file order.
      const prev = gate;
      let open = () => {};
      if (ordered) gate = new Promise<void>((resolve) => (open = resolve));
      await work(row, prev, open);
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, todo.length)) }, worker));
  for (const r of todo) if (!results.has(r.row)) results.set(r.row, base(r, { status: 'cancelled', error: 'not started (the batch was cancelled)' }));
  return { batchId: plan.batch.id, rows: plan.rows.map((r) => results.get(r.row)!), cancelled: opts.signal?.aborted ?? false };
}

function chargeOf(ctx: ServiceContext, runId: string | null): RunChargeRecord | null {
  return runId ? (ctx.pipeline.store.getRun(runId)?.charge ?? null) : null;
}
