import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMediaStore, type MediaStore } from '../media-store';
import { handleMediaRequest, shaFromUrl } from '.';

describe('media protocol', () => {
  let dir: string;
  let store: MediaStore;
  let sha: string;
  // A PNG signature followed by 1000 known bytes: enough to check exact ranges and the type.
  const body = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251))]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-proto-'));
    store = openMediaStore(join(dir, 'data'));
    sha = (await store.putBytes(body)).sha256;
    writeFileSync(join(dir, 'data', 'zapcut.sqlite'), 'database bytes');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    handleMediaRequest(store, new Request(url, { headers, method }));

  it('serves a stored file in full with its sniffed type, on both URL forms', async () => {
    for (const url of [`zapcut-media://media/${sha}`, `http://127.0.0.1:5173/media/${sha}`]) {
      const r = await get(url);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('image/png');
      expect(r.headers.get('accept-ranges')).toBe('bytes');
      expect(r.headers.get('content-length')).toBe(String(body.length));
      expect(Buffer.from(await r.arrayBuffer()).equals(body)).toBe(true);
    }
  });

  it('answers Range requests with 206 and exact bytes', async () => {
    const r = await get(`zapcut-media://media/${sha}`, { Range: 'bytes=100-199' });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes 100-199/${body.length}`);
    expect(r.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await r.arrayBuffer()).equals(body.subarray(100, 200))).toBe(true);

    const tail = await get(`zapcut-media://media/${sha}`, { Range: 'bytes=-8' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(body.subarray(body.length - 8))).toBe(true);

    const open = await get(`zapcut-media://media/${sha}`, { Range: 'bytes=1000-' });
    expect(open.headers.get('content-range')).toBe(`bytes 1000-1007/${body.length}`);
    expect((await open.arrayBuffer()).byteLength).toBe(8);
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const r = await get(`zapcut-media://media/${sha}`, { Range: `bytes=${body.length}-` });
    expect(r.status).toBe(416);
    expect(r.headers.get('content-range')).toBe(`bytes */${body.length}`);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const r = await get(`zapcut-media://media/${sha}`, {}, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe(String(body.length));
    expect(r.body).toBeNull();
    expect((await get(`zapcut-media://media/${sha}`, {}, 'POST')).status).toBe(405);
  });

  it.each([
    'zapcut-media://media/zapcut.sqlite',
    'zapcut-media://media/../zapcut.sqlite',
    'zapcut-media://media/%2e%2e/zapcut.sqlite',
    'zapcut-media://media/..%2fzapcut.sqlite',
    'zapcut-media://media/..%2F..%2Fsecret.txt',
    'http://h/media/../../secret.txt',
    'http://h/media/%2e%2e%2f%2e%2e%2fsecret.txt',
    'http://h/media/.tmp',
    'http://h/media/',
    `http://h/media/${'0'.repeat(64)}`,
    `http://h/media/${'A'.repeat(64)}`,
    `http://h/other/${'a'.repeat(64)}`,
    `file:///etc/passwd`,
  ])('refuses %s with 404', async (url) => {
    const r = await get(url);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('secret');
  });

  it('does not follow a symlink planted in the store', async () => {
    const fake = 'ee'.padEnd(64, 'f');
    mkdirSync(join(dir, 'data', 'media', 'ee'), { recursive: true });
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'data', 'media', 'ee', fake));
    expect((await get(`zapcut-media://media/${fake}`)).status).toBe(404);
  });

  it('extracts ids only from the two URL shapes', () => {
    expect(shaFromUrl(`zapcut-media://media/${sha}`)).toBe(sha);
    expect(shaFromUrl(`/media/${sha}`)).toBe(sha);
    expect(shaFromUrl(`/media/${sha}/x`)).toBeUndefined();
    expect(shaFromUrl(`/media/${sha}?v=1`)).toBe(sha);
  });
});
