import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountSession, normaliseProxyUrl } from './session';
import { startAuthStub } from './test-proxy';
import { MemoryTokenStore } from './token-store';

let stub: Awaited<ReturnType<typeof startAuthStub>>;
beforeEach(async () => {
  stub = await startAuthStub();
});
afterEach(async () => {
  await stub.close();
});

describe('AccountSession', () => {
  it('refreshes once after a 401 (one refresh for many callers) and keeps the rotated tokens', async () => {
    const store = new MemoryTokenStore();
    const s = await AccountSession.open(stub.url, store);
    await s.login('a@b.co', 'pw-long-enough');
    stub.expireAccess();
    const [a, b, c] = await Promise.all([s.account(), s.account(), s.account()]);
    expect([a.tier, b.tier, c.tier]).toEqual(['free', 'free', 'free']);
    expect(stub.calls.refresh).toBe(1);
    expect((await store.load(stub.url))?.refreshToken).toBe('refresh-token-2');
  });

  it('signs out with a clear message when the refresh fails, and forgets the tokens', async () => {
    const store = new MemoryTokenStore();
    const s = await AccountSession.open(stub.url, store);
    const seen: boolean[] = [];
    s.on('changed', (st) => seen.push(st.signedIn));
    await s.login('a@b.co', 'pw-long-enough');
    stub.expireAccess();
    stub.revokeRefresh();
    await expect(s.account()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/Sign in again/) });
    expect(s.status()).toMatchObject({ signedIn: false, notice: expect.stringMatching(/expired/) });
    expect(await store.load(stub.url)).toBeNull();
    expect(seen).toEqual([true, false]);
    expect(stub.calls.refresh).toBe(1);
  });

  it('logout revokes at the proxy and clears the store; offline logout still clears locally', async () => {
    const store = new MemoryTokenStore();
    const s = await AccountSession.open(stub.url, store);
    await s.login('a@b.co', 'pw-long-enough');
    await s.logout();
    expect(stub.calls.logout).toBe(1);
    expect(await store.load(stub.url)).toBeNull();
    await s.login('a@b.co', 'pw-long-enough');
    await stub.close();
    await s.logout();
    expect(s.status().signedIn).toBe(false);
    stub = await startAuthStub();
  });

  it('says where to go when the proxy is unreachable', async () => {
    const s = await AccountSession.open('http://127.0.0.1:9', new MemoryTokenStore());
    await expect(s.login('a@b.co', 'x')).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/keeps working/) });
  });

  it('accepts https proxies and local http only', () => {
    expect(normaliseProxyUrl('https://api.zapcut.app/')).toBe('https://api.zapcut.app');
    expect(normaliseProxyUrl('http://127.0.0.1:8799')).toBe('http://127.0.0.1:8799');
    expect(() => normaliseProxyUrl('http://evil.example')).toThrow(/https/);
    expect(() => normaliseProxyUrl('nope')).toThrow(/not a URL/);
  });
});
