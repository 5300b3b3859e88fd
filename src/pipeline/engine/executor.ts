/**
 * Runs a graph of named steps with memoisation (Inngest-style step memo, ARCHITECTURE.md idea 2):
 * a step whose output is already committed is replayed from the store, never re-run; a step is
 * started as soon as its dependencies are done, so independent work (audio beside the scene
 * chain) overlaps. The first failure cancels the rest; their rows stay resumable.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError, toErrorShape } from '../../shared/errors';
import type { RunEventListener } from './events';
import { ProgressTracker, topoSort } from './progress';
import { cancelled } from './retry';
import type { RunStore, StepRecord } from './store';

export interface StepContext {
  runId: string;
  stepId: string;
  attempt: number;
  signal: AbortSignal;
  /** A scratch folder for this step (inside the run's work folder). */
  workDir: string;
  /** Output of a finished step (a dependency, or anything done earlier). */
  output<T>(stepId: string): T;
  /** Paid jobs already recorded for this step (after a crash: re-poll these, never re-create). */
  jobs: Readonly<Record<string, string>>;
  recordJob(key: string, jobId: string, costCents: number): void;
  progress(fraction: number): void;
  note(message: string): void;
  retryNotice(attempt: number, delayMs: number, message: string): void;
}

export interface StepDef {
  id: string;
  deps: string[];
  expectedSeconds: number;
  run(ctx: StepContext): Promise<unknown>;
}

export interface ExecuteOptions {
  store: RunStore;
  runId: string;
  workDir: string;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** Progress events at most this often (ms). */
  progressIntervalMs?: number;
  now?: () => number;
}

export async function executeSteps(steps: StepDef[], opts: ExecuteOptions): Promise<Map<string, unknown>> {
  const { store, runId } = opts;
  const now = opts.now ?? Date.now;
  const ordered = topoSort(steps);
  const records = new Map<string, StepRecord>(store.getSteps(runId).map((r) => [r.stepId, r]));
  const outputs = new Map<string, unknown>();
  const tracker = new ProgressTracker(steps);
  const internal = new AbortController();
  const onOuterAbort = () => internal.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const t0 = now();
  let costCents = [...records.values()].reduce((s, r) => s + r.costCents, 0);
  let lastProgressAt = 0;

  const emitProgress = (force = false) => {
    const t = now();
    if (!force && t - lastProgressAt < (opts.progressIntervalMs ?? 200)) return;
    lastProgressAt = t;
    const snap = tracker.snapshot(t);
    opts.onEvent?.({ type: 'progress', runId, stage: snap.running.join(', ') || 'finishing', percent: snap.percent, etaSeconds: snap.etaSeconds, costCents, elapsedSeconds: (t - t0) / 1000 });
  };

  for (const s of ordered) {
    const r = records.get(s.id);
    if (r?.status === 'done') {
      outputs.set(s.id, r.output);
      tracker.replayed(s.id);
      opts.onEvent?.({ type: 'step', runId, stepId: s.id, status: 'replayed' });
    }
  }

  const running = new Map<string, Promise<void>>();
  let failure: unknown;

  const start = (s: StepDef) => {
    const rec = store.startStep(runId, s.id);
    tracker.started(s.id, now());
    opts.onEvent?.({ type: 'step', runId, stepId: s.id, status: 'started', attempt: rec.attempt });
    emitProgress(true);
    const jobs: Record<string, string> = { ...rec.jobs };
    const ctx: StepContext = {
      runId,
      stepId: s.id,
      attempt: rec.attempt,
      signal: internal.signal,
      workDir: path.join(opts.workDir, s.id.replace(/[^a-z0-9_-]/gi, '_')),
      output: <T>(id: string) => {
        if (!outputs.has(id)) throw new AppError('INTERNAL', `Step "${s.id}" read "${id}" before it finished (missing dependency).`);
        return outputs.get(id) as T;
      },
      jobs,
      recordJob: (key, jobId, cents) => {
        store.recordJob(runId, s.id, key, jobId, cents);
        jobs[key] = jobId;
        costCents += cents;
        opts.onEvent?.({ type: 'job', runId, stepId: s.id, key, jobId, reused: false });
        emitProgress(true);
      },
      progress: (f) => {
        tracker.partial(s.id, f);
        emitProgress();
      },
      note: (message) => opts.onEvent?.({ type: 'note', runId, stepId: s.id, message }),
      retryNotice: (attempt, delayMs, message) => opts.onEvent?.({ type: 'retry', runId, stepId: s.id, attempt, delayMs, message }),
    };
    for (const [key, jobId] of Object.entries(rec.jobs)) opts.onEvent?.({ type: 'job', runId, stepId: s.id, key, jobId, reused: true });
    const p = (async () => {
      await mkdir(ctx.workDir, { recursive: true });
      if (internal.signal.aborted) throw cancelled();
      const out = await s.run(ctx);
      if (internal.signal.aborted) throw cancelled();
      // Commit before anything downstream can start: this is the memo.
      store.finishStep(runId, s.id, out ?? null);
      outputs.set(s.id, out ?? null);
      tracker.finished(s.id, now());
      opts.onEvent?.({ type: 'step', runId, stepId: s.id, status: 'done' });
      emitProgress(true);
    })().catch((err: unknown) => {
      const shape = toErrorShape(err);
      if (shape.code !== 'CANCELLED' || failure === undefined) store.failStep(runId, s.id, shape);
      opts.onEvent?.({ type: 'step', runId, stepId: s.id, status: 'failed', message: shape.message });
      if (failure === undefined) failure = err;
      internal.abort();
    });
    running.set(s.id, p.finally(() => running.delete(s.id)));
  };

  try {
    for (;;) {
      if (failure === undefined && !internal.signal.aborted) {
        for (const s of ordered) {
          if (outputs.has(s.id) || running.has(s.id)) continue;
          if (s.deps.every((d) => outputs.has(d))) start(s);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (failure !== undefined) throw failure;
  if (internal.signal.aborted) throw cancelled();
  const missing = ordered.filter((s) => !outputs.has(s.id));
  if (missing.length) throw new AppError('INTERNAL', `Steps never ran: ${missing.map((s) => s.id).join(', ')}`);
  emitProgress(true);
  return outputs;
}
