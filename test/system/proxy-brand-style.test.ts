/**
 * Issue 9 through the whole system: the app's backend (brand-style service, proxy family) → the
 * real Worker in workerd → the media fakes speaking Replicate's trainings and predictions APIs.
 *
 * One brand, one account: its first ad finishes → a style training starts through the proxy and
 * fails (reason shown) → Retry starts a new one, and no second one runs beside it (app and proxy
 * both refuse) → Cancel stops it at the provider → Retry again in another app process, which is
 * SIGKILLed while training → the app starts again: the recorded training is re-polled until ready
 * (preview pair made) → approve → the next ad's reference images are created on the trained
 * version with the trigger word, and that ad's video is reserved and charged once.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { testEncryptor } from './test-encryptor';
import type { AdProjectView } from '../../src/shared/domain/ads';
import type { BrandStyleView } from '../../src/shared/domain/brand-style';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { runKillableChild } from '../integration/kill-child';
import { startStack, type Stack } from './stack';
import { waitFor } from '../support/wait';

let stack: Stack;
const env = { keychain: process.env.ZAPCUT_KEYCHAIN, scale: process.env.ZAPCUT_RENDER_SCALE };


beforeAll(async () => {
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_RENDER_SCALE = '0.15';
  stack = await startStack({ ffmpegPath, clipShortSide: 90, trainingMs: 3000, latencyMs: { text: 10, image: 100, video: 300, speech: 100, music: 200 } });
});
afterAll(async () => {
  await stack?.stop();
  for (const [k, v] of [['ZAPCUT_KEYCHAIN', env.keychain], ['ZAPCUT_RENDER_SCALE', env.scale]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function poll<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
  return waitFor(read, ok, what, { timeoutMs });
}

async function makeAd(backend: Backend, brandId: string): Promise<AdProjectView> {
  const p = await call<AdProjectView>(backend, 'project/create', { brandId });
  for (const text of ['Fern Tonic', 'A sparkling herbal tonic in a green can.', 'Hikers', 'Fresh energy outdoors', 'Yes, use them', '15 seconds', '16:9', 'Bright and fresh', 'Find it at fern.shop', 'Looks good, draft it']) {
    await call(backend, 'chat/send', { projectId: p.id, text });
  }
  await poll(() => call<AdProjectView>(backend, 'project/get', { id: p.id }), (v) => v.storyboard !== null && !v.drafting, 'the storyboard');
  await call(backend, 'storyboard/approve', { projectId: p.id });
  const done = await poll(() => call<AdProjectView>(backend, 'project/get', { id: p.id }), (v) => v.status === 'ready' || v.status === 'failed', 'the ad', 180_000);
  expect(done.status, JSON.stringify(done).slice(0, 600)).toBe('ready');
  return done;
}

/** The brand's style rows, newest last (read-only, beside the running backend). */
function styleRows(dataDir: string, brandId: string): { id: string; status: string; training_id: string | null; model_ref: string | null }[] {
  const db = new Database(path.join(dataDir, 'zapcut.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, status, training_id, model_ref FROM lora_models WHERE brand_id = ? ORDER BY created_at, rowid').all(brandId) as never;
  } finally {
    db.close();
  }
}

function runsOf(dataDir: string, projectId: string): { id: string; provider: string }[] {
  const db = new Database(path.join(dataDir, 'zapcut.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, provider FROM runs WHERE project_id = ?').all(projectId) as never;
  } finally {
    db.close();
  }
}

describe('brand style that learns, through the proxy', () => {
  it('fails and retries, refuses a second training, cancels, survives a restart, and styles the next ad on the trained version', async () => {
    const ws = await makeWorkspace('zapcut-sys-style-');
    const dataDir = ws.dataDir;
    mkdirSync(dataDir, { recursive: true });
    const open = () => createBackend({ dataDir, mediaBaseUrl: '/media/', secretEncryptor: testEncryptor });
    let backend = open();
    const t0 = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    try {
      await call(backend, 'settings/update', { proxyUrl: stack.proxyUrl });
      const email = `style${process.pid}-${Date.now()}@zapcut.test`;
      await call(backend, 'account/signup', { email, password: 'correct-horse-battery' });
      await stack.verifyEmail(email);
      const product = path.join(ws.dir, 'can.png');
      await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=240x180:r=1', '-frames:v', '1'], output: product });
      const brand = await call<{ id: string }>(backend, 'brand/create', { name: 'Fern', description: 'Herbal tonics.', colors: ['#1F8A70', '#BEDB39'] });
      await call(backend, 'asset/import', { brandId: brand.id, files: [{ path: product }] });
      const style = () => call<BrandStyleView>(backend, 'brand/style', { brandId: brand.id });

      // 1. The first ad (through the proxy) starts a training by itself; this one fails upstream.
      stack.fakes.trainings.fail(1);
      const first = await makeAd(backend, brand.id);
      expect(runsOf(dataDir, first.id).map((r) => r.provider)).toEqual(['proxy']);
      mark('first ad');
      const failed = await poll(style, (v) => v.status === 'failed', 'the failed training');
      mark('training failed');
      expect(failed.error).toMatch(/ran out of GPU memory/u);
      expect(failed.cancelled).toBe(false);
      const t = stack.fakes.trainings.stats();
      expect(t.created).toHaveLength(1);
      expect(t.created[0]!.triggerWord).toMatch(/^ZPC[A-Z0-9]{1,6}$/u);
      expect(t.uploads).toHaveLength(1);

      // 2. Retry: a new training; no second one beside it — the app and the proxy both refuse.
      expect((await call<BrandStyleView>(backend, 'brand/styleRetry', { brandId: brand.id })).status).toBe('training');
      const again = await backend.dispatch('brand/styleRetry', { brandId: brand.id });
      expect(again.ok ? null : again.error.code).toBe('CONFLICT');
      await poll(() => styleRows(dataDir, brand.id).at(-1)!, (r) => r.training_id !== null, 'the retried training id');
      const token = (await (await fetch(`${stack.proxyUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct-horse-battery' }) })).json()) as { accessToken: string; user: { id: string } };
      const png = `data:image/png;base64,${(await readFile(product)).toString('base64')}`;
      const direct = await fetch(`${stack.proxyUrl}/v1/trainings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token.accessToken}`, 'idempotency-key': 'direct-second-training' }, body: JSON.stringify({ brandKey: brand.id, images: [png], triggerWord: 'ZPCDIRECT' }) });
      expect(direct.status).toBe(409);
      expect(stack.fakes.trainings.stats().created).toHaveLength(2);

      // 3. Cancel stops it at the provider; the brand says it was cancelled, not failed.
      const cancelled = await call<BrandStyleView>(backend, 'brand/styleCancel', { brandId: brand.id });
      expect(cancelled).toMatchObject({ status: 'failed', cancelled: true });
      expect(stack.fakes.trainings.stats().cancelled).toEqual([stack.fakes.trainings.stats().created[1]!.id]);

      // 4. Retry again in another app process, killed (SIGKILL) while it trains: the next start
      // re-polls the same training instead of starting another.
      backend.close();
      const child = await runKillableChild(path.join(__dirname, 'style-child.ts'), { brandId: brand.id }, { ZAPCUT_DATA_DIR: dataDir }, (l) => l.type === 'training');
      expect(child.killed).toBe(true);
      expect(child.lines.map((l) => l.type)).toEqual(['retried', 'training']);
      const recorded = styleRows(dataDir, brand.id).at(-1)!;
      expect(recorded).toMatchObject({ status: 'training', training_id: child.lines[1]!.jobId });
      backend = open();
      mark('restarted');
      const ready = await poll(style, (v) => v.status !== 'training', 'the style after the restart');
      mark('style ready');
      expect(ready.error).toBeNull();
      expect(ready.status).toBe('ready');
      const row = styleRows(dataDir, brand.id).at(-1)!;
      expect(row.training_id).toBe(recorded.training_id);
      expect(stack.fakes.trainings.stats().created).toHaveLength(3);
      const trained = JSON.parse(row.model_ref!) as { kind: string; version: string; triggerWord: string };
      expect(trained).toMatchObject({ kind: 'lora', version: expect.stringMatching(/^zapcut\/brand-styles:[0-9a-f]{64}$/u) });
      // The preview pair: the first ad's own hero frame, and one image on the trained version.
      expect(ready.preview?.standardSha256).not.toBe(ready.preview?.customSha256);
      // The custom frame is prompted like the ad's hero frame, with the trigger word first.
      const previewCall = stack.fakes.stats().versioned;
      expect(previewCall.map((v) => v.version)).toEqual([trained.version]);
      expect(previewCall[0]!.prompt).toMatch(new RegExp(`^${trained.triggerWord} style\\. .*hero shot of Fern Tonic`, 'u'));

      // 5. Approve: the next ad's reference images are made on the trained version, with its trigger word.
      expect((await call<BrandStyleView>(backend, 'brand/styleApprove', { brandId: brand.id, approved: true })).approved).toBe(true);
      const before = (await call<{ usage: { freeVideosUsed: number } }>(backend, 'account/get', {})).usage.freeVideosUsed;
      const second = await makeAd(backend, brand.id);
      mark('second ad');
      console.log(`brand style through the proxy: ${marks.join(', ')}`);
      // Every picture of the second ad is on the trained version with its trigger word: the four
      // reference frames, and the keyframes (issue 21: one per scene start plus the final frame).
      const onVersion = stack.fakes.stats().versioned.slice(1);
      for (const v of onVersion) {
        expect(v.version).toBe(trained.version);
        expect(v.prompt.startsWith(`${trained.triggerWord} style. `)).toBe(true);
      }
      const keyframes = onVersion.filter((v) => /The (opening|final) frame of/u.test(v.prompt));
      const references = onVersion.filter((v) => !keyframes.includes(v));
      expect(references.map((v) => /(\w+) shot of/u.exec(v.prompt)?.[1]).sort()).toEqual(['alternate', 'detail', 'hero', 'lifestyle']);
      expect(keyframes.length).toBeGreaterThanOrEqual(2);
      expect(keyframes.filter((v) => /The final frame of the ad/u.test(v.prompt))).toHaveLength(1);

      // Charged once: one more free video used, one reservation for the ad, committed once.
      const me = await call<{ usage: { freeVideosUsed: number } }>(backend, 'account/get', {});
      expect(me.usage.freeVideosUsed).toBe(before + 1);
      const adminToken = await stack.adminToken();
      const view = (await (await fetch(`${stack.proxyUrl}/admin/users/${token.user.id}`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { reservations: unknown[]; ledger: unknown[] };
      expect(view.reservations).toHaveLength(2);
      expect(view.reservations.every((r) => JSON.stringify(r).includes('committed'))).toBe(true);
      expect(view.ledger.filter((l) => JSON.stringify(l).includes('commit'))).toHaveLength(2);
      expect(runsOf(dataDir, second.id)).toHaveLength(1);
    } finally {
      backend.close();
    }
  }, 300_000);
});
