/**
 * The brand font through the real backend (SQLite, media store, Skia): a bundled family chosen,
 * the brand's own .ttf uploaded (stored as media, survives a reopen, drawn on the brand page and
 * in the brief the pipeline gets), a renamed PNG and a font without the name's letters refused
 * with nothing changed, the replaced file removed.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, createServiceContext, type Backend } from '../backend';
import { briefFor } from './projects/brief';
import * as projects from '../storage/repos/projects';
import { makeImage } from '../media-import/fixtures';
import type { AdProjectView } from '../../shared/domain/ads';
import type { Brand, BrandFontSample } from '../../shared/domain';

const MONTSERRAT = join(dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/montserrat/package.json')), '700Bold/Montserrat_700Bold.ttf');
const KOREAN = join(dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-kr/package.json')), '700Bold/NotoSansKR_700Bold.ttf');

let dir: string;
let backend: Backend;
let brand: Brand;
async function ok<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const mediaFile = (sha: string) => join(dir, 'data', 'media', sha.slice(0, 2), sha);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-font-'));
  backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
  brand = await ok<Brand>(backend.dispatch('brand/create', { name: 'Lumen Café' }));
});
afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('brand font', () => {
  it('a new brand has the default; a bundled family is chosen and shown as a picture of the name in each font', async () => {
    expect(brand.font).toBeNull();
    const b = await ok<Brand>(backend.dispatch('brand/setFont', { brandId: brand.id, font: 'oswald' }));
    expect(b.font).toBe('oswald');
    const samples = await ok<BrandFontSample[]>(backend.dispatch('brand/fontSamples', { brandId: brand.id }));
    expect(samples.map((s) => s.name)).toEqual(['Noto Sans', 'Montserrat', 'Oswald', 'Playfair Display', 'Nunito', 'Lora']);
    // Six different pictures; the condensed family is the narrowest.
    expect(new Set(samples.map((s) => s.url)).size).toBe(6);
    expect(Math.min(...samples.map((s) => s.width))).toBe(samples[2]!.width);
    // Choosing the default stores "no font".
    expect((await ok<Brand>(backend.dispatch('brand/setFont', { brandId: brand.id, font: 'noto-sans' }))).font).toBeNull();
    expect((await backend.dispatch('brand/setFont', { brandId: brand.id, font: 'comic-sans' })).ok).toBe(false);
  });

  it("takes the brand's own .ttf (stored as media, drawn on the page), refuses a renamed PNG and a font without the name's letters, keeping the font it had", async () => {
    const ttf = join(dir, 'Lumen Sans.ttf');
    copyFileSync(MONTSERRAT, ttf);
    const b = await ok<Brand>(backend.dispatch('brand/setFont', { brandId: brand.id, file: { path: ttf } }));
    expect(b.font).toMatch(/^file:[0-9a-f]{64}$/);
    const sha = b.font!.slice(5);
    expect(readFileSync(mediaFile(sha))).toEqual(readFileSync(MONTSERRAT));
    const samples = await ok<BrandFontSample[]>(backend.dispatch('brand/fontSamples', { brandId: brand.id }));
    expect(samples).toHaveLength(7);
    expect(samples[6]).toMatchObject({ font: b.font, name: '' });
    // Drawn in the file's font: the same picture size as the bundled Montserrat's.
    expect(samples[6]!.width).toBe(samples[1]!.width);

    const png = join(dir, 'logo.ttf');
    writeFileSync(png, createCanvas(8, 8).toBuffer('image/png'));
    const r1 = await backend.dispatch('brand/setFont', { brandId: brand.id, file: { path: png } });
    expect(r1.ok ? null : r1.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA', message: expect.stringMatching(/"logo\.ttf" is not a font file/) as string, details: { i18n: { key: 'errors.font.notAFont' } } });
    // A real font (sent as the harness sends files: base64) without some letters of the (renamed) brand's Greek name.
    const greek = await ok<Brand>(backend.dispatch('brand/update', { id: brand.id, name: 'Λούμεν' }));
    expect(greek.font).toBe(b.font);
    const r2 = await backend.dispatch('brand/setFont', { brandId: brand.id, file: { name: 'korean.ttf', base64: readFileSync(KOREAN).toString('base64') } });
    expect(r2.ok ? null : r2.error.message).toMatch(/"korean\.ttf" has no letters for "[Λούμεν]+" of the brand name/);
    expect((await ok<Brand>(backend.dispatch('brand/get', { id: brand.id }))).font).toBe(b.font);

    // Back to a bundled family: the uploaded file is no longer named by anything and is removed.
    await ok<Brand>(backend.dispatch('brand/setFont', { brandId: brand.id, font: 'lora' }));
    expect(existsSync(mediaFile(sha))).toBe(false);
  });

  it("an ad's brief carries the brand font: a bundled family by id, the brand's own file as its path in the data folder", async () => {
    const b = await ok<Brand>(backend.dispatch('brand/create', { name: 'Swell' }));
    await ok(backend.dispatch('asset/import', { brandId: b.id, files: [{ path: makeImage(join(dir, 'bottle.png'), 'testsrc2=s=1200x1200') }] }));
    const project = await ok<AdProjectView>(backend.dispatch('project/create', { brandId: b.id }));
    const ctx = createServiceContext({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
    try {
      const p = projects.getProject(ctx.db, project.id)!;
      projects.updateProject(ctx.db, p.id, { doc: { ...p.doc, slots: { ...p.doc.slots, productName: 'Swell Tonic', productDescription: 'Sparkling.', audience: 'surfers', benefit: 'fresh', lengthSeconds: 15, aspect: '9:16' } } }, new Date().toISOString());
      const brief = () => briefFor(ctx, projects.getProject(ctx.db, project.id)!);
      expect((await brief()).brand.font).toBeUndefined();
      await ok(backend.dispatch('brand/setFont', { brandId: b.id, font: 'playfair-display' }));
      expect((await brief()).brand.font).toBe('playfair-display');
      const own = await ok<Brand>(backend.dispatch('brand/setFont', { brandId: b.id, file: { path: MONTSERRAT } }));
      expect((await brief()).brand.font).toBe(mediaFile(own.font!.slice(5)));
    } finally {
      ctx.db.close();
    }
  });
});
