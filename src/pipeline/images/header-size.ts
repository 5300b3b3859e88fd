/**
 * A picture's width and height from its header bytes, nothing decoded: PNG, JPEG and WebP state
 * them there (a JPEG's after its EXIF and colour profile, hence the 512 KB head). Header parsing
 * is image-size (MIT, no dependencies). Imports use it to bound decoded size
 * (backend/media-store/decoded-size.ts); the offline renderer to place its close-ups.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { imageSize } from 'image-size';

/** How much of an image is read for its header. */
export const IMAGE_HEAD_BYTES = 512 * 1024;

export interface PixelSize {
  width: number;
  height: number;
}

/** Width and height from an image's header bytes, or null when they do not say (not an image, or cut short). */
export function headerSize(head: Uint8Array): PixelSize | null {
  try {
    const r = imageSize(head);
    return r.width && r.height ? { width: r.width, height: r.height } : null;
  } catch {
    return null;
  }
}

/** The first IMAGE_HEAD_BYTES of an open file (one bounded read). */
export async function readImageHead(fh: FileHandle, size: number): Promise<Uint8Array> {
  const head = new Uint8Array(Math.min(size, IMAGE_HEAD_BYTES));
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  return head.subarray(0, bytesRead);
}

/** A picture file's width and height from its header, or null when it does not say. */
export async function pictureSize(file: string): Promise<PixelSize | null> {
  const fh = await open(file, 'r');
  try {
    return headerSize(await readImageHead(fh, (await fh.stat()).size));
  } finally {
    await fh.close();
  }
}
