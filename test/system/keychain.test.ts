/**
 * The keychain path for real: keytar → the Secret Service (gnome-keyring) over D-Bus. Run through
 * test/system/run.mjs, which starts a private D-Bus session with an unlocked keyring; without one
 * the test says why it skips. Sign in, "restart" (a fresh store and session object reading the
 * keychain), still signed in; sign out removes the secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainTokenStore, loadKeytar } from '../../src/main/session/keychain-store';
import { pickTokenStore } from '../../src/main/session/pick-store';
import { AccountSession } from '../../src/main/session/session';
import { accountKey } from '../../src/main/session/token-store';
import { ffmpegPath } from '../integration/pipeline-fixtures';
import { startStack, type Stack } from './stack';

const SERVICE = `Zapcut-test-${process.pid}`;
const keychain = await KeychainTokenStore.open(SERVICE);
const why = keychain ? '' : 'no Secret Service on D-Bus (run through test/system/run.mjs, which starts dbus-run-session + gnome-keyring)';
if (why) console.warn(`keychain test skipped: ${why}`);

describe.skipIf(!keychain)('session in the OS keychain', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ffmpegPath, latencyMs: { text: 10 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sign in, restart, still signed in; sign out removes the secret', async () => {
    const store = await pickTokenStore({ dataDir: '/nonexistent', keychainService: SERVICE });
    expect(store.kind).toBe('keychain');
    const email = `keychain${process.pid}-${Date.now()}@zapcut.test`;
    const first = await AccountSession.open(stack.proxyUrl, store);
    await first.signup(email, 'correct-horse-battery');
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
});
