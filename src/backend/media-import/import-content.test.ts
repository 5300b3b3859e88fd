/**
 * Import judges what a product image holds (pipeline/images/product-image.ts) through the real
 * backend: an empty, tiny or one-colour picture is refused with words the app translates
 * (`errors.image.<kind>`) and nothing is stored; a soft one is kept with a warning; a screenshot's
 * empty margins are cropped off its working copy (the original is kept).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../backend';
import type { Asset, Brand } from '../../shared/domain';
import { openDatabase } from '../storage/database';
import { makeImage } from './fixtures';

describe('product image content at import', () => {
  let dir: string;
  let src: string;
  let backend: Backend;
  let brand: Brand;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-import-content-'));
    src = join(dir, 'src');
    mkdirSync(src);
    backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
    const r = await backend.dispatch('brand/create', { name: 'Acme' });
    if (!r.ok) throw new Error(r.error.message);
    brand = r.value as Brand;
  });
  afterAll(() => {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importFiles = (files: unknown[]) => backend.dispatch('asset/import', { brandId: brand.id, files });
  const stored = () => readdirSync(join(dir, 'data', 'media')).filter((d) => d !== '.tmp').flatMap((d) => readdirSync(join(dir, 'data', 'media', d)));
  const probeOf = (id: string) => {
    const db = openDatabase(join(dir, 'data', 'zapcut.sqlite'));
    try {
      return JSON.parse((db.prepare('SELECT probe_json FROM assets WHERE id = ?').get(id) as { probe_json: string }).probe_json) as Record<string, unknown>;
    } finally {
      db.close();
    }
  };

  it.each([
    ['faint.png', 'testsrc2=s=600x400,format=rgba,colorchannelmixer=aa=0.02', 'transparent', /almost fully transparent.*full opacity/],
    ['icon.png', 'testsrc2=s=120x90', 'tiny', /only 120 px across.*at least 200 px/],
    ['blank.jpg', 'color=c=0xF2F2F2:s=1200x900', 'flat', /one flat colour/],
  ])('refuses %s (%s) with the translated reason and stores nothing', async (name, lavfi, kind, words) => {
    const before = stored();
    const r = await importFiles([{ path: makeImage(join(src, name), lavfi) }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA', details: { i18n: { key: `errors.image.${kind}`, values: { name } } } } });
    if (!r.ok) expect(r.error.message).toMatch(words);
    expect(stored().sort()).toEqual(before.sort());
    expect(readdirSync(join(dir, 'data', 'media', '.tmp'))).toEqual([]);
  });

  it('keeps a low-resolution product and says so', async () => {
    const r = await importFiles([{ path: makeImage(join(src, 'soft.png'), 'testsrc2=s=480x360') }]);
    if (!r.ok) throw new Error(r.error.message);
    const [a] = r.value as Asset[];
    expect(a!.warnings).toEqual([{ kind: 'low_resolution', side: 480, recommended: 800 }]);
    expect(probeOf(a!.id)).toMatchObject({ warnings: [{ kind: 'low_resolution' }] });
  });

  it('crops a screenshot to its app window (the original is kept)', async () => {
    // A 1600×1000 page: the app window (1400×860 at 100,70) with a header, a sidebar and rows of "text".
    const shot = [
      'color=c=0xF4F5F7:s=1600x1000',
      'drawbox=x=100:y=70:w=1400:h=860:color=0xFFFFFF:t=fill',
      'drawbox=x=100:y=70:w=1400:h=64:color=0x1E3A8A:t=fill',
      'drawbox=x=100:y=134:w=240:h=796:color=0xE5E7EB:t=fill',
      ...Array.from({ length: 12 }, (_, i) => `drawbox=x=380:y=${180 + i * 55}:w=${1000 - (i % 3) * 150}:h=10:color=0x374151:t=fill`),
    ].join(',');
    const r = await importFiles([{ path: makeImage(join(src, 'dashboard.png'), shot) }]);
    if (!r.ok) throw new Error(r.error.message);
    const [a] = r.value as Asset[];
    expect(a!.width).toBeGreaterThanOrEqual(1400);
    expect(a!.width).toBeLessThan(1460);
    expect(a!.height).toBeGreaterThanOrEqual(860);
    expect(a!.height).toBeLessThan(920);
    expect(probeOf(a!.id)).toMatchObject({ content: { screenshot: true }, original: { width: 1600, height: 1000 } });
  });
});
