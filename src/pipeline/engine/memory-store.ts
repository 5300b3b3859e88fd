/**
 * A RunStore that lives in memory: for work the engine runs but nobody resumes (a chat draft of
 * the bible and storyboard — no paid job, nothing to recover after a crash). Same semantics as the
 * SQLite store: outputs are kept as JSON text, so a read is a fresh copy.
 */
import { AppError } from '../../shared/errors';
import type { RunLease, RunRecord, RunStore, StepRecord } from './store';

export function memoryRunStore(): RunStore {
  const runs = new Map<string, RunRecord>();
  const steps = new Map<string, Map<string, StepRecord & { outputJson: string }>>();
  const now = () => new Date().toISOString();
  const stepsOf = (runId: string) => {
    let m = steps.get(runId);
    if (!m) steps.set(runId, (m = new Map()));
    return m;
  };
  const read = (r: StepRecord & { outputJson: string }): StepRecord => {
    const { outputJson, ...rest } = r;
    return { ...rest, jobs: { ...r.jobs }, output: JSON.parse(outputJson) as unknown };
  };
  const step = (runId: string, stepId: string) => {
    const s = stepsOf(runId).get(stepId);
    if (!s) throw new AppError('INTERNAL', `No step "${stepId}" in run ${runId}.`);
    return s;
  };
  const costOf = (runId: string) => [...stepsOf(runId).values()].reduce((c, s) => c + s.costCents, 0);
  // One process holds a memory store, so a lease is only ever contended within it.
  const leases = new Map<string, RunLease>();
  return {
    acquireLease(lease, gone) {
      const held = leases.get(lease.runId);
      if (held && held.owner !== lease.owner && held.expiresAtMs > lease.heartbeatAtMs && !gone(held)) return { ok: false, holder: { ...held } };
      leases.set(lease.runId, { ...lease });
      return { ok: true };
    },
    renewLease(runId, owner, nowMs, expiresAtMs) {
      const held = leases.get(runId);
      if (!held || held.owner !== owner) return false;
      leases.set(runId, { ...held, heartbeatAtMs: nowMs, expiresAtMs });
      return true;
    },
    releaseLease(runId, owner) {
      if (leases.get(runId)?.owner === owner) leases.delete(runId);
    },
    getLease: (runId) => {
      const held = leases.get(runId);
      return held ? { ...held } : undefined;
    },
    createRun(run) {
      const t = now();
      const rec: RunRecord = { ...run, status: 'queued', errorCode: null, errorMessage: null, costCents: 0, charge: null, createdAt: t, updatedAt: t, finishedAt: null };
      runs.set(run.id, rec);
      return { ...rec };
    },
    getRun: (id) => {
      const r = runs.get(id);
      return r && { ...r, costCents: costOf(id) };
    },
    listRuns: (limit) => [...runs.values()].slice(-limit).reverse(),
    setRunStatus(id, status, error) {
      const r = runs.get(id);
      if (r) runs.set(id, { ...r, status, errorCode: error?.code ?? null, errorMessage: error?.message ?? null, updatedAt: now() });
    },
    getSteps: (runId) => [...stepsOf(runId).values()].map(read),
    startStep(runId, stepId) {
      const prev = stepsOf(runId).get(stepId);
      const rec = { runId, stepId, status: 'running' as const, output: null, outputJson: 'null', jobs: prev?.jobs ?? {}, attempt: (prev?.attempt ?? 0) + 1, costCents: prev?.costCents ?? 0, error: null, startedAt: now(), finishedAt: null };
      stepsOf(runId).set(stepId, rec);
      return read(rec);
    },
    recordJob(runId, stepId, key, jobId, costCents) {
      const s = step(runId, stepId);
      s.jobs = { ...s.jobs, [key]: jobId };
      s.costCents += costCents;
    },
    finishStep(runId, stepId, output) {
      Object.assign(step(runId, stepId), { status: 'done', outputJson: JSON.stringify(output ?? null), error: null, finishedAt: now() });
    },
    seedStep(runId, stepId, output) {
      const t = now();
      stepsOf(runId).set(stepId, { runId, stepId, status: 'done', output: null, outputJson: JSON.stringify(output ?? null), jobs: {}, attempt: 0, costCents: 0, error: null, startedAt: t, finishedAt: t });
    },
    failStep(runId, stepId, error) {
      Object.assign(step(runId, stepId), { status: 'failed', error: { code: error.code, message: error.message }, finishedAt: now() });
    },
    saveCharge(runId, charge) {
      const r = runs.get(runId);
      if (r) runs.set(runId, { ...r, charge });
    },
    resetUnfinished(runId) {
      for (const s of stepsOf(runId).values()) if (s.status === 'running' || s.status === 'failed') s.status = 'pending';
    },
  };
}
