/**
 * Full system: the app's pipeline services → the real Worker in workerd → media fakes over HTTP.
 * One Worker for the file; every test signs up its own user so balances do not mix.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { createRun, runToEnd } from '../../src/pipeline/generate';
import { probeMedia } from '../../src/pipeline/ffmpeg/probe';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { AppError } from '../../src/shared/errors';
import { reservationKey } from '../../src/pipeline/providers/proxy';
import { TEST_RESOLUTION, ffmpegPath, makeWorkspace, writeBrief } from '../integration/pipeline-fixtures';
import { runKillableChild, type ChildLine } from '../integration/kill-child';
import { openProxyApp, tokensOf, type ProxyApp } from './app';
import { startStack, type Stack } from './stack';
import { createBackend } from '../../src/backend/backend';
import type { AccountView } from '../../src/shared/domain/account';

let stack: Stack;
let seq = 0;

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 150, video: 600, speech: 150, music: 300 } });
});
afterAll(async () => {
  await stack?.stop();
});

async function newUser(dataDir: string): Promise<{ app: ProxyApp; email: string }> {
  process.env.ZAPCUT_DATA_DIR = dataDir;
  const app = await openProxyApp(stack.proxyUrl);
  const email = `creator${process.pid}-${Date.now()}-${++seq}@zapcut.test`;
  await app.session.signup(email, 'correct-horse-battery');
  await stack.verifyEmail(email);
  return { app, email };
}

async function adminView(app: ProxyApp): Promise<{ reservations: { id?: string; videoId?: string; state?: string; status?: string }[]; ledger: { kind?: string; type?: string }[] }> {
  const me = await app.session.account();
  const r = await fetch(`${stack.proxyUrl}/admin/users/${me.id}`, { headers: { authorization: `Bearer ${await stack.adminToken()}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as never;
}

describe('ads through the proxy', () => {
  it('a 15 s ad: one reservation committed once, one free video used, real media', async () => {
    const ws = await makeWorkspace('zapcut-sys-ad-');
    const { app } = await newUser(ws.dataDir);
    const before = await app.session.account();
    expect(before.freeVideosUsed).toBe(0);
    const quote = await app.session.quote(15);
    expect(quote).toMatchObject({ allowed: true, source: 'free', costCents: 0 });

    const brief = await loadBrief(await writeBrief(ws.dir));
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION });
    const statsBefore = stack.fakes.stats();
    const result = await runToEnd(app.backend.pipeline, run.id);
    const stats = stack.fakes.stats();

    const probe = await probeMedia(resolveBinaries().ffprobePath, result.exportPath);
    expect(probe.durationS).toBeGreaterThan(14);
    expect(probe.durationS).toBeLessThan(16.5);
    expect(stats.created.video! - (statsBefore.created.video ?? 0)).toBe(3);
    expect(result.costCents).toBeGreaterThan(0);

    const after = await app.session.account();
    expect(after.freeVideosUsed).toBe(1);
    expect(after.freeVideosLeft).toBe(before.freeVideosLeft - 1);
    expect(after.creditsCents).toBe(before.creditsCents);
    const view = await adminView(app);
    expect(view.reservations).toHaveLength(1);
    expect(JSON.stringify(view.reservations[0])).toContain('committed');
    const commits = view.ledger.filter((l) => JSON.stringify(l).includes('commit'));
    expect(commits).toHaveLength(1);
    // What the user is shown: one free video, charged (not the provider spend estimate).
    expect(app.backend.pipeline.store.getRun(run.id)?.charge).toMatchObject({ source: 'free', costCents: 0, status: 'committed' });
    app.backend.close();
  });

  it('60 s on a free account is refused before any paid call, with the upgrade message', async () => {
    const ws = await makeWorkspace('zapcut-sys-60-');
    const { app } = await newUser(ws.dataDir);
    const quote = await app.session.quote(60);
    expect(quote.allowed).toBe(false);
    const brief = await loadBrief(await writeBrief(ws.dir, { lengthSeconds: 60 }));
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION });
    const before = stack.fakes.stats();
    const err = await runToEnd(app.backend.pipeline, run.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PAYMENT_REQUIRED');
    expect((err as AppError).message).toMatch(/upgrade to Pro/i);
    const after = stack.fakes.stats();
    const paid = (s: typeof after) => Object.values(s.created).reduce((a, b) => a + (b ?? 0), 0);
    expect(paid(after)).toBe(paid(before));
    expect((await app.session.account()).freeVideosUsed).toBe(0);
    expect(app.backend.pipeline.store.getRun(run.id)?.errorMessage).toMatch(/upgrade to Pro/i);
    app.backend.close();
  });

  it('the upstream fails before any paid output: the reservation is refunded and the user sees why', async () => {
    const ws = await makeWorkspace('zapcut-sys-fail-');
    const { app } = await newUser(ws.dataDir);
    await fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail: { image: 4, speech: 3, music: 1 } }) });
    const brief = await loadBrief(await writeBrief(ws.dir));
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION });
    const err = await runToEnd(app.backend.pipeline, run.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/failed at the provider/);
    const refund = await app.family.runFailed(run.id, err);
    expect(refund).toMatch(/free video was given back/);
    const me = await app.session.account();
    expect(me.freeVideosUsed).toBe(0);
    const view = await adminView(app);
    expect(view.reservations).toHaveLength(1);
    expect(JSON.stringify(view.reservations[0])).toContain('refunded');
    expect(app.backend.pipeline.store.getRun(run.id)?.charge).toMatchObject({ source: 'free', status: 'refunded' });
    // Replaying the failure is a no-op.
    expect(await app.family.runFailed(run.id, err)).toBeNull();
    await fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail: {} }) });
    app.backend.close();
  });

  it('the app backend: settings → sign up → usage and quote over the contract; unreachable proxy → a clear message, local features keep working', async () => {
    const ws = await makeWorkspace('zapcut-sys-backend-');
    process.env.ZAPCUT_KEYCHAIN = 'off';
    const backend = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/' });
    const events: AccountView[] = [];
    backend.on((name, payload) => name === 'account/changed' && events.push(payload as AccountView));
    try {
      const none = await backend.dispatch('account/get', {});
      expect(none).toMatchObject({ ok: true, value: { proxyUrl: '', signedIn: false } });
      expect(await backend.dispatch('settings/update', { proxyUrl: stack.proxyUrl })).toMatchObject({ ok: true });
      const email = `backend${process.pid}-${Date.now()}@zapcut.test`;
      const up = await backend.dispatch('account/signup', { email, password: 'correct-horse-battery' });
      await stack.verifyEmail(email);
      expect(up).toMatchObject({ ok: true, value: { signedIn: true, email, store: 'memory', usage: { tier: 'free', freeVideosLeft: 2, creditsCents: 0 } } });
      expect(JSON.stringify(up)).not.toMatch(/accessToken|refreshToken|eyJ/);
      // The session announces the change on its own tick; wait for it rather than race it.
      await vi.waitFor(() => expect(events.at(-1)?.signedIn).toBe(true));
      expect(await backend.dispatch('account/quote', { lengthSeconds: 15 })).toMatchObject({ ok: true, value: { allowed: true, source: 'free', costCents: 0 } });
      const sixty = await backend.dispatch('account/quote', { lengthSeconds: 60 });
      expect(sixty).toMatchObject({ ok: true, value: { allowed: false, code: 'PAYMENT_REQUIRED' } });
      expect(JSON.stringify(sixty)).toMatch(/upgrade to Pro/i);

      // The proxy goes away: the account says so, brands still work.
      expect(await backend.dispatch('settings/update', { proxyUrl: 'http://127.0.0.1:9' })).toMatchObject({ ok: true });
      const down = await backend.dispatch('account/get', {});
      expect(down).toMatchObject({ ok: true, value: { signedIn: false } });
      expect(await backend.dispatch('account/login', { email, password: 'correct-horse-battery' })).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringMatching(/keeps working/) } });
      expect(await backend.dispatch('brand/create', { name: 'Still Local' })).toMatchObject({ ok: true });
    } finally {
      backend.close();
      delete process.env.ZAPCUT_KEYCHAIN;
    }
  });

  it('kill the app mid-scene, restart, resume: one reservation, no second prediction for finished scenes, one charge', async () => {
    const ws = await makeWorkspace('zapcut-sys-kill-');
    const { app, email } = await newUser(ws.dataDir);
    const tokens = await tokensOf(app, email);
    const brief = await writeBrief(ws.dir);
    const before = stack.fakes.stats();
    const first = await runChild({ mode: 'start', proxyUrl: stack.proxyUrl, brief }, ws.dataDir, tokens, (l) => l.type === 'job' && l.stepId === 'scene:2' && l.reused === false);
    expect(first.killed).toBe(true);
    const runId = first.lines.find((l) => l.type === 'run')!.runId!;
    const second = await runChild({ mode: 'resume', proxyUrl: stack.proxyUrl, runId }, ws.dataDir, tokens);
    const result = second.lines.find((l) => l.type === 'result');
    expect(result, JSON.stringify(second.lines.filter((l) => l.type === 'error'))).toBeDefined();
    // scene:1 replayed from the memo, scene:2's recorded prediction re-polled, scene:3 created once.
    expect(second.lines.some((l) => l.type === 'step' && l.stepId === 'scene:1' && l.status === 'replayed')).toBe(true);
    expect(second.lines.some((l) => l.type === 'job' && l.stepId === 'scene:2' && l.reused === true)).toBe(true);
    const after = stack.fakes.stats();
    expect(after.created.video! - (before.created.video ?? 0)).toBe(3);
    const me = await app.session.account();
    expect(me.freeVideosUsed).toBe(1);
    const view = await adminView(app);
    expect(view.reservations).toHaveLength(1);
    expect(view.ledger.filter((l) => JSON.stringify(l).includes('commit'))).toHaveLength(1);
    expect(reservationKey(runId, 0)).toContain(runId);
    app.backend.close();
  });

  it('a run whose process died fails later in another process: its unused video is still given back', async () => {
    const ws = await makeWorkspace('zapcut-sys-resume-fail-');
    const { app, email } = await newUser(ws.dataDir);
    const tokens = await tokensOf(app, email);
    const brief = await writeBrief(ws.dir);
    // Every paid job fails at the provider (nothing is ever delivered); the first process dies
    // right after its first paid job is created.
    const control = (fail: object) => fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail }) });
    await control({ image: 4, speech: 3, music: 1 });
    const first = await runChild({ mode: 'start', proxyUrl: stack.proxyUrl, brief }, ws.dataDir, tokens, (l) => l.type === 'job' && l.reused === false && !l.jobId?.startsWith('local:'));
    await control({});
    expect(first.killed).toBe(true);
    const runId = first.lines.find((l) => l.type === 'run')!.runId!;
    expect(app.backend.pipeline.store.getRun(runId)?.charge).toMatchObject({ source: 'free', costCents: 0, status: 'reserved' });
    // This process never reserved for the run: the video comes from the run's stored charge.
    const refund = await app.family.runFailed(runId, new AppError('PROVIDER', 'The brand was deleted while the run was paused.'));
    expect(refund).toMatch(/free video was given back/);
    expect((await app.session.account()).freeVideosUsed).toBe(0);
    const view = await adminView(app);
    expect(view.reservations).toHaveLength(1);
    expect(JSON.stringify(view.reservations[0])).toContain('refunded');
    expect(app.backend.pipeline.store.getRun(runId)?.charge).toMatchObject({ source: 'free', status: 'refunded' });
    expect(await app.family.runFailed(runId, new AppError('PROVIDER', 'again'))).toBeNull();
    app.backend.close();
  });
});

type Line = ChildLine;

const runChild = (args: object, dataDir: string, tokens: object, killAt?: (l: Line) => boolean) =>
  runKillableChild(path.join(__dirname, 'app-child.ts'), args, { ZAPCUT_DATA_DIR: dataDir, ZAPCUT_TEST_SESSION: JSON.stringify(tokens) }, killAt);
