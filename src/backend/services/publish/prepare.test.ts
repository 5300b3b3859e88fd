/**
 * The spec check before uploading, through the backend's channels with real ffprobe: a video the
 * network refuses (too long, too big, too small) is a clear message from `publish/check`, and
 * `publish/start` refuses it before anything is uploaded or recorded — no post row, no network
 * call (nothing is connected here, so reaching the upload would fail differently).
 */
import { mkdir, mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend';
import type { PostCheck, PostView } from '../../../shared/domain/publish';
import { ffmpegPath } from '../../../../test/integration/pipeline-fixtures';
import { makeVideo } from '../../../../test/system/fakes/social/fixture-video';

let dataDir: string;
let backend: Backend;
let projectId = '';
const files: Record<'long' | 'big' | 'small' | 'fine', string> = { long: '', big: '', small: '', fine: '' };

async function call<T>(channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return (await backend.dispatch(channel, input)) as never;
}

beforeAll(async () => {
  process.env.ZAPCUT_KEYCHAIN = 'off';
  dataDir = await mkdtemp(path.join(tmpdir(), 'zapcut-publish-check-'));
  backend = createBackend({ dataDir, mediaBaseUrl: '/media/' });
  const exportsDir = path.join(dataDir, 'exports');
  await mkdir(exportsDir, { recursive: true });
  // Tiny frames keep these quick; only length and size matter to the check.
  files.long = await makeVideo(ffmpegPath, path.join(exportsDir, 'long.mp4'), { seconds: 141, width: 160, height: 90, kbps: 20 });
  files.fine = await makeVideo(ffmpegPath, path.join(exportsDir, 'fine.mp4'), { seconds: 6, width: 320, height: 180, kbps: 300 });
  files.small = await makeVideo(ffmpegPath, path.join(exportsDir, 'small.mp4'), { seconds: 4, width: 160, height: 90, kbps: 20 });
  // A playable MP4 padded (sparse, no disk used) past both networks' size limits: ffprobe still reads it.
  files.big = await makeVideo(ffmpegPath, path.join(exportsDir, 'big.mp4'), { seconds: 6, width: 320, height: 180, kbps: 300 });
  await truncate(files.big, 1100 * 1024 * 1024);
  // An editor project (an ad_projects row) whose exports these files stand for.
  const r = await call<{ projectId: string }>('editor/open', { title: 'Spec check' });
  if (!r.ok) throw new Error(r.error.message);
  projectId = r.value.projectId;
}, 120_000);

afterAll(async () => {
  backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  delete process.env.ZAPCUT_KEYCHAIN;
});

const input = (network: 'x' | 'linkedin', file: string, caption = 'Meet Luna Cold Brew') => ({ projectId: projectId, network, source: { kind: 'file', path: file }, caption });

async function check(network: 'x' | 'linkedin', file: string): Promise<PostCheck> {
  const r = await call<PostCheck>('publish/check', input(network, file));
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('the spec check before uploading', () => {
  it('passes a video that fits both networks', async () => {
    for (const network of ['x', 'linkedin'] as const) {
      const c = await check(network, files.fine);
      expect(c.issues.filter((i) => i.level === 'error')).toEqual([]);
      expect(c.ok).toBe(true);
    }
  });

  it('says a video is too long for X (ads: 140 s) and too big for either network, in words that say what to do', async () => {
    const long = await check('x', files.long);
    expect(long.ok).toBe(false);
    expect(long.issues.find((i) => i.code === 'too_long')?.message).toBe('The video is 141 s; X takes at most 140 s for an ad.');
    // LinkedIn takes up to 30 min: the same file is fine there.
    expect((await check('linkedin', files.long)).issues.map((i) => i.code)).not.toContain('too_long');

    const bigX = await check('x', files.big);
    expect(bigX.issues.find((i) => i.code === 'too_big')?.message).toBe('The video would be 1100 MB; X takes at most 1024 MB.');
    const bigLi = await check('linkedin', files.big);
    expect(bigLi.issues.find((i) => i.code === 'too_big')?.message).toBe('The video would be 1100 MB; LinkedIn takes at most 500 MB.');
  });

  it('says a video is too small for LinkedIn (75 KB)', async () => {
    const c = await check('linkedin', files.small);
    expect(c.issues.find((i) => i.code === 'too_small')?.message).toMatch(/^The video is \d+ KB; LinkedIn needs at least 75 KB\.$/);
  });

  it('refuses to start such a post before uploading or recording anything', async () => {
    for (const [network, file, words] of [['x', files.long, 'at most 140 s'], ['linkedin', files.big, 'at most 500 MB']] as const) {
      const r = await call<PostView>('publish/start', { ...input(network, file), idempotencyKey: `spec-check-${network}` });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain(words);
    }
    const history = await call<PostView[]>('publish/history', { projectId: projectId });
    expect(history).toEqual({ ok: true, value: [] });
  });
});
