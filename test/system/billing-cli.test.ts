/**
 * `zapcut billing` for real: the CLI process (tokens in the OS keychain, so run through
 * test/system/run.mjs), the Worker in workerd and the fake Stripe. Plans with Stripe's prices;
 * buy prints the Checkout link and waits; paying there (as the user would in a browser) makes the
 * CLI report the credits; portal prints the portal link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainTokenStore } from '../../src/backend/session/keychain-store';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { zapcut } from './cli';
import { startStack, type Stack } from './stack';

const SERVICE = `Zapcut-billing-test-${process.pid}`;
const keychain = await KeychainTokenStore.open(SERVICE);
if (!keychain) console.warn('billing CLI test skipped: no Secret Service on D-Bus (run through test/system/run.mjs, which starts dbus-run-session + gnome-keyring)');

describe.skipIf(!keychain)('zapcut billing', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ffmpegPath, latencyMs: { text: 20 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('plans → buy (link printed, waits, reports the credits once paid) → portal', async () => {
    const ws = await makeWorkspace('zapcut-sys-billing-cli-');
    const env = { ...process.env, ZAPCUT_DATA_DIR: ws.dataDir, ZAPCUT_KEYCHAIN_SERVICE: SERVICE, ZAPCUT_BILLING_POLL_MS: '200' };
    const email = `clibuyer${process.pid}-${Date.now()}@zapcut.test`;
    expect((await zapcut(['signup', '--proxy', stack.proxyUrl, '--email', email], env, 'correct-horse-battery\n')).code).toBe(0);
    await stack.verifyEmail(email);

    const plans = await zapcut(['billing', 'plans'], env);
    expect(plans.code, plans.err).toBe(0);
    expect(plans.out).toMatch(/pack_30 +\$40\.00 +10 videos up to 30 s/);
    expect(plans.out).toMatch(/pro +\$79\.00\/month +30 videos a month, up to 60 s, 1080p, priority/);

    expect((await zapcut(['billing', 'buy', 'pack_999'], env)).err).toMatch(/Which item\? One of pack_30/);
    expect((await zapcut(['billing', 'portal', '--no-wait'], env)).err).toMatch(/nothing to manage yet/);

    const buying = zapcut(['billing', 'buy', 'pack_30'], env, '', async (line) => {
      const m = /Open this page in your browser: (\S+)/.exec(line);
      if (m) {
        const paid = await fetch(m[1]!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'card=4242424242424242', redirect: 'manual' });
        expect(paid.status).toBe(303);
      }
    });
    const bought = await buying;
    expect(bought.code, bought.err).toBe(0);
    expect(bought.out).toMatch(/Waiting for the payment to be confirmed/);
    expect(bought.out).toMatch(/Payment received: \$50\.00 of credit added\./);
    expect(bought.out).toMatch(/Now: free, credits \$50\.00\./);

    const portal = await zapcut(['billing', 'portal', '--no-wait'], env);
    expect(portal.code, portal.err).toBe(0);
    expect(portal.out).toMatch(new RegExp(`Open this page in your browser: ${stack.stripe.url}/p/session/bps_`));
    await zapcut(['logout'], env);
  });
});
