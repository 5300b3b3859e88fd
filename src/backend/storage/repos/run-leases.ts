/**
 * Run leases (migration 005): the one process executing a run holds its row. Claiming is a
 * read-check-write inside an IMMEDIATE transaction, so two processes racing for one run are
 * serialised by SQLite's write lock and exactly one wins.
 */
import type { Db } from '../database';
import { writeTransaction } from '../transaction';
import type { LeaseClaim, RunLease } from '../../../pipeline/engine/store';

interface LeaseRow {
  run_id: string;
  owner: string;
  pid: number;
  host: string;
  acquired_at: number;
  heartbeat_at: number;
  expires_at: number;
}

const toLease = (r: LeaseRow): RunLease => ({
  runId: r.run_id,
  owner: r.owner,
  pid: r.pid,
  host: r.host,
  acquiredAtMs: r.acquired_at,
  heartbeatAtMs: r.heartbeat_at,
  expiresAtMs: r.expires_at,
});

export function getLease(db: Db, runId: string): RunLease | undefined {
  const row = db.prepare('SELECT * FROM run_leases WHERE run_id = ?').get(runId) as LeaseRow | undefined;
  return row && toLease(row);
}

export function acquireLease(db: Db, lease: RunLease, gone: (holder: RunLease) => boolean): LeaseClaim {
  return writeTransaction(db, (): LeaseClaim => {
      const holder = getLease(db, lease.runId);
      if (holder && holder.owner !== lease.owner && holder.expiresAtMs > lease.acquiredAtMs && !gone(holder)) return { ok: false, holder };
      db.prepare(
        `INSERT INTO run_leases (run_id, owner, pid, host, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host,
           acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
      ).run(lease.runId, lease.owner, lease.pid, lease.host, lease.acquiredAtMs, lease.heartbeatAtMs, lease.expiresAtMs);
      return { ok: true };
  });
}

export function renewLease(db: Db, runId: string, owner: string, nowMs: number, expiresAtMs: number): boolean {
  return db.prepare('UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE run_id = ? AND owner = ?').run(nowMs, expiresAtMs, runId, owner).changes === 1;
}

export function releaseLease(db: Db, runId: string, owner: string): void {
  db.prepare('DELETE FROM run_leases WHERE run_id = ? AND owner = ?').run(runId, owner);
}
