import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../backend';
import type { Asset, Brand } from '../../shared/domain';
import { openDatabase } from '../storage/database';
import { probeMedia, resolveBinaries } from '../../pipeline/ffmpeg';
import { addExifOrientation, addPngExifOrientation, isBluish, isReddish, makeImage, makeSplitImage, pixelAt } from './fixtures';

/** Files in the media store (excluding the temp folder), so tests can see nothing was left behind. */
function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'media');
  return readdirSync(root).filter((d) => d !== '.tmp').flatMap((d) => readdirSync(join(root, d)));
}

describe('product image import', () => {
  let dir: string;
  let src: string;
  let backend: Backend;
  let brand: Brand;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-import-'));
    src = join(dir, 'Фото товара 商品 images');
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
  const importOk = async (files: unknown[]) => {
    const r = await importFiles(files);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as Asset[];
  };
  const fetchMedia = (url: string, init?: RequestInit) => backend.handleMediaRequest(new Request(`http://harness${url}`, init));
  const assetRow = (id: string) =>
    openDatabaseRow(join(dir, 'data', 'zapcut.sqlite'), id) as { original_sha256: string | null; probe_json: string; thumbnail_sha256: string };

  it('imports PNG, JPEG and WebP from a path with spaces and non-Latin characters, with thumbnails', async () => {
    const png = makeImage(join(src, 'bottle shot ✨.png'), 'testsrc2=s=320x240');
    const jpg = makeImage(join(src, 'продукт.jpg'), 'testsrc2=s=300x200', ['-q:v', '3']);
    const webp = makeImage(join(src, 'מוצר.webp'), 'testsrc2=s=200x300', ['-c:v', 'libwebp']);
    const assets = await importOk([{ path: png }, { path: jpg }, { path: webp }]);
    expect(assets.map((a) => [a.originalName, a.mime, a.width, a.height])).toEqual([
      ['bottle shot ✨.png', 'image/png', 320, 240],
      ['продукт.jpg', 'image/jpeg', 300, 200],
      ['מוצר.webp', 'image/webp', 200, 300],
    ]);
    for (const a of assets) {
      expect(a.url).toBe(`/media/${a.sha256}`);
      const thumb = await fetchMedia(a.thumbnailUrl!);
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toMatch(/^image\//);
      const full = await fetchMedia(a.url);
      expect(Number(full.headers.get('content-length'))).toBe(a.bytes);
    }
    // Not derived: the working file is the original byte for byte.
    expect(assetRow(assets[0]!.id).original_sha256).toBeNull();
    expect(JSON.parse(assetRow(assets[1]!.id).probe_json)).toMatchObject({ original: { codec: 'mjpeg', width: 300, height: 200 }, orientation: 1 });
  });

  it('keeps transparency: a PNG with alpha gets a thumbnail with alpha', async () => {
    const png = makeImage(join(src, 'cutout.png'), 'testsrc2=s=320x240,format=rgba,colorchannelmixer=aa=0.8');
    const [a] = await importOk([{ path: png }]);
    const row = assetRow(a!.id);
    expect(JSON.parse(row.probe_json)).toMatchObject({ original: { hasAlpha: true } });
    const thumb = join(dir, 'data', 'media', row.thumbnail_sha256.slice(0, 2), row.thumbnail_sha256);
    const probe = await probeMedia(resolveBinaries().ffprobePath, thumb);
    expect(probe.video?.hasAlpha).toBe(true);
  });

  it('imports bytes (the browser harness path) and returns the existing asset for a re-import', async () => {
    const file = makeImage(join(src, 'b64.png'), 'testsrc2=s=330x250');
    const base64 = readFileSync(file).toString('base64');
    const [a] = await importOk([{ name: 'C:\\fake\\dir\\green.png', base64 }]);
    expect(a).toMatchObject({ originalName: 'green.png', width: 330, height: 250 });
    const [again] = await importOk([{ path: file }]);
    expect(again!.id).toBe(a!.id);
  });

  it('applies EXIF orientation (rotate 90° clockwise) and keeps the original', async () => {
    const jpg = addExifOrientation(makeSplitImage(join(src, 'rotated.jpg')), 6);
    const [a] = await importOk([{ path: jpg }]);
    expect([a!.width, a!.height]).toEqual([128, 256]);
    const working = join(dir, 'data', 'media', a!.sha256.slice(0, 2), a!.sha256);
    // Left (red) half of the stored image is the top after a clockwise turn.
    expect(isReddish(pixelAt(working, 64, 32))).toBe(true);
    expect(isBluish(pixelAt(working, 64, 224))).toBe(true);
    const row = assetRow(a!.id);
    expect(row.original_sha256).not.toBeNull();
    expect((await fetchMedia(`/media/${row.original_sha256}`)).status).toBe(200);
    expect(JSON.parse(row.probe_json)).toMatchObject({ orientation: 6 });
  });

  it('applies a PNG eXIf orientation too (rotate 90° counter-clockwise)', async () => {
    const png = addPngExifOrientation(makeSplitImage(join(src, 'rotated.png')), 8);
    const [a] = await importOk([{ path: png }]);
    expect([a!.width, a!.height, a!.mime]).toEqual([128, 256, 'image/png']);
    const working = join(dir, 'data', 'media', a!.sha256.slice(0, 2), a!.sha256);
    // Counter-clockwise: the left (red) half ends up at the bottom.
    expect(isBluish(pixelAt(working, 64, 32))).toBe(true);
    expect(isReddish(pixelAt(working, 64, 224))).toBe(true);
  });

  it('downscales a 10000×10000 PNG to a 4096 px working copy and keeps the original', async () => {
    const big = makeImage(join(src, 'huge poster.png'), 'color=c=0x3366cc:s=10000x10000,drawbox=x=2500:y=2500:w=5000:h=5000:color=white:t=fill', ['-pix_fmt', 'gray', '-compression_level', '1']);
    const [a] = await importOk([{ path: big }]);
    expect([a!.width, a!.height]).toEqual([4096, 4096]);
    const row = assetRow(a!.id);
    const original = join(dir, 'data', 'media', row.original_sha256!.slice(0, 2), row.original_sha256!);
    expect(statSync(original).size).toBe(statSync(big).size);
    expect(JSON.parse(row.probe_json)).toMatchObject({ downscaled: true, original: { width: 10000, height: 10000 } });
    const thumb = await fetchMedia(a!.thumbnailUrl!);
    expect(thumb.status).toBe(200);
  });

  describe('bad input', () => {
    const expectRefused = async (files: unknown[], code: string, mentions: RegExp) => {
      const before = storedFiles(join(dir, 'data'));
      const assetsBefore = ((await backend.dispatch('brand/get', { id: brand.id })) as { value: Brand }).value.assets.length;
      const r = await importFiles(files);
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toMatch(mentions);
      // Nothing half-imported: same files, same assets, empty temp folder.
      expect(storedFiles(join(dir, 'data')).sort()).toEqual(before.sort());
      expect(readdirSync(join(dir, 'data', 'media', '.tmp'))).toEqual([]);
      expect(((await backend.dispatch('brand/get', { id: brand.id })) as { value: Brand }).value.assets.length).toBe(assetsBefore);
    };

    it('a text file renamed .png', async () => {
      const f = join(src, 'notes.png');
      writeFileSync(f, 'this is plain text, not an image\n');
      await expectRefused([{ path: f }], 'UNSUPPORTED_MEDIA', /notes\.png.*not a PNG, JPEG or WebP/);
    });

    it('a 0-byte file', async () => {
      const f = join(src, 'empty.jpg');
      writeFileSync(f, '');
      await expectRefused([{ path: f }], 'UNSUPPORTED_MEDIA', /empty\.jpg.*empty/);
      await expectRefused([{ name: 'empty.png', base64: '' }], 'UNSUPPORTED_MEDIA', /empty/);
    });

    it('a truncated JPEG (header intact, image data cut off)', async () => {
      const full = readFileSync(makeImage(join(src, 'full.jpg'), 'testsrc2=s=640x480', ['-q:v', '3']));
      const f = join(src, 'truncated.jpg');
      writeFileSync(f, full.subarray(0, Math.floor(full.length * 0.6)));
      await expectRefused([{ path: f }], 'UNSUPPORTED_MEDIA', /truncated\.jpg.*truncated or corrupt/);
    });

    it('a good file and a bad one together: nothing is imported and the error names the bad one', async () => {
      const good = makeImage(join(src, 'good-new.png'), 'testsrc2=s=256x256');
      const bad = join(src, 'bad one.webp');
      writeFileSync(bad, 'RIFF\0\0\0\0WEBPgarbage');
      await expectRefused([{ path: good }, { path: bad }], 'UNSUPPORTED_MEDIA', /bad one\.webp/);
    });

    it('missing files, relative paths, folders and invalid base64', async () => {
      await expectRefused([{ path: join(src, 'nope.png') }], 'NOT_FOUND', /nope\.png/);
      await expectRefused([{ path: 'relative/x.png' }], 'VALIDATION', /absolute/);
      await expectRefused([{ path: src }], 'UNSUPPORTED_MEDIA', /not a file/);
      await expectRefused([{ name: 'x.png', base64: '***not base64***' }], 'VALIDATION', /base64/);
    });

    it('an image wider than FFmpeg can decode safely (17000 px)', async () => {
      const wide = makeImage(join(src, 'banner.png'), 'color=c=white:s=17000x16', ['-pix_fmt', 'gray']);
      await expectRefused([{ path: wide }], 'MEDIA_TOO_LARGE', /banner\.png.*17000×16.*16000/);
    });

    it('a PNG or JPEG bomb: refused from its header before it is copied or decoded (over 120 megapixels)', async () => {
      // 15999² passed the old 16000 px-a-side check and was decoded in full (1 GB of pixels).
      const png = Buffer.alloc(64);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(png);
      png.write('IHDR', 12, 'ascii');
      png.writeUInt32BE(15_999, 16);
      png.writeUInt32BE(15_999, 20);
      const f = join(src, 'bomb.png');
      writeFileSync(f, png);
      await expectRefused([{ path: f }], 'MEDIA_TOO_LARGE', /bomb\.png.*15999×15999 px \(256 megapixels\); Zapcut accepts up to 120 megapixels/);
      // SOI, a JFIF APP0 segment, then SOF0 claiming 15000×15000.
      const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x3a, 0x98, 0x3a, 0x98, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]), Buffer.alloc(64)]);
      await expectRefused([{ name: 'bomb.jpg', base64: jpeg.toString('base64') }], 'MEDIA_TOO_LARGE', /bomb\.jpg.*15000×15000 px \(225 megapixels\)/);
    });

    it('an unknown brand', async () => {
      const r = await backend.dispatch('asset/import', { brandId: 'missing', files: [{ path: join(src, 'b64.png') }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });
  });

  it('deleting an asset, then its brand, removes their files from the store', async () => {
    const f = makeImage(join(src, 'to-delete.png'), 'testsrc2=s=240x240');
    const [a] = await importOk([{ path: f }]);
    expect((await fetchMedia(a!.url)).status).toBe(200);
    expect(await backend.dispatch('asset/delete', { id: a!.id })).toEqual({ ok: true, value: { deleted: true } });
    expect((await fetchMedia(a!.url)).status).toBe(404);
    expect((await fetchMedia(a!.thumbnailUrl!)).status).toBe(404);
    expect(await backend.dispatch('brand/delete', { id: brand.id })).toMatchObject({ ok: true });
    expect(storedFiles(join(dir, 'data'))).toEqual([]);
  });
});

function openDatabaseRow(file: string, id: string): unknown {
  const db = openDatabase(file);
  try {
    return db.prepare('SELECT * FROM assets WHERE id = ?').get(id);
  } finally {
    db.close();
  }
}
