import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/storage/database';
import { sqliteRunStore } from '../../../backend/storage/repos/runs';
import type { ProxyAuth } from './api';
import { RunReservations } from './reservations';

type Video = { videoId: string; status: 'reserved' | 'committed' | 'refunded'; source: 'credits'; costCents: number; lengthSeconds: number; paidCallsUsed: number; paidCallsCap: number };

/** A stand-in for the proxy's /v1/videos routes: one video per idempotency key, its state in memory. */
async function standIn() {
  const videos = new Map<string, Video>();
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const send = (v: Video | undefined) => {
      res.writeHead(v ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(v ?? { error: { code: 'NOT_FOUND', message: 'No such video.' } }));
    };
    const m = /^\/v1\/videos(?:\/([^/]+))?(\/fail)?$/.exec(req.url ?? '');
    if (req.method === 'POST' && m && !m[1]) {
      const id = `vid_${String(req.headers['idempotency-key']).split(':').slice(1).join('_')}`;
      if (!videos.has(id)) videos.set(id, { videoId: id, status: 'reserved', source: 'credits', costCents: 500, lengthSeconds: 15, paidCallsUsed: 0, paidCallsCap: 16 });
      return send(videos.get(id));
    }
    const v = m?.[1] ? videos.get(m[1]) : undefined;
    if (req.method === 'POST' && m?.[2] && v?.status === 'reserved') v.status = 'refunded';
    send(v);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  const auth: ProxyAuth = { baseUrl: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, accessToken: async () => 'token-0123456789', refreshed: async () => 'token-0123456789' };
  return { videos, calls, auth, close: () => server.close() };
}

const spec = () => ({ lengthSeconds: 15, aspect: '16:9' as const, resolution: { width: 1920, height: 1080 } });
let close: (() => void) | undefined;
afterEach(() => close?.());

describe('RunReservations › the run charge', () => {
  it('records the reservation on the run, marks it charged once output arrives, and asks only once', async () => {
    const proxy = await standIn();
    close = proxy.close;
    const store = sqliteRunStore(openDatabase(':memory:'));
    const runId = store.createRun({ id: 'run-a', projectId: null, provider: 'proxy', input: {} }).id;
    const r = new RunReservations(proxy.auth, spec, () => store);
    const v = await r.videoFor(runId);
    expect(store.getRun(runId)?.charge).toEqual({ videoId: v.videoId, source: 'credits', costCents: 500, status: 'reserved' });
    proxy.videos.get(v.videoId)!.status = 'committed'; // the proxy commits on the first delivered output
    await r.delivered(runId);
    await r.delivered(runId);
    expect(store.getRun(runId)?.charge?.status).toBe('committed');
    expect(proxy.calls.filter((c) => c === `GET /v1/videos/${v.videoId}`)).toHaveLength(1);
    // Charged already: a later failure gives nothing back.
    expect((await r.failed(runId, 'boom'))?.status).toBe('committed');
  });

  it('a new process (no live reservation) settles through the stored charge: delivered → charged, failed → given back', async () => {
    const proxy = await standIn();
    close = proxy.close;
    const store = sqliteRunStore(openDatabase(':memory:'));
    const first = new RunReservations(proxy.auth, spec, () => store);
    const a = store.createRun({ id: 'run-b', projectId: null, provider: 'proxy', input: {} }).id;
    const b = store.createRun({ id: 'run-c', projectId: null, provider: 'proxy', input: {} }).id;
    const va = await first.videoFor(a);
    await first.videoFor(b);

    const second = new RunReservations(proxy.auth, spec, () => store);
    proxy.videos.get(va.videoId)!.status = 'committed';
    await second.delivered(a);
    expect(store.getRun(a)?.charge?.status).toBe('committed');
    const back = await second.failed(b, 'the brand was deleted');
    expect(back?.status).toBe('refunded');
    expect(store.getRun(b)?.charge).toMatchObject({ status: 'refunded', costCents: 500 });
    // Replays and runs that never reserved do nothing.
    expect(await second.failed(b, 'again')).toBeUndefined();
    expect(await second.failed('run-none', 'x')).toBeUndefined();
    expect(proxy.calls.filter((c) => c.endsWith('/fail'))).toHaveLength(1);
  });
});
