/**
 * A signed-in `zapcut batch`, for real: the CLI process (session in the OS keychain, so run through
 * test/system/run.mjs), the Worker in workerd with its ledger Durable Object, the fake providers.
 * A new account (two free videos, no credits) is refused a 3-ad batch before anything starts,
 * told that 2 rows fit; with $5 of credit the quote says 2 free + 1 from credits, and the batch
 * (2 at a time) is charged exactly that, in file order.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainTokenStore } from '../../src/backend/session/keychain-store';
import { ffmpegPath, makeWorkspace, writeBrief } from '../integration/pipeline-fixtures';
import { zapcut } from './cli';
import { startStack, type Stack } from './stack';

const SERVICE = `Zapcut-batch-test-${process.pid}`;
const keychain = await KeychainTokenStore.open(SERVICE);
if (!keychain) console.warn('batch CLI test skipped: no Secret Service on D-Bus (run through test/system/run.mjs, which starts dbus-run-session + gnome-keyring)');

describe.skipIf(!keychain)('zapcut batch, signed in', () => {
  let stack: Stack;
  beforeAll(async () => {
    // The fakes make an ad's calls in seconds, so three ads (keyframes included) two at a time pass
    // the per-user 100 requests a minute that real, minutes-long video jobs never reach; this test
    // is about quotes and charges (the limit has its own tests), so the limit is raised as in proxy-models.
    stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 100, video: 400, speech: 100, music: 200 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a batch the account cannot pay before starting, then quotes and charges it row by row', { timeout: 240_000 }, async () => {
    const ws = await makeWorkspace('zapcut-sys-batch-');
    const env = { ...process.env, ZAPCUT_DATA_DIR: ws.dataDir, ZAPCUT_KEYCHAIN_SERVICE: SERVICE, ZAPCUT_PROXY_URL: stack.proxyUrl, ZAPCUT_OFFLINE_VOICE: 'none' };
    const email = `batcher${process.pid}-${Date.now()}@zapcut.test`;
    expect((await zapcut(['signup', '--proxy', stack.proxyUrl, '--email', email], env, 'correct-horse-battery\n')).code).toBe(0);
    await stack.verifyEmail(email);
    const me = JSON.parse((await zapcut(['account', '--json'], env)).out) as { account: { id: string } };

    const base = JSON.parse(await readFile(await writeBrief(ws.dir), 'utf8')) as { product: Record<string, unknown> };
    const file = path.join(ws.dir, 'ads.jsonl');
    await writeFile(file, [1, 2, 3].map((i) => JSON.stringify({ ...base, product: { ...base.product, name: `Luna Brew ${i}` }, lengthSeconds: 15 })).join('\n'));
    const out = path.join(ws.dir, 'out');
    const args = ['batch', file, '--provider', 'proxy', '--out', out, '--short-side', '90', '--concurrency', '2'];

    // Two free videos, no credits: refused up front, saying how many rows fit; nothing started or charged.
    const refused = await zapcut(args, env);
    expect(refused.code, refused.err).toBe(1);
    expect(refused.err).toContain('This batch needs 3 videos and your account (free plan: 2 free videos left, 0 of this month\'s plan videos left, credits $0.00) pays for 2 of them now (2 free). Nothing was started.');
    expect(refused.err).toContain('row 3 (15 s): This video needs $5.00 of credit; buy a credit pack or subscribe.');
    expect(await readdir(out).catch(() => [])).toEqual([]);
    expect(JSON.parse((await zapcut(['account', '--json'], env)).out).account).toMatchObject({ freeVideosUsed: 0, creditsCents: 0 });

    const grant = await fetch(`${stack.proxyUrl}/admin/users/${me.account.id}/credits`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.adminToken()}` }, body: JSON.stringify({ delta: 500, reason: 'batch system test' }) });
    expect(grant.status).toBe(200);
    const quote = await zapcut([...args, '--quote'], env);
    expect(quote.code, quote.err).toBe(0);
    expect(quote.err).toContain('Quote: 3 ads through your Zapcut account — 2 free, 1 from credits ($5.00). Account now: free plan: 2 free videos left');

    const made = await zapcut([...args, '--json'], env);
    expect(made.code, made.err).toBe(0);
    const summary = JSON.parse(made.out) as { rows: { row: number; status: string; charge: { source: string; costCents: number; status: string } | null }[] };
    // Reserved in file order although two ran at once: exactly what the quote said.
    expect(summary.rows.map((r) => [r.row, r.status, r.charge?.source, r.charge?.costCents, r.charge?.status])).toEqual([
      [1, 'done', 'free', 0, 'committed'],
      [2, 'done', 'free', 0, 'committed'],
      [3, 'done', 'credits', 500, 'committed'],
    ]);
    expect(JSON.parse((await zapcut(['account', '--json'], env)).out).account).toMatchObject({ freeVideosUsed: 2, creditsCents: 0 });
    // Running it again pays for nothing: every ad is made.
    const again = await zapcut([...args, '--quote'], env);
    expect(again.err).toContain('Quote: nothing new to pay.');
    await zapcut(['logout'], env);
  });
});
