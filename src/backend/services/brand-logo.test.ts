/**
 * A brand's logo through the real backend (SQLite, media store, FFmpeg): imported with the image
 * checks by a logo's rules, replaced, refused without losing the old one, removed.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend';
import type { Brand } from '../../shared/domain';
import { makeImage, makeWordmarkLogo } from '../media-import/fixtures';

let dir: string;
let backend: Backend;
let brand: Brand;

const storedFiles = () => readdirSync(join(dir, 'data', 'media')).filter((d) => d !== '.tmp').flatMap((d) => readdirSync(join(dir, 'data', 'media', d)));
const setLogo = (path: string) => backend.dispatch('brand/setLogo', { brandId: brand.id, file: { path } });
async function ok<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-logo-'));
  backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
  brand = await ok<Brand>(backend.dispatch('brand/create', { name: 'Lumen' }));
});
afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('brand logo', () => {
  it('takes a one-colour transparent wordmark that a product import refuses, and shows it apart from the product images', async () => {
    const png = makeWordmarkLogo(join(dir, 'lumen logo.png'));
    const product = await backend.dispatch('asset/import', { brandId: brand.id, files: [{ path: png }] });
    expect(product.ok ? null : product.error.message).toMatch(/one flat colour/);

    const b = await ok<Brand>(setLogo(png));
    expect(b.logo).toMatchObject({ originalName: 'lumen logo.png', mime: 'image/png', width: 600, height: 200 });
    // Soft on the end card (the 500×80 bar, measured on a 256-px sample, fills 884×140 at ~1.75×): accepted with a warning.
    expect(b.logo!.warnings).toEqual([{ kind: 'low_resolution', side: expect.closeTo(500, -1.3) as number, recommended: expect.closeTo(870, -1.5) as number }]);
    expect(b.assets).toEqual([]);
    const listed = await ok<Brand[]>(backend.dispatch('brand/list', {}));
    expect(listed[0]!.logo?.id).toBe(b.logo!.id);
    const served = await backend.handleMediaRequest(new Request(`http://harness${b.logo!.url}`));
    expect(served.status).toBe(200);
  });

  it('refuses an SVG, a tiny and a see-through logo with what to do, keeping the logo it had', async () => {
    const before = await ok<Brand>(backend.dispatch('brand/get', { id: brand.id }));
    const files = storedFiles().sort();
    const svg = join(dir, 'logo.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><rect width="600" height="200" fill="navy"/></svg>');
    const tiny = makeImage(join(dir, 'favicon.png'), 'testsrc2=s=100x30');
    const ghost = makeImage(join(dir, 'ghost.png'), 'testsrc2=s=600x200,format=rgba,colorchannelmixer=aa=0.3');
    const refusals = [];
    for (const f of [svg, tiny, ghost]) {
      const r = await setLogo(f);
      refusals.push(r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`);
    }
    expect(refusals[0]).toMatch(/^UNSUPPORTED_MEDIA: "logo.svg" is an SVG.*PNG with a transparent background/);
    expect(refusals[1]).toMatch(/^UNSUPPORTED_MEDIA: The logo "favicon.png" is only 100×30 px.*at least 125 px across/);
    expect(refusals[2]).toMatch(/^UNSUPPORTED_MEDIA: The logo "ghost.png" is almost fully transparent/);
    const after = await ok<Brand>(backend.dispatch('brand/get', { id: brand.id }));
    expect(after.logo).toEqual(before.logo);
    expect(storedFiles().sort()).toEqual(files);
  });

  it('replaces the logo (one per brand; the old files go) and removes it', async () => {
    const old = (await ok<Brand>(backend.dispatch('brand/get', { id: brand.id }))).logo!;
    const sharp = makeImage(join(dir, 'sharp.png'), 'testsrc2=s=1200x300');
    const b = await ok<Brand>(setLogo(sharp));
    expect(b.logo).toMatchObject({ originalName: 'sharp.png', warnings: [] });
    expect(storedFiles()).not.toContain(old.sha256);
    const removed = await ok<Brand>(backend.dispatch('brand/removeLogo', { brandId: brand.id }));
    expect(removed.logo).toBeNull();
    expect(storedFiles()).toEqual([]);
    // Removing again is no error; an unknown brand is.
    expect((await ok<Brand>(backend.dispatch('brand/removeLogo', { brandId: brand.id }))).logo).toBeNull();
    const unknown = await backend.dispatch('brand/setLogo', { brandId: 'nope', file: { path: sharp } });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });
});
