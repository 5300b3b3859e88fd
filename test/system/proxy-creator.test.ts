/**
 * Full system, the creator flow a signed-in user goes through in the app: backend contract →
 * projects service → the real Worker in workerd → fake upstreams. The bible and storyboard are
 * drafted by the AI text models through the proxy (no video reserved for a draft); approving runs
 * the ad on the proxy and the run shows what the user pays. When the AI writer fails, the draft
 * comes from the offline templates and the chat says why.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { runFfmpeg } from '../../src/pipeline/ffmpeg';
import type { AccountView } from '../../src/shared/domain/account';
import type { AdProjectView } from '../../src/shared/domain/ads';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { startStack, type Stack } from './stack';
import { waitFor } from '../support/wait';

let stack: Stack;
let backend: Backend;
let dir: string;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function until(projectId: string, ok: (v: AdProjectView) => boolean, timeoutMs = 180_000): Promise<AdProjectView> {
  return waitFor(() => call<AdProjectView>('project/get', { id: projectId }), ok, `ad ${projectId}`, { timeoutMs, intervalMs: 200, show: (v) => `${v.status} ${JSON.stringify(v.runView?.error ?? v.messages.at(-1))}` });
}

async function brandWithImage(name: string): Promise<string> {
  const brand = await call<{ id: string }>('brand/create', { name, description: 'Coffee for night owls.', colors: ['#F2A65A'] });
  const img = path.join(dir, `${name}.png`);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: img });
  await call('asset/import', { brandId: brand.id, files: [{ path: img }] });
  return brand.id;
}

async function chatToReview(brandId: string): Promise<AdProjectView> {
  const p = await call<AdProjectView>('project/create', { brandId });
  for (const text of ['Lumen Cold Brew', 'A smooth cold brew in a glass bottle.', 'Night-shift nurses', 'Calm focus all night', 'Yes, use them', '15 seconds', '16:9', 'Warm and calm', 'Shop now at lumen.coffee', 'Looks good, draft it']) {
    await call('chat/send', { projectId: p.id, text });
  }
  return until(p.id, (v) => v.storyboard !== null && !v.drafting);
}

const lastAssistant = (v: AdProjectView) => v.messages.filter((m) => m.role === 'assistant').at(-1)?.content ?? '';

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 150, video: 500, speech: 150, music: 300 } });
  const ws = await makeWorkspace('zapcut-sys-creator-');
  dir = ws.dir;
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  backend = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/' });
  await call('settings/update', { proxyUrl: stack.proxyUrl });
  const email = `creator${process.pid}-${Date.now()}@zapcut.test`;
  await call<AccountView>('account/signup', { email, password: 'correct-horse-battery' });
  await stack.verifyEmail(email);
});

afterAll(async () => {
  backend?.close();
  delete process.env.ZAPCUT_KEYCHAIN;
  delete process.env.ZAPCUT_RENDER_SCALE;
  await stack?.stop();
});

describe('the creator flow on the proxy', () => {
  it('drafts with the AI text models, generates on the proxy and shows the free video it used', async () => {
    const brandId = await brandWithImage('Lumen');
    const before = stack.fakes.stats();
    const review = await chatToReview(brandId);
    const drafted = stack.fakes.stats();
    // Bible and storyboard were written by the model behind the proxy, not the offline templates.
    expect(review.bible?.source).toBe('proxy');
    expect(drafted.text - before.text).toBeGreaterThanOrEqual(2);
    expect(Object.values(drafted.created).reduce((a, b) => a + b, 0)).toBe(Object.values(before.created).reduce((a, b) => a + b, 0));
    expect(lastAssistant(review)).toMatch(/^Here is your creative bible/);
    // A draft reserves no video.
    expect((await call<AccountView>('account/get', {})).usage?.freeVideosUsed).toBe(0);

    await call('storyboard/approve', { projectId: review.id });
    const done = await until(review.id, (v) => v.runView?.status === 'succeeded' || v.runView?.status === 'failed');
    expect(done.runView?.status, JSON.stringify(done.runView?.error)).toBe('succeeded');
    expect(done.runView?.charge).toEqual({ source: 'free', costCents: 0, status: 'committed' });
    expect(done.results.length).toBeGreaterThan(0);
    expect((await call<AccountView>('account/get', {})).usage?.freeVideosUsed).toBe(1);
    expect(stack.fakes.stats().created.video! - (before.created.video ?? 0)).toBe(3);
  });

  it('when the AI writer fails, drafts on this computer and says why', async () => {
    const brandId = await brandWithImage('Dusk');
    await fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail: { text: 1 } }) });
    try {
      const review = await chatToReview(brandId);
      expect(review.bible?.source).toBe('offline');
      expect(review.storyboard?.scenes.length).toBeGreaterThan(0);
      expect(lastAssistant(review)).toMatch(/^The AI writer could not draft this ad \(bible \(anthropic\): The model refused this request \(fake upstream failure\)\), so I drafted it on this computer from templates\. Here is your creative bible/);
      expect(lastAssistant(review)).not.toMatch(/resume/i);
    } finally {
      await fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail: {} }) });
    }
  });
});
