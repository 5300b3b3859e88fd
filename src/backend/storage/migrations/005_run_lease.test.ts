import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { acquireLease, getLease, releaseLease, renewLease } from '../repos/run-leases';
import type { RunLease } from '../../../pipeline/engine/store';

const now = '2026-01-01T00:00:00.000Z';
const lease = (owner: string, t: number, over: Partial<RunLease> = {}): RunLease => ({ runId: 'r1', owner, pid: 1, host: 'h', acquiredAtMs: t, heartbeatAtMs: t, expiresAtMs: t + 30_000, ...over });
const never = () => false;

describe('migration 005_run_lease', () => {
  it('keeps existing runs and lets exactly one owner hold a run until it releases, lapses or is gone', () => {
    const db = openDatabase(':memory:', { targetVersion: 4 });
    db.prepare("INSERT INTO runs (id, provider, status, input_json, created_at, updated_at) VALUES ('r1', 'offline', 'running', '{}', ?, ?)").run(now, now);
    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare("SELECT status FROM runs WHERE id = 'r1'").get()).toEqual({ status: 'running' });

    expect(acquireLease(db, lease('a', 1000), never)).toEqual({ ok: true });
    // A second owner is refused and told who holds it.
    expect(acquireLease(db, lease('b', 2000), never)).toEqual({ ok: false, holder: lease('a', 1000) });
    expect(renewLease(db, 'r1', 'a', 20_000, 50_000)).toBe(true);
    expect(acquireLease(db, lease('b', 40_000), never)).toMatchObject({ ok: false });
    // Lapsed without a heartbeat: taken over; the old owner's renew and release no longer touch it.
    expect(acquireLease(db, lease('b', 50_000), never)).toEqual({ ok: true });
    expect(renewLease(db, 'r1', 'a', 51_000, 81_000)).toBe(false);
    releaseLease(db, 'r1', 'a');
    expect(getLease(db, 'r1')?.owner).toBe('b');
    // An unexpired holder that is gone (dead process) is taken over at once.
    expect(acquireLease(db, lease('c', 51_000), (h) => h.owner === 'b')).toEqual({ ok: true });
    releaseLease(db, 'r1', 'c');
    expect(getLease(db, 'r1')).toBeUndefined();
    // A lease belongs to a run.
    expect(() => acquireLease(db, lease('d', 1, { runId: 'nope' }), never)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
