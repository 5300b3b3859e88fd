/**
 * One Zapcut process executes a run at a time (issue 14). The app resumes interrupted runs at
 * start and shares the data folder with the CLI; without this, two resumes of one run both ran
 * every step (paying twice on the proxy) and the loser marked a delivered ad failed.
 *
 * `runToEnd` takes the run's lease before it touches the run, renews it every few seconds while it
 * works and releases it at the end. A second process finds the lease held and is refused with a
 * RUN_BUSY conflict, writing nothing. A lease lapses when its heartbeat stops (the holder froze or
 * was killed on another machine), or at once when its holder is a dead process on this machine
 * (kill -9, then the app restarts and resumes). A holder whose lease lapsed and was taken over
 * stops (its `lost` signal fires) without recording an outcome.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../../shared/errors';
import type { RunLease, RunStore } from './store';

export const LEASE_TTL_MS = 30_000;
export const LEASE_HEARTBEAT_MS = 5_000;

export interface LeaseOptions {
  now?: () => number;
  ttlMs?: number;
  heartbeatMs?: number;
  pid?: number;
  host?: string;
}

export interface HeldLease {
  lease: RunLease;
  /** Fires when the lease was lost to another process: stop, and record nothing. */
  lost: AbortSignal;
  release(): void;
}

/** Whether `pid` is a running process on this machine (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lease that still keeps others out: unexpired, and not held by a dead process on this host. */
export function leaseIsLive(lease: RunLease, nowMs: number, host = hostname()): boolean {
  return lease.expiresAtMs > nowMs && !(lease.host === host && !processAlive(lease.pid));
}

/** "pid 4242 on studio-mac, last heartbeat 3 s ago" */
export function describeLease(lease: RunLease, nowMs: number): string {
  const ago = Math.max(0, Math.round((nowMs - lease.heartbeatAtMs) / 1000));
  return `pid ${lease.pid} on ${lease.host}, last heartbeat ${ago} s ago`;
}

export const RUN_BUSY = 'RUN_BUSY';

export function runBusyError(runId: string, holder: RunLease, nowMs: number): AppError {
  const lapse = Math.max(0, Math.ceil((holder.expiresAtMs - nowMs) / 1000));
  return new AppError(
    'CONFLICT',
    `Run ${runId} is running in another Zapcut process (${describeLease(holder, nowMs)}). Nothing was done here. Follow it with \`zapcut runs ${runId}\`; if that process is stuck, stop it — its claim lapses ${lapse} s after its last heartbeat.`,
    { details: { reason: RUN_BUSY, holder } },
  );
}

/** True for the refusal above: the run belongs to another process, so leave its records alone. */
export function isRunBusy(err: unknown): boolean {
  return err instanceof AppError && err.code === 'CONFLICT' && (err.details as { reason?: string } | undefined)?.reason === RUN_BUSY;
}

/** Takes the run's lease or throws runBusyError; heartbeats until `release()`. */
export function takeRunLease(store: RunStore, runId: string, opts: LeaseOptions = {}): HeldLease {
  const now = opts.now ?? Date.now;
  const ttl = opts.ttlMs ?? LEASE_TTL_MS;
  const host = opts.host ?? hostname();
  const t = now();
  const lease: RunLease = { runId, owner: randomUUID(), pid: opts.pid ?? process.pid, host, acquiredAtMs: t, heartbeatAtMs: t, expiresAtMs: t + ttl };
  const claim = store.acquireLease(lease, (holder) => holder.host === host && !processAlive(holder.pid));
  if (!claim.ok) throw runBusyError(runId, claim.holder, t);

  const lost = new AbortController();
  const beat = setInterval(() => {
    const n = now();
    let mine = false;
    try {
      mine = store.renewLease(runId, lease.owner, n, n + ttl);
    } catch {
      mine = true; // a busy database this once; the next beat tries again well before the lease lapses
    }
    if (!mine) {
      clearInterval(beat);
      lost.abort();
    }
  }, opts.heartbeatMs ?? LEASE_HEARTBEAT_MS);
  beat.unref?.();
  return {
    lease,
    lost: lost.signal,
    release() {
      clearInterval(beat);
      try {
        store.releaseLease(runId, lease.owner);
      } catch {
        // The database is closing or busy: the lease lapses on its own after its TTL.
      }
    },
  };
}
