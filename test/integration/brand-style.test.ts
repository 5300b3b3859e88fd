/**
 * Issue 9 end to end through the real backend (SQLite, media store, FFmpeg, offline provider):
 * first ad → style training starts by itself → ready with a preview pair → approve → the next
 * ad's scenes carry the style, measured as the mean distance of scene pixels to the brand palette.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { openMediaStore } from '../../src/backend/media-store';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { lookStats } from '../../src/pipeline/style/color-stats';
import type { AdProjectView } from '../../src/shared/domain/ads';
import type { BrandStyleView } from '../../src/shared/domain/brand-style';
import { waitFor } from '../support/wait';

process.env.ZAPCUT_RENDER_SCALE = '0.15';
const { ffmpegPath } = resolveBinaries();
const PALETTE = ['#1F8A70', '#BEDB39'];

let dir: string;
let backend: Backend;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 180_000): Promise<T> {
  return waitFor(read, ok, what, { timeoutMs, intervalMs: 250 });
}

async function makeAd(brandId: string): Promise<AdProjectView> {
  const p = await call<AdProjectView>('project/create', { brandId });
  for (const text of ['Fern Tonic', 'A sparkling herbal tonic in a green can.', 'Hikers', 'Fresh energy outdoors', 'Yes, use them', '15 seconds', '16:9', 'Bright and fresh', 'Find it at fern.shop', 'Looks good, draft it']) {
    await call('chat/send', { projectId: p.id, text });
  }
  await poll(() => call<AdProjectView>('project/get', { id: p.id }), (v) => v.storyboard !== null && !v.drafting, 'the storyboard');
  await call('storyboard/approve', { projectId: p.id });
  const done = await poll(() => call<AdProjectView>('project/get', { id: p.id }), (v) => v.status === 'ready' || v.status === 'failed', 'the ad');
  expect(done.status).toBe('ready');
  return done;
}

/** Scene clips of a project's latest run, and whether the run carried a brand style. */
function runScenes(projectId: string): { media: string[]; styled: boolean } {
  const db = new Database(join(dir, 'data', 'zapcut.sqlite'), { readonly: true });
  try {
    const run = db.prepare('SELECT id, input_json AS input FROM runs WHERE project_id = ? ORDER BY created_at DESC LIMIT 1').get(projectId) as { id: string; input: string };
    const steps = db.prepare("SELECT step_id AS id, output_json AS output FROM run_steps WHERE run_id = ? AND step_id LIKE 'scene:%' ORDER BY step_id").all(run.id) as { id: string; output: string }[];
    return { media: steps.map((s) => (JSON.parse(s.output) as { media: string }).media), styled: 'brandStyle' in (JSON.parse(run.input) as object) };
  } finally {
    db.close();
  }
}

async function paletteDistance(shas: string[]): Promise<number> {
  const media = openMediaStore(join(dir, 'data'));
  let sum = 0;
  for (const sha of shas) {
    const f = await media.resolve(sha);
    sum += (await lookStats(ffmpegPath, f!.path, PALETTE, dir, { fps: 2 })).paletteDistance;
  }
  return sum / shas.length;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-brand-style-'));
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=240x180:r=1', '-frames:v', '1'], output: join(dir, 'can.png') });
  backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
});

afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('brand style that learns (offline)', () => {
  it('trains after the first ad, previews, and styles the next ad once approved', async () => {
    const brand = await call<{ id: string }>('brand/create', { name: 'Fern', description: 'Herbal tonics.', colors: PALETTE });
    await call('asset/import', { brandId: brand.id, files: [{ path: join(dir, 'can.png') }] });
    expect((await call<BrandStyleView>('brand/style', { brandId: brand.id })).status).toBe('none');
    const events: string[] = [];
    backend.on((e, p) => {
      if (e === 'brand/styleChanged') events.push(`${(p as { status: string }).status}${(p as { justReady: boolean }).justReady ? '!' : ''}`);
    });

    const first = await makeAd(brand.id);
    const ready = await poll(() => call<BrandStyleView>('brand/style', { brandId: brand.id }), (v) => v.status === 'ready' || v.status === 'failed', 'the style');
    expect(ready.error).toBeNull();
    expect(ready.status).toBe('ready');
    expect(events).toEqual(['training', 'ready!']);
    expect(ready.approved).toBeNull();
    // Product image + 10–15 picked frames (a 15 s ad has plenty of distinct, well-exposed ones).
    expect(ready.trainingImages).toBeGreaterThanOrEqual(11);
    expect(ready.trainingImages).toBeLessThanOrEqual(16);

    // The preview pair: the same scene, standard vs custom, both served from the media store.
    const pv = ready.preview!;
    expect(pv.standardSha256).not.toBe(pv.customSha256);
    for (const url of [pv.standardUrl, pv.customUrl]) {
      const res = await backend.handleMediaRequest(new Request(`http://x${url}`));
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer()).subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    }
    const media = openMediaStore(join(dir, 'data'));
    const std = await lookStats(ffmpegPath, (await media.resolve(pv.standardSha256))!.path, PALETTE, dir);
    const cus = await lookStats(ffmpegPath, (await media.resolve(pv.customSha256))!.path, PALETTE, dir);
    expect(cus.paletteDistance).toBeLessThan(std.paletteDistance);

    // No second training for the brand: retry is refused while ready.
    const retry = await backend.dispatch('brand/styleRetry', { brandId: brand.id });
    expect(retry.ok ? null : retry.error.code).toBe('CONFLICT');

    const approved = await call<BrandStyleView>('brand/styleApprove', { brandId: brand.id, approved: true });
    expect(approved.approved).toBe(true);

    const second = await makeAd(brand.id);
    const before = runScenes(first.id);
    const after = runScenes(second.id);
    expect(before.styled).toBe(false);
    expect(after.styled).toBe(true);
    expect(after.media.length).toBe(before.media.length);
    const dBefore = await paletteDistance(before.media);
    const dAfter = await paletteDistance(after.media);
    const trainingSeconds = (Date.parse(ready.updatedAt!) - Date.parse(ready.startedAt!)) / 1000;
    console.log(`brand-style: training (offline, ${ready.trainingImages} images) ${trainingSeconds.toFixed(1)} s; preview palette distance standard ${std.paletteDistance.toFixed(1)} → custom ${cus.paletteDistance.toFixed(1)}; scenes ${dBefore.toFixed(1)} → ${dAfter.toFixed(1)} (${before.media.length} scenes)`);
    expect(dAfter).toBeLessThan(dBefore * 0.9);

    // Changeable later: declining stops later ads from using it.
    expect((await call<BrandStyleView>('brand/styleApprove', { brandId: brand.id, approved: false })).approved).toBe(false);
  }, 420_000);
});
