/**
 * Where the CLI's credentials live, for real. The keychain: keytar → the Secret Service
 * (gnome-keyring) over D-Bus, run through test/system/run.mjs, which starts a private D-Bus session
 * with an unlocked keyring (without one those tests say why they skip); sign in, "restart" (a
 * fresh store and session object reading the keychain), still signed in; sign out removes the
 * secret. A headless machine: no keychain, an Agency API key in ZAPCUT_API_KEY instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainTokenStore, loadKeytar } from '../../src/backend/session/keychain-store';
import { pickTokenStore } from '../../src/backend/session/pick-store';
import { AccountSession } from '../../src/backend/session/session';
import { accountKey } from '../../src/backend/session/token-store';
import { ffmpegPath, makeWorkspace, writeBrief } from '../integration/pipeline-fixtures';
import { readdir, readFile } from 'node:fs/promises';
import { zapcut } from './cli';
import { startStack, type Stack } from './stack';

const SERVICE = `Zapcut-test-${process.pid}`;
const keychain = await KeychainTokenStore.open(SERVICE);
const why = keychain ? '' : 'no Secret Service on D-Bus (run through test/system/run.mjs, which starts dbus-run-session + gnome-keyring)';
if (why) console.warn(`keychain test skipped: ${why}`);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 100, video: 400, speech: 100, music: 200 } });
});
afterAll(async () => {
  await stack?.stop();
});

describe.skipIf(!keychain)('session in the OS keychain', () => {
  it('sign in, restart, still signed in; sign out removes the secret', async () => {
    const store = await pickTokenStore({ dataDir: '/nonexistent', keychainService: SERVICE });
    expect(store.kind).toBe('keychain');
    const email = `keychain${process.pid}-${Date.now()}@zapcut.test`;
    const first = await AccountSession.open(stack.proxyUrl, store);
    await first.signup(email, 'correct-horse-battery');
    await stack.verifyEmail(email);
    const keytar = (await loadKeytar())!;
    const raw = await keytar.getPassword(SERVICE, accountKey(stack.proxyUrl));
    expect(raw).toContain('refreshToken');

    // Restart: nothing in memory survives, only the keychain.
    const again = await AccountSession.open(stack.proxyUrl, (await KeychainTokenStore.open(SERVICE))!);
    expect(again.status()).toMatchObject({ signedIn: true, email, store: 'keychain' });
    expect((await again.account()).email).toBe(email);

    await again.logout();
    expect(await keytar.getPassword(SERVICE, accountKey(stack.proxyUrl))).toBeNull();
    const third = await AccountSession.open(stack.proxyUrl, (await KeychainTokenStore.open(SERVICE))!);
    expect(third.status().signedIn).toBe(false);
    // The revoked refresh token no longer works at the proxy either.
    const r = await fetch(`${stack.proxyUrl}/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: JSON.parse(raw!).refreshToken }) });
    expect(r.status).toBe(401);
  });

  it('the CLI: signup → account with a quote → generate --provider proxy → logout', async () => {
    const ws = await makeWorkspace('zapcut-sys-cli-');
    const env = { ...process.env, ZAPCUT_DATA_DIR: ws.dataDir, ZAPCUT_KEYCHAIN_SERVICE: SERVICE };
    const email = `cli${process.pid}-${Date.now()}@zapcut.test`;
    const signup = await zapcut(['signup', '--proxy', stack.proxyUrl, '--email', email], env, 'correct-horse-battery\n');
    expect(signup.code, signup.err).toBe(0);
    await stack.verifyEmail(email);
    expect(signup.out).toMatch(/Account created; signed in/);
    expect(signup.out + signup.err).not.toMatch(/refresh-|eyJ/); // no token ever printed

    const account = await zapcut(['account', '--length', '60'], env);
    expect(account.code, account.err).toBe(0);
    expect(account.out).toMatch(/free videos: +0 used, 2 left/);
    expect(account.out).toMatch(/a 60 s ad: +not possible .*upgrade to Pro/i);

    const brief = await writeBrief(ws.dir);
    const out = path.join(ws.dir, 'ad.mp4');
    const gen = await zapcut(['generate', '--provider', 'proxy', '--brief', brief, '--out', out, '--short-side', '90'], env);
    expect(gen.code, gen.err).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(gen.out).toMatch(/charge: {4}one free video \(charged\)/);
    const runId = /— run ([0-9a-f-]{36})/.exec(gen.out)?.[1];
    const shown = await zapcut(['runs', runId!], env);
    expect(shown.out).toMatch(/charge: one free video \(charged\) — video vid_/);
    const after = await zapcut(['account', '--json'], env);
    expect(JSON.parse(after.out).account.freeVideosUsed).toBe(1);

    const logout = await zapcut(['logout'], env);
    expect(logout.out).toMatch(/Signed out/);
    const gone = await zapcut(['account'], env);
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/Not signed in/);
  });
});

describe('a headless machine: an Agency API key from the environment', () => {
  it('account and generate --provider proxy work with ZAPCUT_API_KEY and no keychain; the key is never written; a revoked key is refused clearly', async () => {
    // An Agency account makes a key from its password session (the proxy shows it once).
    const email = `agency${process.pid}-${Date.now()}@zapcut.test`;
    const signup = await api<{ accessToken: string; user: { id: string } }>('POST', '/v1/auth/signup', { email, password: 'correct-horse-battery' });
    const admin = await stack.adminToken();
    expect(await api('PUT', `/admin/users/${signup.user.id}/tier`, { tier: 'agency', reason: 'system test' }, admin)).toMatchObject({ tier: 'agency' });
    const created = await api<{ id: string; key: string }>('POST', '/v1/keys', { name: 'render box' }, signup.accessToken);
    expect(created.key).toMatch(/^zk_/);

    const ws = await makeWorkspace('zapcut-sys-apikey-');
    const env = { ...process.env, ZAPCUT_DATA_DIR: ws.dataDir, ZAPCUT_KEYCHAIN: 'off', ZAPCUT_PROXY_URL: stack.proxyUrl, ZAPCUT_API_KEY: created.key };
    const account = await zapcut(['account', '--length', '60'], env);
    expect(account.code, account.err).toBe(0);
    expect(account.out).toContain(`credential:    API key ${created.key.slice(0, 10)}… from ZAPCUT_API_KEY (read from the environment, never stored)`);
    expect(account.out).toMatch(/plan: +agency/);

    const brief = await writeBrief(ws.dir);
    const out = path.join(ws.dir, 'ad.mp4');
    const gen = await zapcut(['generate', '--provider', 'proxy', '--brief', brief, '--out', out, '--short-side', '90', '--length', '15'], env);
    expect(gen.code, gen.err).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(gen.out).toMatch(/charge: {4}/);
    // Nothing under the data folder holds the key (SQLite, WAL, logs, media).
    for (const f of await filesUnder(ws.dataDir)) expect((await readFile(f)).includes(created.key), f).toBe(false);

    await api('DELETE', `/v1/keys/${created.id}`, undefined, signup.accessToken);
    const revoked = await zapcut(['account'], env);
    expect(revoked.code).toBe(1);
    expect(revoked.err).toMatch(/refused the API key in ZAPCUT_API_KEY \(zk_.{7}…\): it was revoked or is not valid/);
    const malformed = await zapcut(['account'], { ...env, ZAPCUT_API_KEY: 'not-a-key' });
    expect(malformed.err).toMatch(/ZAPCUT_API_KEY does not hold a Zapcut API key/);
  });
});

async function api<T = unknown>(method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${stack.proxyUrl}${route}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? {} : await res.json()) as T;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
