/**
 * Runs and their steps (the pipeline's memo). Functions take the db first so tests use
 * ':memory:'; `sqliteRunStore(db)` adapts them to the engine's RunStore interface. Each write is a
 * single statement (atomic on its own), so a SIGKILL between two writes leaves consistent rows.
 */
import type { Db } from '../database';
import { z } from 'zod';
import type { RunChargeRecord, RunRecord, RunStatus, RunStore, StepRecord } from '../../../pipeline/engine/store';
import { acquireLease, getLease, releaseLease, renewLease } from './run-leases';
import { writeTransaction } from '../transaction';

interface RunRow {
  id: string;
  project_id: string | null;
  provider: string;
  status: RunStatus;
  input_json: string;
  error_code: string | null;
  error_message: string | null;
  cost_cents: number;
  charge_json: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

const ChargeJson = z.object({
  videoId: z.string(),
  source: z.enum(['free', 'plan', 'credits']),
  costCents: z.number(),
  status: z.enum(['reserved', 'committed', 'refunded', 'expired']),
});

/** A charge that does not parse (hand-edited database) reads as none rather than breaking the run list. */
function parseCharge(s: string | null): RunChargeRecord | null {
  if (!s) return null;
  try {
    const r = ChargeJson.safeParse(JSON.parse(s));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

interface StepRow {
  run_id: string;
  step_id: string;
  status: StepRecord['status'];
  output_json: string | null;
  external_job_id: string | null;
  attempt: number;
  cost_cents: number;
  error_json: string | null;
  started_at: string | null;
  finished_at: string | null;
}

const iso = () => new Date().toISOString();

const toRun = (r: RunRow, stepCost: number): RunRecord => ({
  id: r.id,
  projectId: r.project_id,
  provider: r.provider,
  status: r.status,
  input: JSON.parse(r.input_json) as unknown,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  costCents: Math.max(r.cost_cents, stepCost),
  charge: parseCharge(r.charge_json),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

// external_job_id holds a JSON object {key: jobId}: one step may create several paid jobs
// (one voiceover line each), and every one of them must survive a crash.
const parseJobs = (s: string | null): Record<string, string> => (s ? (JSON.parse(s) as Record<string, string>) : {});

const toStep = (r: StepRow): StepRecord => ({
  runId: r.run_id,
  stepId: r.step_id,
  status: r.status,
  output: r.output_json === null ? null : (JSON.parse(r.output_json) as unknown),
  jobs: parseJobs(r.external_job_id),
  attempt: r.attempt,
  costCents: r.cost_cents,
  error: r.error_json ? (JSON.parse(r.error_json) as { code: string; message: string }) : null,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

function stepCost(db: Db, runId: string): number {
  return (db.prepare('SELECT COALESCE(SUM(cost_cents), 0) AS c FROM run_steps WHERE run_id = ?').get(runId) as { c: number }).c;
}

export function insertRun(db: Db, run: { id: string; projectId: string | null; provider: string; input: unknown }): RunRecord {
  const now = iso();
  db.prepare(
    `INSERT INTO runs (id, project_id, provider, status, input_json, created_at, updated_at)
     VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
  ).run(run.id, run.projectId, run.provider, JSON.stringify(run.input), now, now);
  return getRun(db, run.id)!;
}

export function getRun(db: Db, id: string): RunRecord | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return row && toRun(row, stepCost(db, id));
}

export function listRuns(db: Db, limit = 50): RunRecord[] {
  const rows = db.prepare('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[];
  return rows.map((r) => toRun(r, stepCost(db, r.id)));
}

export function setRunStatus(db: Db, id: string, status: RunStatus, error: { code: string; message: string } | null = null): void {
  const now = iso();
  const terminal = status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === 'blocked';
  db.prepare(
    `UPDATE runs SET status = ?, error_code = ?, error_message = ?, cost_cents = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
  ).run(status, error?.code ?? null, error?.message ?? null, stepCost(db, id), now, terminal ? now : null, id);
}

export function saveCharge(db: Db, runId: string, charge: RunChargeRecord): void {
  const c = ChargeJson.parse(charge);
  db.prepare('UPDATE runs SET reservation_id = ?, charge_json = ?, updated_at = ? WHERE id = ?').run(c.videoId, JSON.stringify(c), iso(), runId);
}

export function listSteps(db: Db, runId: string): StepRecord[] {
  return (db.prepare('SELECT * FROM run_steps WHERE run_id = ? ORDER BY started_at, step_id').all(runId) as StepRow[]).map(toStep);
}

export function getStep(db: Db, runId: string, stepId: string): StepRecord | undefined {
  const row = db.prepare('SELECT * FROM run_steps WHERE run_id = ? AND step_id = ?').get(runId, stepId) as StepRow | undefined;
  return row && toStep(row);
}

export function startStep(db: Db, runId: string, stepId: string): StepRecord {
  db.prepare(
    `INSERT INTO run_steps (run_id, step_id, status, attempt, started_at) VALUES (?, ?, 'running', 1, ?)
     ON CONFLICT (run_id, step_id) DO UPDATE SET status = 'running', attempt = attempt + 1, error_json = NULL, started_at = excluded.started_at`,
  ).run(runId, stepId, iso());
  return getStep(db, runId, stepId)!;
}

export function recordJob(db: Db, runId: string, stepId: string, key: string, jobId: string, costCents: number): void {
  writeTransaction(db, () => {
    const row = getStep(db, runId, stepId);
    const jobs = { ...(row?.jobs ?? {}), [key]: jobId };
    db.prepare('UPDATE run_steps SET external_job_id = ?, cost_cents = cost_cents + ? WHERE run_id = ? AND step_id = ?').run(JSON.stringify(jobs), costCents, runId, stepId);
  });
}

export function finishStep(db: Db, runId: string, stepId: string, output: unknown): void {
  db.prepare(`UPDATE run_steps SET status = 'done', output_json = ?, error_json = NULL, finished_at = ? WHERE run_id = ? AND step_id = ?`).run(
    JSON.stringify(output ?? null),
    iso(),
    runId,
    stepId,
  );
}

export function seedStep(db: Db, runId: string, stepId: string, output: unknown): void {
  const now = iso();
  db.prepare(
    `INSERT INTO run_steps (run_id, step_id, status, attempt, output_json, started_at, finished_at) VALUES (?, ?, 'done', 0, ?, ?, ?)
     ON CONFLICT (run_id, step_id) DO UPDATE SET status = 'done', attempt = 0, output_json = excluded.output_json, error_json = NULL, started_at = excluded.started_at, finished_at = excluded.finished_at`,
  ).run(runId, stepId, JSON.stringify(output ?? null), now, now);
}

export function failStep(db: Db, runId: string, stepId: string, error: { code: string; message: string }): void {
  db.prepare(`UPDATE run_steps SET status = 'failed', error_json = ?, finished_at = ? WHERE run_id = ? AND step_id = ?`).run(
    JSON.stringify({ code: error.code, message: error.message }),
    iso(),
    runId,
    stepId,
  );
}

export function resetUnfinished(db: Db, runId: string): void {
  db.prepare(`UPDATE run_steps SET status = 'pending' WHERE run_id = ? AND status IN ('running', 'failed')`).run(runId);
}

export function sqliteRunStore(db: Db): RunStore {
  return {
    createRun: (run) => insertRun(db, run),
    getRun: (id) => getRun(db, id),
    listRuns: (limit) => listRuns(db, limit),
    setRunStatus: (id, status, error) => setRunStatus(db, id, status, error ?? null),
    getSteps: (runId) => listSteps(db, runId),
    startStep: (runId, stepId) => startStep(db, runId, stepId),
    recordJob: (runId, stepId, key, jobId, cents) => recordJob(db, runId, stepId, key, jobId, cents),
    finishStep: (runId, stepId, output) => finishStep(db, runId, stepId, output),
    seedStep: (runId, stepId, output) => seedStep(db, runId, stepId, output),
    failStep: (runId, stepId, error) => failStep(db, runId, stepId, error),
    resetUnfinished: (runId) => resetUnfinished(db, runId),
    saveCharge: (runId, charge) => saveCharge(db, runId, charge),
    acquireLease: (lease, gone) => acquireLease(db, lease, gone),
    renewLease: (runId, owner, nowMs, expiresAtMs) => renewLease(db, runId, owner, nowMs, expiresAtMs),
    releaseLease: (runId, owner) => releaseLease(db, runId, owner),
    getLease: (runId) => getLease(db, runId),
  };
}
