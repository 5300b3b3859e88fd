/**
 * The creator flow through the real backend (SQLite, media store, FFmpeg, offline provider):
 * chat → draft → edit storyboard → approve → run → result → export; and a restart mid-run resumes.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend';
import { resolveBinaries, runFfmpeg } from '../../../pipeline/ffmpeg';
import type { AdProjectView } from '../../../shared/domain/ads';
import { waitFor } from '../../../../test/support/wait';
import { makeWordmarkLogo } from '../../media-import/fixtures';

process.env.ZAPCUT_RENDER_SCALE = '0.2';

let dir: string;
let backend: Backend;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function until(projectId: string, ok: (v: AdProjectView) => boolean, timeoutMs = 120_000): Promise<AdProjectView> {
  return waitFor(() => call<AdProjectView>('project/get', { id: projectId }), ok, `ad ${projectId}`, { timeoutMs, intervalMs: 200, show: (v) => `${v.status} ${JSON.stringify(v.runView?.error)}` });
}

async function chatToReview(brandId: string): Promise<AdProjectView> {
  const p = await call<AdProjectView>('project/create', { brandId });
  for (const text of ['Lumen Cold Brew', 'A smooth cold brew in a glass bottle.', 'Night-shift nurses', 'Calm focus all night', 'Yes, use them', '15 seconds', '9:16', 'Warm and calm', 'Shop now at lumen.coffee', 'Looks good, draft it']) {
    await call('chat/send', { projectId: p.id, text });
  }
  return until(p.id, (v) => v.storyboard !== null && !v.drafting);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-projects-'));
  const img = join(dir, 'bottle.png');
  await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: img });
  backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
});

afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ad projects', () => {
  it('chats, drafts, reviews, generates, resumes after a restart, and exports', async () => {
    const brand = await call<{ id: string }>('brand/create', { name: 'Lumen', description: 'Coffee for night owls.', colors: ['#F2A65A'] });
    await call('asset/import', { brandId: brand.id, files: [{ path: join(dir, 'bottle.png') }] });
    // The brand's logo (set in the brand form) reaches the end card of the app's run.
    const logo = (await call<{ logo: { sha256: string } }>('brand/setLogo', { brandId: brand.id, file: { path: makeWordmarkLogo(join(dir, 'logo.png')) } })).logo;

    const review = await chatToReview(brand.id);
    expect(review.status).toBe('review');
    expect(review.stage).toBe('final_review');
    expect(review.bible?.colors.length).toBeGreaterThanOrEqual(4);
    const sb = review.storyboard!;
    expect(sb.totalSeconds).toBe(15);
    expect(sb.scenes.length).toBeGreaterThanOrEqual(sb.minScenes);
    // The chat survives: every question and answer is stored in order.
    expect(review.messages.filter((m) => m.role === 'user')).toHaveLength(10);
    expect(review.messages.some((m) => m.content.includes('How long should your ad be?'))).toBe(true);

    // An unsafe scene is flagged inline with a safe alternative; approval is refused until fixed.
    const scenes = sb.scenes.map(({ index: _i, safety: _s, picture: _p, ...s }) => s);
    const bad = [{ ...scenes[0]!, description: `${scenes[0]!.description} Then a man starts shooting people with a gun.` }, ...scenes.slice(1)];
    const flagged = await call<AdProjectView>('storyboard/update', { projectId: review.id, scenes: bad });
    expect(flagged.storyboard!.scenes[0]!.safety.blocked).toBe(true);
    expect(flagged.storyboard!.scenes[0]!.safety.alternative?.description).not.toMatch(/gun/u);
    const refused = await backend.dispatch('storyboard/approve', { projectId: review.id });
    expect(refused.ok ? null : refused.error.code).toBe('SAFETY_BLOCKED');

    // A total that does not match the length is refused with a message saying what to do.
    const long = scenes.map((s, i) => (i === 0 ? { ...s, durationSeconds: s.durationSeconds + 2 } : s));
    await call('storyboard/update', { projectId: review.id, scenes: long });
    const wrong = await backend.dispatch('storyboard/approve', { projectId: review.id });
    expect(wrong.ok ? null : wrong.error.message).toMatch(/add up/u);

    await call('storyboard/update', { projectId: review.id, scenes });
    const started = await call<AdProjectView>('storyboard/approve', { projectId: review.id });
    expect(started.status).toBe('generating');

    // Restart while the scenes render: the run continues from its memo in the new backend.
    await until(review.id, (v) => (v.runView?.stages.find((s) => s.id === 'scenes')?.done ?? 0) >= 1);
    backend.close();
    backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
    const done = await until(review.id, (v) => v.status === 'ready' || v.status === 'failed');
    expect(done.runView?.error).toBeNull();
    expect(done.status).toBe('ready');
    expect(done.stage).toBe('export_video');
    expect(done.results.map((r) => r.aspect)).toEqual(['9:16']);
    expect(done.results[0]!.durationMs).toBeGreaterThan(14_000);
    expect(done.runView!.scenes.every((s) => s.thumbnailUrl)).toBe(true);
    const timeline = new Database(join(dir, 'data', 'zapcut.sqlite'), { readonly: true });
    try {
      const doc = JSON.parse((timeline.prepare('SELECT document_json AS d FROM timelines WHERE project_id = ? ORDER BY version DESC LIMIT 1').get(review.id) as { d: string }).d) as { media: Record<string, { sha256: string }>; overlays: { items: { id: string; media?: string }[] }[] };
      expect(doc.media.logo?.sha256).toBe(logo.sha256);
      expect(doc.overlays.flatMap((t) => t.items).find((i) => i.id === 'end-logo')?.media).toBe('logo');
    } finally {
      timeline.close();
    }

    const out = join(dir, 'my ad.mp4');
    const exp = await call<{ path: string; bytes: number }>('project/export', { projectId: review.id, aspect: '9:16', path: out });
    expect(statSync(out).size).toBe(exp.bytes);
    expect((await readFile(out)).subarray(4, 8).toString()).toBe('ftyp');

    // Chatting after the ad is ready answers with what can be done now and keeps the stage.
    await call('chat/send', { projectId: review.id, text: 'What now?' });
    const after = await call<AdProjectView>('project/get', { id: review.id });
    expect(after.stage).toBe('export_video');
    expect(after.messages.at(-1)!.content).toMatch(/^Your ad is ready\./u);

    const list = await call<{ id: string; status: string }[]>('project/list', {});
    expect(list).toEqual([expect.objectContaining({ id: review.id, status: 'ready' })]);

    // Regenerate scene 2: a new run that copies scene 1 from the memo and renders 2… again.
    const before = done.runView!.runId;
    await call('run/regenerateScene', { projectId: review.id, index: 2 });
    const again = await until(review.id, (v) => v.runView?.runId !== before && (v.status === 'ready' || v.status === 'failed'));
    expect(again.status).toBe('ready');
    // Scene 1 came from the old run's memo (seeded: attempt 0, its output as it was); scene 2
    // onwards were rendered by the new run (attempt 1). The offline renderer is deterministic, so
    // the pixels may match; a real model gets a new seed.
    const db = new Database(join(dir, 'data', 'zapcut.sqlite'), { readonly: true });
    try {
      const step = (runId: string, stepId: string) => db.prepare('SELECT attempt, output_json AS output FROM run_steps WHERE run_id = ? AND step_id = ?').get(runId, stepId) as { attempt: number; output: string };
      expect(step(again.runView!.runId, 'scene:1')).toEqual({ attempt: 0, output: step(before, 'scene:1').output });
      expect(step(again.runView!.runId, 'scene:2').attempt).toBe(1);
      expect(step(again.runView!.runId, 'scene:3').attempt).toBe(1);
      expect(step(again.runView!.runId, 'bible').attempt).toBe(0);
    } finally {
      db.close();
    }
  }, 240_000);

  it('cancels a run and retries it from where it stopped', async () => {
    const brand = await call<{ id: string }>('brand/create', { name: 'Orbit', description: 'Bikes.' });
    await call('asset/import', { brandId: brand.id, files: [{ path: join(dir, 'bottle.png') }] });
    const review = await chatToReview(brand.id);
    await call('storyboard/approve', { projectId: review.id });
    await until(review.id, (v) => v.runView?.status === 'running');
    await call('run/cancel', { projectId: review.id });
    const cancelled = await until(review.id, (v) => v.status === 'cancelled');
    expect(cancelled.runView?.status).toBe('cancelled');
    const nothing = await backend.dispatch('run/cancel', { projectId: review.id });
    expect(nothing.ok ? null : nothing.error.code).toBe('CONFLICT');
    await call('run/retry', { projectId: review.id });
    const done = await until(review.id, (v) => v.status === 'ready' || v.status === 'failed');
    expect(done.status).toBe('ready');
    expect(done.runView?.runId).toBe(cancelled.runView?.runId);
  }, 240_000);

  it('a failing run is reported with its reason and retried once the cause is fixed', async () => {
    const brand = await call<{ id: string; assets: { sha256: string }[] }>('brand/create', { name: 'Fragile', description: 'Glass.' });
    const [asset] = await call<{ sha256: string }[]>('asset/import', { brandId: brand.id, files: [{ path: join(dir, 'bottle.png') }] });
    const review = await chatToReview(brand.id);
    // Corrupt the stored product image: the first step that decodes it fails.
    const file = join(dir, 'data', 'media', asset!.sha256.slice(0, 2), asset!.sha256);
    const good = readFileSync(file);
    chmodSync(file, 0o644);
    writeFileSync(file, Buffer.from('not an image at all'));
    await call('storyboard/approve', { projectId: review.id });
    const failed = await until(review.id, (v) => v.status === 'failed' || v.status === 'ready');
    expect(failed.status).toBe('failed');
    expect(failed.runView?.error?.message.length).toBeGreaterThan(10);
    expect(failed.runView?.stages.some((s) => s.state === 'failed')).toBe(true);
    const listed = (await call<{ id: string; run: { error: unknown } | null }[]>('project/list', {})).find((p) => p.id === review.id);
    expect(listed?.run?.error).toEqual(failed.runView?.error);
    writeFileSync(file, good);
    await call('run/retry', { projectId: review.id });
    const done = await until(review.id, (v) => v.status === 'ready' || v.status === 'failed');
    expect(done.status).toBe('ready');
  }, 240_000);
});
