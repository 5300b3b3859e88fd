import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from './backend';
import type { Brand } from '../shared/domain';
import type { ResolvedBrief } from '../pipeline/brief';
import { resolveBinaries, runFfmpeg } from '../pipeline/ffmpeg';
import { draftCreative } from '../pipeline/generate';

describe('createBackend', () => {
  let dir: string;
  let backend: Backend;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-backend-'));
    backend = createBackend({ dataDir: dir, mediaBaseUrl: '/media/' });
  });
  afterEach(() => {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await backend.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  it('creates, edits, lists and deletes brands, emitting brand/changed', async () => {
    const events: unknown[] = [];
    const off = backend.on((event, payload) => events.push([event, payload]));
    // Decomposed é (e + U+0301), an RLM mark, Arabic and a ZWJ emoji: stored and returned unchanged.
    const name = '🍋 Lime\u0301n \u200fليمون 👩🏽‍🚀';
    const b = await call<Brand>('brand/create', { name, colors: ['#112233'] });
    expect(b).toMatchObject({ name, description: '', colors: ['#112233'], assets: [], adCount: 0, loraStatus: 'none' });
    const edited = await call<Brand>('brand/update', { id: b.id, guidelines: 'Never green.' });
    expect(edited).toMatchObject({ name, guidelines: 'Never green.' });
    expect((await call<Brand[]>('brand/list', {})).map((x) => x.name)).toEqual([name]);
    const stored = (await call<Brand>('brand/get', { id: b.id })).name;
    expect(stored).toBe(name);
    expect(stored).not.toBe(name.normalize('NFC')); // not silently normalised
    expect(await call('brand/delete', { id: b.id })).toEqual({ deleted: true, adsDeleted: 0 });
    expect(await backend.dispatch('brand/get', { id: b.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    off();
    expect(events).toEqual([
      ['brand/changed', { id: b.id }],
      ['brand/changed', { id: b.id }],
      ['brand/changed', { id: b.id }],
    ]);
  });

  it('refuses to delete a brand with ads unless forced, and then leaves nothing behind', async () => {
    const b = await call<Brand>('brand/create', { name: 'Acme' });
    // Ads are created by later features; insert them the way they will be stored.
    const { openDatabase } = await import('./storage/database');
    const db = openDatabase(join(dir, 'zapcut.sqlite'));
    const now = new Date().toISOString();
    for (const id of ['p1', 'p2']) {
      db.prepare("INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES (?, ?, 'Ad', ?, ?)").run(id, b.id, now, now);
    }
    db.prepare("INSERT INTO runs (id, project_id, provider, status, input_json, created_at, updated_at) VALUES ('r1', 'p1', 'offline', 'succeeded', '{}', ?, ?)").run(now, now);
    // A generated clip of this brand's ad, and one its ad shares with another brand's timeline.
    const { openMediaStore } = await import('./media-store');
    const media = openMediaStore(dir);
    const own = await media.putBytes(new TextEncoder().encode('scene clip of Acme'));
    const shared = await media.putBytes(new TextEncoder().encode('clip shared with Other'));
    db.prepare("INSERT INTO run_steps (run_id, step_id, status, output_json) VALUES ('r1', 'scene:1', 'done', ?)").run(JSON.stringify({ media: own.sha256, also: shared.sha256 }));
    const other = await call<Brand>('brand/create', { name: 'Other' });
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES ('p3', ?, 'Ad', ?, ?)").run(other.id, now, now);
    db.prepare("INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES ('t3', 'p3', 1, ?, ?)").run(JSON.stringify({ clips: [shared.sha256] }), now);
    expect((await call<Brand>('brand/get', { id: b.id })).adCount).toBe(2);

    const refused = await backend.dispatch('brand/delete', { id: b.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('2 ads') } });
    expect(await call('brand/delete', { id: b.id, force: true })).toEqual({ deleted: true, adsDeleted: 2 });
    for (const table of ['runs', 'assets']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM ad_projects WHERE brand_id = ?').get(b.id)).toEqual({ n: 0 });
    // The deleted ad's own clip is gone from the store; the one another brand still uses stays.
    expect(await media.resolve(own.sha256)).toBeUndefined();
    expect(await media.resolve(shared.sha256)).toBeDefined();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('deleting an ad removes its generated media and exports, but not the brand\'s product image it used', async () => {
    const b = await call<Brand>('brand/create', { name: 'Kite' });
    const { openDatabase } = await import('./storage/database');
    const { openMediaStore } = await import('./media-store');
    const db = openDatabase(join(dir, 'zapcut.sqlite'));
    const media = openMediaStore(dir);
    const put = (s: string) => media.putBytes(new TextEncoder().encode(s));
    const [product, clip, exported] = [await put('product image'), await put('scene clip'), await put('exported mp4')];
    const now = new Date().toISOString();
    const projectId = '6f1c1d7e-2b1a-4c55-9a3e-0d3f4b5c6d7e';
    db.prepare("INSERT INTO assets (id, brand_id, role, kind, sha256, original_name, mime, bytes, created_at) VALUES ('a1', ?, 'product', 'image', ?, 'p.png', 'image/png', 13, ?)").run(b.id, product.sha256, now);
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES (?, ?, 'Ad', ?, ?)").run(projectId, b.id, now, now);
    db.prepare("INSERT INTO runs (id, project_id, provider, status, input_json, created_at, updated_at) VALUES ('r1', ?, 'offline', 'succeeded', ?, ?, ?)").run(projectId, JSON.stringify({ images: [join(media.root, product.sha256)] }), now, now);
    db.prepare("INSERT INTO run_steps (run_id, step_id, status, output_json) VALUES ('r1', 'scene:1', 'done', ?)").run(JSON.stringify({ media: clip.sha256 }));
    db.prepare("INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES ('t1', ?, 1, ?, ?)").run(projectId, JSON.stringify({ clips: [clip.sha256], overlays: [product.sha256] }), now);
    db.prepare("INSERT INTO exports (id, project_id, preset, sha256, status, created_at) VALUES ('e1', ?, '16:9', ?, 'done', ?)").run(projectId, exported.sha256, now);
    expect(await call('project/delete', { id: projectId })).toEqual({ deleted: true });
    expect(await media.resolve(clip.sha256)).toBeUndefined();
    expect(await media.resolve(exported.sha256)).toBeUndefined();
    expect(await media.resolve(product.sha256)).toBeDefined();
    db.close();
  });

  it('keeps settings, validates them and reports app info with FFmpeg capabilities', async () => {
    expect(await call('settings/get', {})).toEqual({ locale: 'en', proxyUrl: '', ffmpegPath: '', sceneConcurrency: 5 });
    // Scene concurrency (issue 21): the default until chosen — then the runs get it; 1..8, whole numbers only.
    expect(backend.pipeline.sceneConcurrency?.()).toBeUndefined();
    for (const bad of [0, 9, 2.5, '3']) expect(await backend.dispatch('settings/update', { sceneConcurrency: bad })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('settings/update', { sceneConcurrency: 3 })).toMatchObject({ sceneConcurrency: 3 });
    expect(backend.pipeline.sceneConcurrency?.()).toBe(3);
    expect(await call('settings/update', { proxyUrl: 'https://proxy.example.com' })).toMatchObject({ proxyUrl: 'https://proxy.example.com' });
    expect(await backend.dispatch('settings/update', { proxyUrl: 'ftp://x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('settings/update', { ffmpegPath: join(dir, 'no-ffmpeg') })).toMatchObject({ ok: false });
    const info = await call<{ dataDir: string; ffmpeg: { capabilities: { xfade: boolean; encoders: string[] } } }>('app/info', {});
    expect(info.dataDir).toBe(dir);
    expect(typeof info.ffmpeg.capabilities.xfade).toBe('boolean');
    expect(info.ffmpeg.capabilities.encoders).toContain('libx264');

    // Survives a restart.
    backend.close();
    backend = createBackend({ dataDir: dir, mediaBaseUrl: '/media/' });
    expect(await call('settings/get', {})).toMatchObject({ proxyUrl: 'https://proxy.example.com', sceneConcurrency: 3 });
  });

  it('generation uses the FFmpeg set in Settings, like editor exports (the setting takes effect at once)', async () => {
    // A wrapper around the bundled FFmpeg that logs every call: the one the user "installed".
    const log = join(dir, 'calls.log');
    const spy = join(dir, 'my-ffmpeg');
    writeFileSync(spy, `#!/bin/sh\necho "$@" >> '${log}'\nexec '${resolveBinaries().ffmpegPath}' "$@"\n`, { mode: 0o755 });
    const img = join(dir, 'bottle.png');
    await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=64x64', '-frames:v', '1'], output: img });
    const brief: ResolvedBrief = {
      brand: { name: 'Spy', description: 'Checks which FFmpeg runs.' },
      product: { name: 'Bottle', description: 'A bottle.', audience: 'testers', benefit: 'clarity', images: [img] },
      lengthSeconds: 15,
      aspect: '1:1',
      voice: 'none',
    };
    await draftCreative(backend.pipeline, brief, { provider: 'offline', projectId: null });
    expect(existsSync(log)).toBe(false); // bundled FFmpeg so far
    await call('settings/update', { ffmpegPath: spy });
    writeFileSync(log, '');
    expect(backend.pipeline.ffmpegPath).toBe(spy);
    const draft = await draftCreative(backend.pipeline, brief, { provider: 'offline', projectId: null });
    expect(draft.storyboard.storyboard.scenes.length).toBeGreaterThan(0);
    expect(readFileSync(log, 'utf8')).toMatch(/bottle\.png/); // the palette of the product image, read by the user's FFmpeg
  });

  it('answers unknown channels and bad input with VALIDATION, and refuses calls after close', async () => {
    expect(await backend.dispatch('brand/explode', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('brand/create', { name: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('brand/create', { name: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('brand/list', undefined)).toMatchObject({ ok: true });
    backend.close();
    expect(await backend.dispatch('brand/list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
