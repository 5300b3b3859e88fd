/**
 * Content-addressed media: every file lives at `<dataDir>/media/<sha[0:2]>/<sha256>`. Writes go
 * to `<dataDir>/media/.tmp/` (same filesystem), are fsynced, then renamed into place, so a crash
 * never leaves a half-written file under a real name. Names are only ever built from a validated
 * hex sha, and reads resolve real paths, so nothing outside the folder is written or served.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { addFontRoot } from '../../pipeline/text/font-roots';

export const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (s: string): boolean => SHA256.test(s);

export interface StoredFile {
  sha256: string;
  bytes: number;
  path: string;
}

export interface MediaStore {
  /** `<dataDir>/media` */
  readonly root: string;
  /** Stores bytes; returns their sha. Storing the same bytes twice is a no-op. */
  putBytes(data: Uint8Array): Promise<StoredFile>;
  /** Copies a file (streamed, hashed on the way) into the store. */
  putFile(source: string): Promise<StoredFile>;
  /**
   * A fresh path inside the store's temp folder for a tool (FFmpeg) to write to; then `adopt` it.
   * The extension helps FFmpeg pick a muxer.
   */
  tempPath(ext?: string): Promise<string>;
  /** Moves a finished temp file (from `tempPath`) into the store under its sha. */
  adopt(tempFile: string): Promise<StoredFile>;
  /** The path for a sha, or undefined if it is not stored or would resolve outside the store. */
  resolve(sha256: string): Promise<{ path: string; bytes: number } | undefined>;
  remove(sha256: string): Promise<void>;
}

/** Opens (creating) the store. Synchronous so a backend can be constructed in one call. */
export function openMediaStore(dataDir: string): MediaStore {
  const root = join(dataDir, 'media');
  const tmp = join(root, '.tmp');
  mkdirSync(tmp, { recursive: true });
  removeStaleTemps(tmp);
  const realRoot = realpathSync(root);
  // Brand fonts (`file:<sha>`) are media too: the text engine reads them from here.
  addFontRoot(root);

  const pathFor = (sha: string): string => {
    if (!isSha256(sha)) throw new AppError('VALIDATION', `Not a media id: ${JSON.stringify(sha.slice(0, 80))}.`);
    return join(root, sha.slice(0, 2), sha);
  };

  const isTemp = (file: string) => file.startsWith(tmp + sep) && !file.slice(tmp.length + 1).includes(sep);

  async function adopt(tempFile: string): Promise<StoredFile> {
    if (!isTemp(tempFile)) throw new AppError('INTERNAL', 'Only files from the media store temp folder can be adopted.');
    try {
      const hash = createHash('sha256');
      let bytes = 0;
      await pipeline(
        createReadStream(tempFile),
        new Writable({
          write(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done();
          },
        }),
      );
      const sha256 = hash.digest('hex');
      const dest = pathFor(sha256);
      await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
      const fh = await open(tempFile, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      // Same content is already stored: keep the existing file (identical bytes by definition).
      if (await exists(dest)) await rm(tempFile, { force: true });
      else await rename(tempFile, dest);
      return { sha256, bytes, path: dest };
    } catch (err) {
      await rm(tempFile, { force: true });
      throw err;
    }
  }

  async function tempPath(ext = ''): Promise<string> {
    if (ext && !/^\.[a-z0-9]{1,8}$/i.test(ext)) throw new AppError('INTERNAL', `bad temp extension ${ext}`);
    await mkdir(tmp, { recursive: true });
    // The pid names the writer: the start-up sweep removes the temps of a process that is gone.
    return join(tmp, `${process.pid}-${randomUUID()}${ext}`);
  }

  return {
    root,
    tempPath,
    adopt,
    async putBytes(data) {
      const file = await tempPath();
      const fh = await open(file, 'wx');
      try {
        await fh.writeFile(data);
      } finally {
        await fh.close();
      }
      return adopt(file);
    },
    async putFile(source) {
      const file = await tempPath();
      try {
        await pipeline(createReadStream(source), (await open(file, 'wx')).createWriteStream());
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return adopt(file);
    },
    async resolve(sha) {
      if (!isSha256(sha)) return undefined;
      const file = pathFor(sha);
      try {
        // A symlink planted in the store could point anywhere: never follow one.
        const l = await lstat(file);
        if (!l.isFile()) return undefined;
        const real = await realpath(file);
        if (!real.startsWith(realRoot + sep)) return undefined;
        return { path: real, bytes: (await stat(real)).size };
      } catch {
        return undefined;
      }
    },
    async remove(sha) {
      await rm(pathFor(sha), { force: true });
    },
  };
}

/** Temp files older than this are left over from a crash (the CLI and the app may share a store). */
export const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

function removeStaleTemps(tmp: string, now = Date.now()): void {
  for (const name of readdirSync(tmp)) {
    const file = join(tmp, name);
    try {
      if (now - statSync(file).mtimeMs > STALE_TEMP_MS) rmSync(file, { force: true, recursive: true });
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
