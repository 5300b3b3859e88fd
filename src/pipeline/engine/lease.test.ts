import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../backend/storage/database';
import { sqliteRunStore } from '../../backend/storage/repos/runs';
import { runToEnd, type PipelineServices } from '../generate';
import { settleFailedRun } from '../providers/proxy/settle';
import { describeLease, isRunBusy, leaseIsLive, takeRunLease } from './lease';

const setup = () => {
  const store = sqliteRunStore(openDatabase(':memory:'));
  store.createRun({ id: 'r1', projectId: null, provider: 'proxy', input: {} });
  return store;
};
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const refusal = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal');
};

describe('run lease', () => {
  it('refuses a second claim while the first is held, and frees the run on release', () => {
    const store = setup();
    const held = takeRunLease(store, 'r1');
    const err = refusal(() => takeRunLease(store, 'r1'));
    expect(isRunBusy(err)).toBe(true);
    expect(err.message).toMatch(new RegExp(`^Run r1 is running in another Zapcut process \\(pid ${process.pid} on ${hostname()}, last heartbeat \\d+ s ago\\)`));
    expect(leaseIsLive(store.getLease('r1')!, Date.now())).toBe(true);
    held.release();
    expect(store.getLease('r1')).toBeUndefined();
    takeRunLease(store, 'r1').release();
  });

  it('takes over at once from a dead process on this machine, never from a live one elsewhere', () => {
    const store = setup();
    const t = 1_000_000;
    takeRunLease(store, 'r1', { pid: deadPid(), now: () => t }); // killed before it could release
    const taken = takeRunLease(store, 'r1', { now: () => t + 1 });
    taken.release();
    takeRunLease(store, 'r1', { pid: deadPid(), host: 'other-mac', now: () => t });
    const err = refusal(() => takeRunLease(store, 'r1', { now: () => t + 29_000 }));
    expect(err.message).toContain('on other-mac, last heartbeat 29 s ago');
    expect(err.message).toContain('lapses 1 s after its last heartbeat');
    // Its heartbeat stopped: after the TTL the run is free.
    takeRunLease(store, 'r1', { now: () => t + 30_000 }).release();
  });

  it('signals a holder whose lease was taken over, at its next heartbeat', async () => {
    const store = setup();
    let clock = 0;
    const held = takeRunLease(store, 'r1', { now: () => clock, heartbeatMs: 5 });
    const lost = new Promise<void>((ok) => held.lost.addEventListener('abort', () => ok()));
    clock = 31_000; // this process froze past the TTL…
    store.acquireLease({ runId: 'r1', owner: 'other', pid: 1, host: 'other-mac', acquiredAtMs: clock, heartbeatAtMs: clock, expiresAtMs: clock + 30_000 }, () => false);
    await lost; // …and stops when it wakes
    expect(describeLease(store.getLease('r1')!, clock + 2000)).toBe('pid 1 on other-mac, last heartbeat 2 s ago');
  });

  it('a refused resume writes nothing: a delivered run stays succeeded and its video is not settled', async () => {
    const store = setup();
    store.setRunStatus('r1', 'succeeded');
    const held = takeRunLease(store, 'r1');
    const services = { store, family: () => { throw new Error('the proxy must not be told anything'); } } as unknown as PipelineServices;
    const err = await runToEnd(services, 'r1').catch((e: unknown) => e);
    expect(isRunBusy(err)).toBe(true);
    expect(store.getRun('r1')).toMatchObject({ status: 'succeeded', errorCode: null, errorMessage: null });
    expect(await settleFailedRun(services, 'r1', err)).toBeNull();
    expect(store.getLease('r1')?.owner).toBe(held.lease.owner);
    held.release();
  });
});
