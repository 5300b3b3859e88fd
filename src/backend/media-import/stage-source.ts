/**
 * Brings one import source (a path on disk, or name + base64 bytes from the browser harness) into
 * the media store's temp folder after the cheap checks: it exists, is a regular non-empty file
 * within the size limit, its first bytes say PNG, JPEG or WebP (never trust the extension), and
 * the width × height its header states is within MAX_IMAGE_PIXELS (a PNG bomb is refused before
 * it is copied, let alone decoded).
 */
import { constants } from 'node:fs';
import { copyFile, open, rm, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ImportSource } from '../../shared/domain';
import type { MediaStore } from '../media-store';
import { sniffMedia } from '../media-store/sniff';
import { checkPixels, headerSize, IMAGE_HEAD_BYTES, readImageHead } from '../media-store/decoded-size';

/** Bigger files are refused before any decoding (a phone photo is ~3–15 MB). */
export const MAX_IMAGE_BYTES = 200 * 1024 * 1024;

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

export interface StagedImage {
  /** The copy inside the store's temp folder; caller adopts or removes it. */
  tempFile: string;
  originalName: string;
  mime: ImageMime;
  bytes: number;
}

const EXT: Record<ImageMime, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkImage(head: Uint8Array, name: string): ImageMime {
  const t = sniffMedia(head);
  if (t?.kind !== 'image') {
    throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is not a PNG, JPEG or WebP image${t ? ` (it is ${t.mime})` : ''}. Choose a PNG, JPEG or WebP file.`);
  }
  return t.mime;
}

function checkSize(bytes: number, name: string): void {
  if (bytes === 0) throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is empty (0 bytes). Choose the image again; the file may not have finished downloading.`);
  if (bytes > MAX_IMAGE_BYTES) {
    throw new AppError('MEDIA_TOO_LARGE', `"${name}" is ${(bytes / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Export a smaller version of the image and import that.`);
  }
}

/** The image's head (one bounded read, non-blocking open), its stated size checked; the head for sniffing. */
async function imageHead(path: string, size: number, name: string): Promise<Uint8Array> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const head = await readImageHead(fh, size);
    const dims = headerSize(head);
    if (dims) checkPixels(name, dims); // a header that does not say is checked after ffprobe, before the decode
    return head;
  } finally {
    await fh.close();
  }
}

export async function stageSource(media: MediaStore, source: ImportSource): Promise<StagedImage> {
  if ('path' in source) return stagePath(media, source.path);
  return stageBytes(media, source.name, source.base64);
}

async function stagePath(media: MediaStore, path: string): Promise<StagedImage> {
  const name = basename(path);
  if (!isAbsolute(path)) throw new AppError('VALIDATION', `"${path}" is not an absolute path. Pass the full path to the image.`);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is not a file. Choose an image file, not a folder.`);
    size = s.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('NOT_FOUND', `Cannot open "${path}". Check that the file still exists and that Zapcut may read it.`, { cause: err });
  }
  checkSize(size, name);
  const mime = checkImage(await imageHead(path, size, name), name);
  const tempFile = await media.tempPath(EXT[mime]);
  try {
    await copyFile(path, tempFile);
  } catch (err) {
    await rm(tempFile, { force: true });
    throw new AppError('IO', `Could not copy "${name}" into the Zapcut data folder. Check free disk space.`, { cause: err });
  }
  return { tempFile, originalName: name, mime, bytes: size };
}

async function stageBytes(media: MediaStore, rawName: string, base64: string): Promise<StagedImage> {
  // Only the last path segment of a browser-given name is kept, and only as a label.
  const name = rawName.split(/[\\/]/).pop() || 'image';
  if (!BASE64.test(base64) || base64.length % 4 !== 0) {
    throw new AppError('VALIDATION', `The bytes for "${name}" are not valid base64.`);
  }
  const data = Buffer.from(base64, 'base64');
  checkSize(data.length, name);
  const mime = checkImage(data.subarray(0, 32), name);
  const dims = headerSize(data.subarray(0, IMAGE_HEAD_BYTES));
  if (dims) checkPixels(name, dims);
  const tempFile = await media.tempPath(EXT[mime]);
  await writeFile(tempFile, data, { flag: 'wx' });
  return { tempFile, originalName: name, mime, bytes: data.length };
}
