/**
 * Product picture roles (issue 22) through the real backend (SQLite, media store, FFmpeg): the
 * defaults, what the creator sets on the brand page (zod at IPC, the CHECK in SQLite), and the
 * order the ad and the chat use the pictures in (hero first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, createServiceContext, type Backend } from '../backend';
import { productImagePaths } from './projects/brief';
import { chatImageBlocks } from './projects/chat-images';
import type { Asset, Brand } from '../../shared/domain';
import { makeImage } from '../media-import/fixtures';
import type { AssetRecord } from '../storage/repos';
import { inUseOrder, productRoles } from './product-roles';

let dir: string;
let backend: Backend;

async function ok<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const roles = (b: Brand) => b.assets.map((a) => [a.originalName, a.productRole]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-roles-'));
  backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
});
afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('product picture roles', () => {
  it('the first picture is the hero until the creator says otherwise; roles are stored, checked and listed', async () => {
    const brand = await ok<Brand>(backend.dispatch('brand/create', { name: 'Lumen' }));
    const files = ['bottle.png', 'label.png', 'beach.png'].map((name, i) => ({ path: makeImage(join(dir, name), `testsrc2=s=${1200 + i * 8}x${1200 + i * 8}`) }));
    const imported = await ok<Asset[]>(backend.dispatch('asset/import', { brandId: brand.id, files }));
    expect(imported).toHaveLength(3);
    let b = await ok<Brand>(backend.dispatch('brand/get', { id: brand.id }));
    expect(roles(b)).toEqual([['bottle.png', 'hero'], ['label.png', 'detail'], ['beach.png', 'detail']]);

    const [bottle, label, beach] = b.assets;
    await ok<Brand>(backend.dispatch('asset/setRole', { id: beach!.id, role: 'lifestyle' }));
    b = await ok<Brand>(backend.dispatch('asset/setRole', { id: label!.id, role: 'hero' }));
    // A hero was chosen, so the unset first picture is a detail now.
    expect(roles(b)).toEqual([['bottle.png', 'detail'], ['label.png', 'hero'], ['beach.png', 'lifestyle']]);
    // The list shows the same roles after a restart of the backend (stored, not in memory).
    backend.close();
    backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
    const listed = (await ok<Brand[]>(backend.dispatch('brand/list', {}))).find((x) => x.id === brand.id)!;
    expect(roles(listed)).toEqual(roles(b));

    // Used: the run's brief takes the hero first (its first picture is the hook's and the end
    // card's), then lifestyle, then detail; the chat shows the model the same order with the roles.
    const ctx = createServiceContext({ dataDir: join(dir, 'data') });
    try {
      const paths = await productImagePaths(ctx, brand.id);
      expect(paths.map((p) => basename(p))).toEqual([label!.sha256, beach!.sha256, bottle!.sha256]);
      expect((await chatImageBlocks(ctx, brand.id)).map((p) => p.role)).toEqual(['hero', 'lifestyle', 'detail']);
    } finally {
      ctx.db.close();
    }

    // zod at IPC: an unknown role, an extra field; a picture that is not a product picture.
    const bad = await backend.dispatch('asset/setRole', { id: bottle!.id, role: 'banner' });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    const extra = await backend.dispatch('asset/setRole', { id: bottle!.id, role: 'hero', position: 1 });
    expect(extra.ok ? null : extra.error.code).toBe('VALIDATION');
    const gone = await backend.dispatch('asset/setRole', { id: 'no-such-picture', role: 'hero' });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });

  it('the ad and the chat take the pictures hero first, then lifestyle, detail, logo', () => {
    const rec = (id: string, productRole: AssetRecord['productRole']) => ({ id, productRole }) as AssetRecord;
    const order = (rs: AssetRecord[]) => inUseOrder(rs).map((x) => `${x.record.id}:${x.role}`);
    expect(order([rec('a', null), rec('b', null)])).toEqual(['a:hero', 'b:detail']);
    expect(order([rec('a', null), rec('b', 'logo'), rec('c', 'lifestyle'), rec('d', 'hero')])).toEqual(['d:hero', 'c:lifestyle', 'a:detail', 'b:logo']);
    // A detail set on the first picture: no hero was chosen, but only an unset first picture defaults to it.
    expect(order([rec('a', 'detail'), rec('b', null)])).toEqual(['a:detail', 'b:detail']);
    expect([...productRoles([]).values()]).toEqual([]);
  });
});
