import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImportFile } from './media';
import { MAX_IMAGE_PIXELS, MAX_MEDIA_DURATION_S } from '../../media-store/decoded-size';
import { createBackend, type Backend } from '../../backend';
import { resolveBinaries } from '../../../pipeline/ffmpeg';
import type { EditorProject } from '../../../shared/domain/editor';

/** The first 33 bytes of a PNG (signature + IHDR) claiming `w`×`h`: all the check reads. */
const pngHead = (w: number, h: number) => {
  const b = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return b;
};

/** A JPEG's start: SOI, a 20 KB APP1 (EXIF-sized) segment, then a baseline SOF0 claiming `w`×`h`. */
const jpegHead = (w: number, h: number) => {
  const app1 = Buffer.alloc(4 + 20_000);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(2 + 20_000, 2);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof, Buffer.alloc(64)]);
};

/** A WebP (RIFF + VP8X) whose canvas is `w`×`h` (24-bit fields hold width − 1 and height − 1). */
const webpHead = (w: number, h: number) => {
  const b = Buffer.alloc(30 + 32);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(b.length - 8, 4);
  b.write('WEBPVP8X', 8, 'ascii');
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(w - 1, 24, 3);
  b.writeUIntLE(h - 1, 27, 3);
  return b;
};

describe('editor import checks (before any copy, hash or decode)', () => {
  it('refuses a FIFO without opening it (opening one waits for a writer forever)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-import-'));
    const fifo = path.join(dir, 'clip.mp4');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Four at once used to block every other import (libuv's four file threads).
    const results = await Promise.all([1, 2, 3, 4].map(() => checkImportFile(fifo).catch((e: Error) => e)));
    for (const r of results) expect((r as Error).message).toBe('"clip.mp4" is not a regular file (a folder, pipe or device). Choose a video, image or audio file.');
    await expect(checkImportFile(dir)).rejects.toThrow(/is not a regular file/);
  });

  it('refuses PNG, JPEG and WebP bombs from their headers and text posing as media; passes sane pictures', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-import-'));
    const bombs: [string, Buffer, string][] = [
      ['bomb.png', pngHead(15_999, 15_999), '15999×15999 px (256 megapixels)'],
      // The old check read PNG headers only: these two passed, to be decoded in full.
      ['bomb.jpg', jpegHead(30_000, 20_000), '30000×20000 px (600 megapixels)'],
      ['bomb.webp', webpHead(16_000, 16_000), '16000×16000 px (256 megapixels)'],
    ];
    for (const [name, bytes, says] of bombs) {
      await writeFile(path.join(dir, name), bytes);
      await expect(checkImportFile(path.join(dir, name)), name).rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE', message: expect.stringContaining(says) });
    }
    await writeFile(path.join(dir, 'ok.png'), pngHead(8000, 6000));
    expect(8000 * 6000).toBeLessThan(MAX_IMAGE_PIXELS);
    await expect(checkImportFile(path.join(dir, 'ok.png'))).resolves.toEqual({ name: 'ok.png', bytes: 64, kind: 'image' });
    await writeFile(path.join(dir, 'ok.jpg'), jpegHead(6000, 4000));
    await expect(checkImportFile(path.join(dir, 'ok.jpg'))).resolves.toMatchObject({ kind: 'image' });
    // Real files, as FFmpeg writes them.
    for (const ext of ['jpg', 'webp']) {
      const real = path.join(dir, `real.${ext}`);
      execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240', '-frames:v', '1', real]);
      await expect(checkImportFile(real), ext).resolves.toMatchObject({ kind: 'image' });
    }
    await writeFile(path.join(dir, 'notes.mp4'), 'just text, renamed');
    await expect(checkImportFile(path.join(dir, 'notes.mp4'))).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
    await expect(checkImportFile(path.join(dir, 'gone.mp4'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('editor import: duration and decoded size through the backend', () => {
  let dir: string;
  let backend: Backend;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zapcut-import-'));
    backend = createBackend({ dataDir: path.join(dir, 'data'), mediaBaseUrl: '/media/' });
  });
  afterAll(async () => {
    backend.close();
    await rm(dir, { recursive: true, force: true });
  });
  /** Files (not folders) in the media store, its temp folder included. */
  const storedFiles = async () => (await readdir(path.join(dir, 'data', 'media'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

  it('refuses audio longer than the bound before it is copied or its waveform made (a long silent FLAC: 1.4 MB on disk)', async () => {
    const open = await backend.dispatch('editor/open', { title: 'Long audio' });
    if (!open.ok) throw new Error(open.error.message);
    const projectId = (open.value as EditorProject).projectId;
    const flac = path.join(dir, 'silence.flac');
    execFileSync(resolveBinaries().ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', String(MAX_MEDIA_DURATION_S + 300), '-c:a', 'flac', flac]);
    const before = await storedFiles();
    const r = await backend.dispatch('editor/importMedia', { projectId, files: [{ path: flac }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'MEDIA_TOO_LARGE' } });
    if (!r.ok) expect(r.error.message).toBe('"silence.flac" is 2 h 05 min long; Zapcut imports up to 2 hours. Trim it and import the part you need.');
    expect(await storedFiles()).toEqual(before); // nothing copied into the store
    // The same file as bytes (the browser harness path) is refused after ffprobe, and forgotten.
    const b = await backend.dispatch('editor/importMedia', { projectId, files: [{ name: 'silence.flac', base64: (await import('node:fs')).readFileSync(flac).toString('base64') }] });
    expect(b).toMatchObject({ ok: false, error: { code: 'MEDIA_TOO_LARGE' } });
    expect(await storedFiles()).toEqual(before);
  });
});
