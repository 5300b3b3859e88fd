/**
 * What the engine needs from storage. The SQLite implementation lives in
 * src/backend/storage/repos/runs.ts; tests may use it on ':memory:'. Every write is its own
 * transaction so a SIGKILL between two calls leaves a consistent row.
 */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'blocked';
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** The proxy video a run is paid by (see RunCharge), as last heard from the proxy. */
export interface RunChargeRecord {
  videoId: string;
  source: 'free' | 'plan' | 'credits';
  costCents: number;
  status: 'reserved' | 'committed' | 'refunded' | 'expired';
}

export interface RunRecord {
  id: string;
  projectId: string | null;
  provider: string;
  status: RunStatus;
  input: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  costCents: number;
  /** Null until a paid provider reserves a video for the run. */
  charge: RunChargeRecord | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface StepRecord {
  runId: string;
  stepId: string;
  status: StepStatus;
  output: unknown;
  /** Paid jobs created by this step, by key within the step ('main', 'line:2', …). */
  jobs: Record<string, string>;
  attempt: number;
  costCents: number;
  error: { code: string; message: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Who is executing a run right now (one process at a time; see engine/lease.ts). A lease whose
 * `expiresAtMs` has passed without a heartbeat is free to take.
 */
export interface RunLease {
  runId: string;
  /** Random id of the holding process's claim (one per runToEnd call). */
  owner: string;
  pid: number;
  host: string;
  acquiredAtMs: number;
  heartbeatAtMs: number;
  expiresAtMs: number;
}

export type LeaseClaim = { ok: true } | { ok: false; holder: RunLease };

export interface RunStore {
  createRun(run: { id: string; projectId: string | null; provider: string; input: unknown }): RunRecord;
  getRun(id: string): RunRecord | undefined;
  listRuns(limit: number): RunRecord[];
  setRunStatus(id: string, status: RunStatus, error?: { code: string; message: string } | null): void;
  getSteps(runId: string): StepRecord[];
  /** Marks the step running and bumps its attempt count (creating the row if needed). */
  startStep(runId: string, stepId: string): StepRecord;
  /** Records a paid job id under `key` — called the moment the provider returns it. */
  recordJob(runId: string, stepId: string, key: string, jobId: string, costCents: number): void;
  finishStep(runId: string, stepId: string, output: unknown): void;
  /** A step done before the run started (seedSteps): status done, attempt 0, this output. */
  seedStep(runId: string, stepId: string, output: unknown): void;
  failStep(runId: string, stepId: string, error: { code: string; message: string }): void;
  /** Stores what the proxy said about the run's video (reserve, commit, refund). */
  saveCharge(runId: string, charge: RunChargeRecord): void;
  /** After a crash: steps left 'running' (or 'failed') go back to 'pending'; jobs stay recorded. */
  resetUnfinished(runId: string): void;
  /**
   * Takes the run's lease for `lease.owner` in one write transaction, unless another holder's
   * lease is unexpired and not `gone` (a dead process) — then returns that holder.
   */
  acquireLease(lease: RunLease, gone: (holder: RunLease) => boolean): LeaseClaim;
  /** Extends the owner's lease; false when it is no longer theirs (it lapsed and was taken). */
  renewLease(runId: string, owner: string, nowMs: number, expiresAtMs: number): boolean;
  releaseLease(runId: string, owner: string): void;
  getLease(runId: string): RunLease | undefined;
}
