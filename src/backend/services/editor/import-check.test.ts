import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImportFile, MAX_IMAGE_PIXELS } from './media';

/** The first 33 bytes of a PNG (signature + IHDR) claiming `w`×`h`: all the check reads. */
const pngHead = (w: number, h: number) => {
  const b = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
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

  it('refuses a PNG bomb from its header and text posing as media; passes a sane PNG', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-import-'));
    await writeFile(path.join(dir, 'bomb.png'), pngHead(15_999, 15_999));
    await expect(checkImportFile(path.join(dir, 'bomb.png'))).rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE', message: expect.stringContaining('15999×15999 px (256 megapixels)') });
    await writeFile(path.join(dir, 'ok.png'), pngHead(8000, 6000));
    expect(8000 * 6000).toBeLessThan(MAX_IMAGE_PIXELS);
    await expect(checkImportFile(path.join(dir, 'ok.png'))).resolves.toEqual({ name: 'ok.png', bytes: 64 });
    await writeFile(path.join(dir, 'notes.mp4'), 'just text, renamed');
    await expect(checkImportFile(path.join(dir, 'notes.mp4'))).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
    await expect(checkImportFile(path.join(dir, 'gone.mp4'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
