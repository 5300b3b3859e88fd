import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPkce, createState } from './pkce';
import { startLoopback } from './loopback';
import { createHash } from 'node:crypto';

const get = (url: string) => fetch(url).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('loopback redirect', () => {
  it('refuses a foreign state and keeps waiting; takes the right one once, then refuses a replay', async () => {
    const state = createState();
    const lb = await startLoopback({ state, timeoutMs: 10_000, networkName: 'X' });
    expect(lb.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect((await get(`${lb.redirectUri}?state=someone-else&code=stolen`)).status).toBe(400);
    expect((await get(`${lb.redirectUri.replace('/callback', '/other')}?state=${state}&code=c1`)).status).toBe(404);
    const ok = await get(`${lb.redirectUri}?state=${state}&code=the-code`);
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/X is connected/);
    await expect(lb.code).resolves.toBe('the-code');
    // One use: the server is gone (or answers 410 while closing).
    const replay = await get(`${lb.redirectUri}?state=${state}&code=the-code`).catch(() => ({ status: 0, text: '' }));
    expect([0, 410]).toContain(replay.status);
  });

  it('ends with the network\'s refusal, a timeout or a cancel — each saying what happened', async () => {
    const state = createState();
    const denied = await startLoopback({ state, timeoutMs: 10_000, networkName: 'LinkedIn' });
    await get(`${denied.redirectUri}?error=user_cancelled_authorize&error_description=The+user+cancelled&state=${state}`);
    await expect(denied.code).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/You cancelled connecting LinkedIn/) });

    const slow = await startLoopback({ state, timeoutMs: 50, networkName: 'X' });
    await expect(slow.code).rejects.toMatchObject({ code: 'CANCELLED', details: { reason: 'timeout' }, message: expect.stringMatching(/stopped waiting for X/) });

    const ac = new AbortController();
    const cancel = await startLoopback({ state, timeoutMs: 10_000, networkName: 'X', signal: ac.signal });
    ac.abort();
    await expect(cancel.code).rejects.toMatchObject({ code: 'CANCELLED', details: { reason: 'cancelled' } });
  });

  it('uses one of the registered ports when the network matches redirect URIs exactly, skipping busy ones', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const busyPort = (busy.address() as { port: number }).port;
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const freePort = (free.address() as { port: number }).port;
    await new Promise<void>((r) => free.close(() => r()));
    const lb = await startLoopback({ state: 's', ports: [busyPort, freePort], timeoutMs: 5000, networkName: 'X' });
    expect(lb.redirectUri).toBe(`http://127.0.0.1:${freePort}/callback`);
    lb.close();
    await expect(startLoopback({ state: 's', ports: [busyPort], timeoutMs: 5000, networkName: 'X' })).rejects.toMatchObject({ code: 'CONFLICT' });
    busy.close();
  });

  it('makes RFC 7636 S256 challenges', () => {
    const p = createPkce();
    expect(p.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(p.challenge).toBe(createHash('sha256').update(p.verifier).digest('base64url'));
  });
});
