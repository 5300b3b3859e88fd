/**
 * The deploy check against the fakes: all present → ok; a catalog model or pinned version gone,
 * the LoRA destination missing (and created when allowed), a text model gone, a Suno gateway with
 * no credit — each reported as what would fail. `npm run proxy:check` runs as a real process too.
 * Its own fakes and Worker (it switches the fakes' models off).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
// @ts-expect-error plain ESM helpers
import { PROXY_DIR, startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
// @ts-expect-error plain ESM fakes
import { FAKE_KEYS, startFakeUpstreams } from '../fakes/upstreams.mjs';
// @ts-expect-error plain ESM script
import { runCheck } from '../scripts/check.mjs';
import type { StartedWorker } from './globalSetup';
import { ADMIN, BOOTSTRAP_SECRET, JWT_SECRET } from './constants';
import { api, signup } from './helpers';

interface Item {
  provider: string;
  what: string;
  name: string;
  status: string;
  detail: string;
}

let fakes: { url: string; baseUrls: Record<string, string>; close(): Promise<void> };
let worker: StartedWorker;
let token: string;
beforeAll(async () => {
  fakes = await startFakeUpstreams();
  const dir = join(inject('tmpDir'), 'provider-check');
  const envFile = join(dir, 'check.env');
  writeEnvFile(envFile, { JWT_SECRET, ADMIN_BOOTSTRAP_SECRET: BOOTSTRAP_SECRET, OPENAI_API_KEY: FAKE_KEYS.openai, ANTHROPIC_API_KEY: FAKE_KEYS.anthropic, REPLICATE_API_TOKEN: FAKE_KEYS.replicate, SUNO_API_KEY: FAKE_KEYS.suno, ...fakes.baseUrls });
  worker = await startWorker({ persistTo: join(dir, 'state'), envFile });
  await api('/v1/auth/signup', { base: worker.url, body: ADMIN });
  await api('/v1/auth/bootstrap-admin', { base: worker.url, body: { email: ADMIN.email }, headers: { 'x-bootstrap-secret': BOOTSTRAP_SECRET } });
  token = (await api('/v1/auth/login', { base: worker.url, body: ADMIN })).body.accessToken;
});
afterAll(async () => {
  await worker?.stop();
  await fakes?.close();
});

const control = (c: object) => fetch(`${fakes.url}/__control`, { method: 'POST', body: JSON.stringify(c) });
const check = async (createDestination = false): Promise<{ ok: boolean; items: Item[] }> => {
  const r = await api('/admin/providers/check', { base: worker.url, token, ...(createDestination ? { body: { createDestination: true } } : {}) });
  expect(r.status).toBe(200);
  return r.body;
};
const item = (items: Item[], name: string) => items.find((i) => i.name.startsWith(name));

describe('the deploy check', () => {
  it('all models present: the key, every catalog model, pinned version, trainer, destination, text model and the Suno credit are ok', async () => {
    await control({});
    const r = await check();
    expect(r.items.filter((i) => !['ok', 'skipped'].includes(i.status))).toEqual([]);
    expect(r.ok).toBe(true);
    for (const name of ['REPLICATE_API_TOKEN', 'kwaivgi/kling-v2.1', 'minimax/hailuo-02', 'google/veo-3.1', 'openai/sora-2', 'black-forest-labs/flux-1.1-pro', 'minimax/speech-02-turbo', 'meta/musicgen:671ac645ce5e', 'ostris/flux-dev-lora-trainer:e440909d3512', 'zapcut/brand-styles', 'gpt-4.1-mini', 'claude-sonnet-5-5']) {
      expect(item(r.items, name)?.status, name).toBe('ok');
    }
    expect(item(r.items, fakes.baseUrls.SUNO_BASE_URL!)).toMatchObject({ status: 'ok', detail: '500 credits left' });
  });

  it('a model gone at the provider, a pinned version gone (its model still there) and a text model gone are reported as missing; the check and the command fail', async () => {
    await control({ missingModels: ['google/veo-3.1', 'claude-sonnet-5-5'], missingVersions: ['meta/musicgen'] });
    try {
      const r = await check();
      expect(r.ok).toBe(false);
      expect(item(r.items, 'google/veo-3.1')).toMatchObject({ status: 'missing', detail: expect.stringMatching(/404/) });
      expect(item(r.items, 'meta/musicgen:')).toMatchObject({ status: 'missing', detail: expect.stringMatching(/HTTP 404/) });
      expect(item(r.items, 'claude-sonnet-5-5')).toMatchObject({ status: 'missing' });
      expect(item(r.items, 'kwaivgi/kling-v2.1')?.status).toBe('ok');
      // The pinned version is what the app runs: the fake refuses it too (so the check told the truth).
      const run = await fetch(`${fakes.baseUrls.REPLICATE_BASE_URL}/predictions`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_KEYS.replicate}`, 'content-type': 'application/json' }, body: JSON.stringify({ version: '671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb', input: { prompt: 'a calm piano' } }) });
      expect(run.status).toBe(422);
      // The command an operator runs after deploying says the same and exits 1.
      // (Not spawnSync: the fakes answer from this process, so its event loop must keep running.)
      const cli = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = execFile(process.execPath, [join(PROXY_DIR, 'scripts', 'check.mjs'), '--url', worker.url], { env: { ...process.env, ZAPCUT_ADMIN_TOKEN: token }, encoding: 'utf8', timeout: 60_000 }, (_e, stdout) => resolve({ status: child.exitCode, stdout }));
      });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toMatch(/MISSING\s+replicate\s+video model\s+google\/veo-3\.1/);
      expect(cli.stdout).toMatch(/MISSING\s+replicate\s+music version\s+meta\/musicgen:/);
      expect(cli.stdout).toMatch(/3 problem\(s\)/);
    } finally {
      await control({});
    }
  });

  it('a missing LoRA destination fails the check, and is created (privately) when the operator allows it; every check is audited', async () => {
    await control({ destination: false });
    const before = await check();
    expect(before.ok).toBe(false);
    expect(item(before.items, 'zapcut/brand-styles')).toMatchObject({ status: 'missing', detail: expect.stringMatching(/every brand-style training would fail/) });
    const made = await runCheck({ url: worker.url, email: ADMIN.email, password: ADMIN.password, createDestination: true });
    expect(made.ok).toBe(true);
    expect(made.text).toMatch(/CREATED\s+replicate\s+LoRA destination\s+zapcut\/brand-styles/);
    expect(item((await check()).items, 'zapcut/brand-styles')?.status).toBe('ok');
    const entries = (await api('/admin/audit', { base: worker.url, token })).body.entries.filter((e: { action: string }) => e.action === 'provider-check');
    // Newest first: the check after, the creating one, the failing one before.
    expect(entries.slice(0, 3).map((e: { detail: unknown }) => e.detail)).toEqual([
      { ok: true, problems: [], created: [] },
      { ok: true, problems: [], created: ['zapcut/brand-styles'] },
      { ok: false, problems: ['replicate zapcut/brand-styles'], created: [] },
    ]);
    await control({});
  });

  it('a refused key and a music gateway out of credit show up before users meet them; only admins may run the check', async () => {
    await control({ revokedKeys: ['replicate', 'anthropic'] });
    try {
      const r = await check();
      expect(r.ok).toBe(false);
      expect(item(r.items, 'REPLICATE_API_TOKEN')).toMatchObject({ status: 'error', detail: expect.stringMatching(/^refused \(HTTP 401: You did not pass a valid authentication token\).*check the operator key/) });
      // One line for the refused key, not one per model.
      expect(r.items.filter((i) => i.provider === 'replicate')).toHaveLength(1);
      expect(item(r.items, 'claude-sonnet-5-5')).toMatchObject({ status: 'error', detail: expect.stringMatching(/HTTP 401: invalid x-api-key/) });
      expect(item(r.items, 'gpt-4.1-mini')?.status).toBe('ok');
      // Suno's gateway says how many credits are left (Replicate, OpenAI and Anthropic only refuse work, which this check never starts).
      await control({ sunoCredits: 0 });
      const broke = await check();
      expect(broke.ok).toBe(false);
      expect(item(broke.items, fakes.baseUrls.SUNO_BASE_URL!)).toMatchObject({ status: 'error', detail: expect.stringMatching(/no credits left/) });
      await control({ revokedKeys: ['suno'] });
      expect(item((await check()).items, fakes.baseUrls.SUNO_BASE_URL!)).toMatchObject({ status: 'error', detail: expect.stringMatching(/HTTP 401: Unauthorized.*check the operator key/) });
    } finally {
      await control({});
    }
    const u = await signup(worker.url, { verify: false }); // (this Worker has no email provider; the user only needs to exist)
    expect((await api('/admin/providers/check', { base: worker.url, token: u.accessToken })).status).toBe(403);
    expect((await api('/admin/providers/check', { base: worker.url, token, body: { createDestination: 'yes' } })).status).toBe(400);
  });
});
