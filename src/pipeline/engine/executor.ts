/**
 * Runs a graph of named steps with memoisation (Inngest-style step memo, ARCHITECTURE.md idea 2):
 * a step whose output is already committed is replayed from the store, never re-run; a step is
 * started as soon as its dependencies are done, so independent work (audio beside the scene
 * chain) overlaps. The first failure cancels the rest; their rows stay resumable.
 *
 * Outputs are JSON (engine/json.ts): a fresh output and a replayed one are the same value. The
 * graph is typed by an output map `O` (step id → output type), so `ctx.output('bible')` is typed
 * without a cast; the pipeline's map is src/pipeline/stages/outputs.ts.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError, toErrorShape } from '../../shared/errors';
import type { Percent } from '../../shared/progress';
import type { RunEventListener } from './events';
import { ProgressTracker, topoSort } from './progress';
import { jsonOutput, type JsonValue } from './json';
import { cancelled } from './retry';
import type { RunStore, StepRecord } from './store';

/** Step id → the type of its output (JSON). */
export type StepOutputMap = object;
type StepId<O extends StepOutputMap> = keyof O & string;

export interface StepContext<O extends StepOutputMap = Record<string, unknown>> {
  runId: string;
  stepId: string;
  attempt: number;
  signal: AbortSignal;
  /** A scratch folder for this step (inside the run's work folder). */
  workDir: string;
  /** Output of a finished step (a dependency, or anything done earlier). */
  output<K extends StepId<O>>(stepId: K): O[K];
  /** Paid jobs already recorded for this step (after a crash: re-poll these, never re-create). */
  jobs: Readonly<Record<string, string>>;
  recordJob(key: string, jobId: string, costCents: number): void;
  /** Runs `fn` once every earlier `oneAtATime` call of this step has settled (paid job creates). */
  oneAtATime<T>(fn: () => Promise<T>): Promise<T>;
  /** How far this step is (a percent, shared/progress.ts). */
  progress(percent: Percent): void;
  note(message: string): void;
  retryNotice(attempt: number, delayMs: number, message: string): void;
}

export interface StepDef<O extends StepOutputMap = Record<string, unknown>> {
  id: string;
  deps: string[];
  expectedSeconds: number;
  /** Resolves to the step's output, which must be plain JSON (a step that returns nothing outputs null). */
  run(ctx: StepContext<O>): Promise<unknown>;
}

/** The outputs of a finished graph, typed by its output map. */
export interface StepResults<O extends StepOutputMap> {
  get<K extends StepId<O>>(stepId: K): O[K];
  has(stepId: string): boolean;
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
  /** Run only these steps and what they depend on (a chat draft runs bible → storyboard). */
  only?: string[];
}

/**
 * Commits outputs for steps before the run starts (an approved storyboard, scenes kept from an
 * earlier run): the run replays them like steps it finished itself. A seeded step has attempt 0.
 */
export function seedSteps<O extends StepOutputMap>(store: RunStore, runId: string, outputs: Partial<O>): void {
  for (const [stepId, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    store.seedStep(runId, stepId, jsonOutput(value, `The seeded output of step "${stepId}"`));
  }
}

/** The steps to run: all of them, or `only` these and their dependencies. */
function selected<O extends StepOutputMap>(steps: StepDef<O>[], only: string[] | undefined): StepDef<O>[] {
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.id)) throw new AppError('INTERNAL', `Two steps have the id "${s.id}"; step ids name memo rows and must be unique.`);
    seen.add(s.id);
  }
  if (!only) return steps;
  const byId = new Map(steps.map((s) => [s.id, s]));
  const keep = new Set<string>();
  const add = (id: string) => {
    const s = byId.get(id);
    if (!s) throw new AppError('INTERNAL', `No step "${id}" in this graph.`);
    if (keep.has(id)) return;
    keep.add(id);
    s.deps.forEach(add);
  };
  only.forEach(add);
  return steps.filter((s) => keep.has(s.id));
}

export async function executeSteps<O extends StepOutputMap>(all: StepDef<O>[], opts: ExecuteOptions): Promise<StepResults<O>> {
  const { store, runId } = opts;
  const now = opts.now ?? Date.now;
  const steps = selected(all, opts.only);
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

  const start = (s: StepDef<O>) => {
    const rec = store.startStep(runId, s.id);
    tracker.started(s.id, now());
    opts.onEvent?.({ type: 'step', runId, stepId: s.id, status: 'started', attempt: rec.attempt });
    emitProgress(true);
    const jobs: Record<string, string> = { ...rec.jobs };
    let serial: Promise<unknown> = Promise.resolve();
    const ctx: StepContext<O> = {
      runId,
      stepId: s.id,
      attempt: rec.attempt,
      signal: internal.signal,
      workDir: path.join(opts.workDir, s.id.replace(/[^a-z0-9_-]/gi, '_')),
      output: <K extends StepId<O>>(id: K) => {
        if (!outputs.has(id)) throw new AppError('INTERNAL', `Step "${s.id}" read "${id}" before it finished (missing dependency).`);
        return outputs.get(id) as O[K];
      },
      jobs,
      recordJob: (key, jobId, cents) => {
        store.recordJob(runId, s.id, key, jobId, cents);
        jobs[key] = jobId;
        costCents += cents;
        opts.onEvent?.({ type: 'job', runId, stepId: s.id, key, jobId, reused: false });
        emitProgress(true);
      },
      oneAtATime: <T>(fn: () => Promise<T>) => {
        const next = serial.then(fn, fn);
        serial = next.catch(() => undefined);
        return next;
      },
      progress: (p) => {
        tracker.partial(s.id, p);
        emitProgress();
      },
      note: (message) => opts.onEvent?.({ type: 'note', runId, stepId: s.id, message }),
      retryNotice: (attempt, delayMs, message) => opts.onEvent?.({ type: 'retry', runId, stepId: s.id, attempt, delayMs, message }),
    };
    for (const [key, jobId] of Object.entries(rec.jobs)) opts.onEvent?.({ type: 'job', runId, stepId: s.id, key, jobId, reused: true });
    const p = (async () => {
      await mkdir(ctx.workDir, { recursive: true });
      if (internal.signal.aborted) throw cancelled();
      const out: JsonValue = jsonOutput(await s.run(ctx), `The output of step "${s.id}"`);
      if (internal.signal.aborted) throw cancelled();
      // Commit before anything downstream can start: this is the memo. Downstream steps read this
      // JSON copy, exactly what a replay after a restart would read.
      store.finishStep(runId, s.id, out);
      outputs.set(s.id, out);
      tracker.finished(s.id, now());
      opts.onEvent?.({ type: 'step', runId, stepId: s.id, status: 'done' });
      emitProgress(true);
    })().catch((caught: unknown) => {
      // Once the user cancelled (and no step had failed first), whatever a step throws while it
      // stops — an aborted ffprobe reads as "Cannot read media …: The operation was aborted" — is
      // the cancellation, not a failure: the run must say "cancelled" and stay retryable.
      const err = failure === undefined && opts.signal?.aborted ? cancelled() : caught;
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
  return { get: <K extends StepId<O>>(id: K) => outputs.get(id) as O[K], has: (id) => outputs.has(id) };
}
