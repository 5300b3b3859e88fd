import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMediaStore, type MediaStore } from './media-store';
import { defaultUserDataDir, resolveDataDir } from './data-dir';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('media store', () => {
  let dir: string;
  let store: MediaStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-media-'));
    store = openMediaStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under media/ab/<sha256> and dedupes identical content', async () => {
    const data = new TextEncoder().encode('hello media');
    const a = await store.putBytes(data);
    const b = await store.putBytes(data);
    expect(a.sha256).toBe(sha(data));
    expect(a.path).toBe(join(dir, 'media', a.sha256.slice(0, 2), a.sha256));
    expect(b).toEqual(a);
    expect(readFileSync(a.path, 'utf8')).toBe('hello media');
    expect(readdirSync(join(dir, 'media', '.tmp'))).toEqual([]);
  });

  it('copies a file from a path with spaces and non-Latin characters', async () => {
    const src = join(dir, 'Produkt Фото 商品 ✨.png');
    writeFileSync(src, 'not really a png');
    const stored = await store.putFile(src);
    expect(stored.sha256).toBe(sha('not really a png'));
    expect(stored.bytes).toBe(16);
    expect(await store.resolve(stored.sha256)).toEqual({ path: stored.path, bytes: 16 });
  });

  it('adopts a temp file written by a tool, and refuses files outside the temp folder', async () => {
    const t = await store.tempPath('.jpg');
    writeFileSync(t, 'frame');
    const stored = await store.adopt(t);
    expect(stored.sha256).toBe(sha('frame'));
    const outside = join(dir, 'elsewhere.jpg');
    writeFileSync(outside, 'x');
    await expect(store.adopt(outside)).rejects.toThrow(/temp folder/);
    await expect(store.adopt(join(dir, 'media', '.tmp', '..', '..', 'elsewhere.jpg'))).rejects.toThrow(/temp folder/);
    await expect(store.tempPath('/../../x')).rejects.toThrow();
  });

  it('resolves nothing for unknown, malformed or traversing ids', async () => {
    expect(await store.resolve('0'.repeat(64))).toBeUndefined();
    expect(await store.resolve('../../etc/passwd')).toBeUndefined();
    expect(await store.resolve('A'.repeat(64))).toBeUndefined();
    await expect(store.remove('../x')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses a symlink planted in the store that points outside it', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'secret');
    const fake = 'ab'.padEnd(64, 'c');
    mkdirSync(join(dir, 'media', 'ab'), { recursive: true });
    symlinkSync(secret, join(dir, 'media', 'ab', fake));
    expect(await store.resolve(fake)).toBeUndefined();
  });

  it('clears temp files left by a crash more than a day ago, keeps recent ones', () => {
    const tmp = join(dir, 'media', '.tmp');
    writeFileSync(join(tmp, 'old.partial'), 'x');
    writeFileSync(join(tmp, 'fresh.partial'), 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(join(tmp, 'old.partial'), twoDaysAgo, twoDaysAgo);
    openMediaStore(dir);
    expect(readdirSync(tmp)).toEqual(['fresh.partial']);
  });

  it('removes a stored file', async () => {
    const s = await store.putBytes(new Uint8Array([1, 2, 3]));
    await store.remove(s.sha256);
    expect(await store.resolve(s.sha256)).toBeUndefined();
  });
});

describe('data folder', () => {
  it('prefers ZAPCUT_DATA_DIR, then the shell folder, then the platform default', () => {
    expect(resolveDataDir('/shell', { ZAPCUT_DATA_DIR: '/from/env' })).toBe('/from/env');
    expect(resolveDataDir('/shell', { ZAPCUT_DATA_DIR: '  ' })).toBe('/shell');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(
      process.platform === 'linux' ? '/xdg/zapcut' : defaultUserDataDir({ XDG_CONFIG_HOME: '/xdg' }),
    );
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/zapcut$/);
  });
});
