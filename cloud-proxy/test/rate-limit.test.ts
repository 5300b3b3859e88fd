import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
// @ts-expect-error plain ESM helper
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
import type { StartedWorker } from './globalSetup';
import { JWT_SECRET } from './constants';
import { api, signup } from './helpers';

// Its own Worker with a small limit (5) over a long window (an hour), so a restart of the whole
// runtime — every Durable Object evicted — falls inside one window however loaded the machine is.
const dir = () => join(inject('tmpDir'), 'rate-limit');
const envFile = () => join(dir(), 'rate.env');
let worker: StartedWorker;
const start = () => startWorker({ persistTo: join(dir(), 'state'), envFile: envFile() });
beforeAll(async () => {
  writeEnvFile(envFile(), { JWT_SECRET, RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_WINDOW_SECONDS: '3600', ...inject('emailEnv') });
  worker = await start();
});
afterAll(async () => {
  await worker?.stop();
});

describe('the per-user rate limit', () => {
  it('counts parallel requests against each other: 12 at once with a limit of 5 → exactly 5 pass', async () => {
    const u = await signup(worker.url);
    const all = await Promise.all(Array.from({ length: 12 }, () => api('/v1/me', { base: worker.url, token: u.accessToken })));
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const refused = all.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60); // the rest of this hour-long window
  });

  it('survives the object being evicted: after a restart of the runtime the user is still limited (the old in-memory count reset)', async () => {
    const u = await signup(worker.url);
    const other = await signup(worker.url);
    for (let i = 0; i < 5; i++) expect((await api('/v1/me', { base: worker.url, token: u.accessToken })).status).toBe(200);
    expect((await api('/v1/me', { base: worker.url, token: other.accessToken })).status).toBe(200);
    await worker.stop();
    worker = await start();
    const after = await api('/v1/me', { base: worker.url, token: u.accessToken });
    expect(after.status, JSON.stringify(after.body)).toBe(429);
    expect(after.body.error.code).toBe('RATE_LIMITED');
    // Another user keeps the rest of their window (1 used of 5).
    for (let i = 0; i < 4; i++) expect((await api('/v1/me', { base: worker.url, token: other.accessToken })).status).toBe(200);
    expect((await api('/v1/me', { base: worker.url, token: other.accessToken })).status).toBe(429);
  });
});
