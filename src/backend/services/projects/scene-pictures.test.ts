/**
 * The picture each storyboard scene will use, as the chat shows it (issue 22), through the real
 * backend (SQLite, media store, FFmpeg thumbnails): the brand's hero shot, the creator's own
 * picture for a scene idea, served on the media protocol.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, createServiceContext, type Backend } from '../../backend';
import type { Asset, Brand } from '../../../shared/domain';
import type { AdProjectView } from '../../../shared/domain/ads';
import { makeImage } from '../../media-import/fixtures';
import * as repo from '../../storage/repos/projects';
import { insertStoryboard } from '../../storage/repos/generation';
import type { StoryScene } from '../../../pipeline/stages/schemas';

let dir: string;
let backend: Backend;
async function ok<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-scene-pictures-'));
  backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
});
afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const scene = (index: number, title: string, idea?: number): StoryScene => ({
  index,
  title,
  description: `${title}, in the morning light.`,
  durationSeconds: 5,
  role: index === 1 ? 'setup' : 'exploration',
  camera: 'slow push-in',
  emotion: 'calm',
  keyEvents: [title],
  voiceover: '',
  ...(idea ? { idea } : {}),
});

describe('scene pictures in the chat', () => {
  it('each scene shows the hero shot, or the creator’s own picture for their scene idea, as a thumbnail on the media protocol', async () => {
    const brand = await ok<Brand>(backend.dispatch('brand/create', { name: 'Swell' }));
    const files = ['bottle.png', 'glass.png', 'harbour.png'].map((name, i) => ({ path: makeImage(join(dir, name), `testsrc2=s=${1200 + i * 8}x${1200 + i * 8}`) }));
    const [bottle, glass, harbour] = await ok<Asset[]>(backend.dispatch('asset/import', { brandId: brand.id, files }));
    await ok(backend.dispatch('asset/setRole', { id: glass!.id, role: 'hero' }));
    const project = await ok<AdProjectView>(backend.dispatch('project/create', { brandId: brand.id }));

    // Two scene ideas, the second with the creator's harbour picture; the storyboard's scene 2 is that idea.
    const ctx = createServiceContext({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
    try {
      const p = repo.getProject(ctx.db, project.id)!;
      repo.updateProject(ctx.db, p.id, { doc: { ...p.doc, slots: { ...p.doc.slots, scenes: [{ idea: 'A runner stops to drink' }, { idea: 'Sunrise over the harbour', images: [harbour!.sha256] }] } } }, new Date().toISOString());
      insertStoryboard(ctx.db, p.id, { scenes: [scene(1, 'The runner', 1), scene(2, 'Harbour sunrise', 2), scene(3, 'Shop now')] }, null);
    } finally {
      ctx.db.close();
    }

    const view = await ok<AdProjectView>(backend.dispatch('project/get', { id: project.id }));
    const pictures = view.storyboard!.scenes.map((s) => s.picture);
    const thumb = (a: Asset) => a.thumbnailUrl!;
    expect(pictures).toEqual([
      { url: thumb(glass!), from: 'product' },
      { url: thumb(harbour!), from: 'idea' },
      { url: thumb(glass!), from: 'product' },
    ]);
    expect(pictures.every((x) => x!.url.startsWith('/media/') && x!.url !== thumb(bottle!))).toBe(true);
    // The media protocol serves them (a picture the renderer can load, not a path).
    for (const x of pictures) expect((await backend.handleMediaRequest(new Request(`http://harness${x!.url}`))).status).toBe(200);
  });
});
