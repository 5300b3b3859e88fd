import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend';
import type { EventName } from '../../../shared/contract';
import { waitFor } from '../../../../test/support/wait';

/** A stand-in proxy: sign-up, /v1/me (credits as the test sets them), checkout and portal. */
async function startStub() {
  const state = { creditsCents: 0, checkouts: 0 };
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/auth/signup') return send(201, { accessToken: 'access-token-1', refreshToken: 'refresh-token-1', expiresIn: 900, user: { id: 'u1', email: 'a@b.co', role: 'user' } });
      if (req.url === '/v1/me') return send(200, { id: 'u1', email: 'a@b.co', role: 'user', tier: 'free', creditsCents: state.creditsCents, freeVideosUsed: 2, freeVideosLeft: 0, month: '2026-12', monthVideosUsed: 0, monthVideosLeft: 0, maxLengthSeconds: 60, maxResolution: '1080p', apiAccess: false, suspended: false });
      if (req.url === '/v1/billing/checkout') return (state.checkouts++, send(201, { url: 'https://checkout.stripe.com/c/pay/cs_test_1', sessionId: 'cs_test_1', expiresAt: '2026-12-03T00:00:00Z' }));
      send(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('billing service', () => {
  let dir: string;
  let backend: Backend;
  let stub: Awaited<ReturnType<typeof startStub>>;
  const opened: string[] = [];
  const events: [EventName, unknown][] = [];

  beforeEach(async () => {
    process.env.ZAPCUT_KEYCHAIN = 'off';
    // Polls far apart: the test only ends quickly when the return link wakes the watch.
    process.env.ZAPCUT_BILLING_POLL_MS = '60000';
    dir = mkdtempSync(join(tmpdir(), 'zapcut-billing-'));
    stub = await startStub();
    opened.length = 0;
    events.length = 0;
    const desktop = { openExternal: async (url: string) => void opened.push(url) } as unknown as Parameters<typeof createBackend>[0]['desktop'];
    backend = createBackend({ dataDir: dir, mediaBaseUrl: '/media/', desktop });
    backend.on((event, payload) => events.push([event, payload]));
    expect((await backend.dispatch('settings/update', { proxyUrl: stub.url })).ok).toBe(true);
    const signedUp = await backend.dispatch('account/signup', { email: 'a@b.co', password: 'correct-horse-battery' });
    expect(signedUp, JSON.stringify(signedUp)).toMatchObject({ ok: true });
  });

  afterEach(async () => {
    await backend.dispatch('billing/stopWaiting', {});
    backend.close();
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
    delete process.env.ZAPCUT_KEYCHAIN;
    delete process.env.ZAPCUT_BILLING_POLL_MS;
  });

  const settled = () => events.filter(([e]) => e === 'billing/settled').map(([, p]) => p);
  const until = (check: () => boolean) => waitFor(check, (v) => v, 'the billing watch', { intervalMs: 10 });

  it('opens Checkout in the system browser and, when the return link comes back, looks at the account at once', async () => {
    const r = await backend.dispatch('billing/checkout', { item: 'pack_30' });
    expect(r).toMatchObject({ ok: true, value: { kind: 'checkout', item: 'pack_30', url: 'https://checkout.stripe.com/c/pay/cs_test_1', openedBrowser: true } });
    expect(opened).toEqual(['https://checkout.stripe.com/c/pay/cs_test_1']);

    // A return link while nothing was paid (forged, or the user cancelled): nothing changes, the watch goes on.
    expect(await backend.openAppLink('zapcut://account?billing=success')).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(settled()).toEqual([]);

    // The webhook reached the proxy: the next link makes the app see it without waiting for a poll.
    stub.state.creditsCents = 5000;
    expect(await backend.openAppLink('zapcut://account?billing=success')).toBe(true);
    await until(() => settled().length > 0);
    expect(settled()).toEqual([{ kind: 'checkout', item: 'pack_30', outcome: 'changed', changes: [{ what: 'credits', fromCents: 0, toCents: 5000 }] }]);
    const account = events.filter(([e]) => e === 'account/changed').at(-1)?.[1] as { usage: { creditsCents: number } };
    expect(account.usage.creditsCents).toBe(5000);
  });

  it('links that are not ours do nothing; stopping the wait says so', async () => {
    expect(await backend.openAppLink('https://evil.example/account')).toBe(false);
    expect(await backend.openAppLink('zapcut://settings')).toBe(false);
    expect(await backend.openAppLink('not a url')).toBe(false);
    await backend.dispatch('billing/checkout', { item: 'pro' });
    expect(await backend.dispatch('billing/stopWaiting', {})).toEqual({ ok: true, value: { stopped: true } });
    await until(() => settled().length > 0);
    expect(settled()).toEqual([{ kind: 'checkout', item: 'pro', outcome: 'stopped', changes: [] }]);
    expect((await backend.dispatch('billing/checkout', { item: 'nope' })).ok).toBe(false);
  });
});
