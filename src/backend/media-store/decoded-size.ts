/**
 * What a file will cost to decode, read before anything decodes it (issue 14: decoded size, not
 * file size, bounds media work). A PNG, JPEG or WebP states its width and height in its header;
 * a 40 KB PNG can claim 15999×15999 px and decode to a gigabyte. Audio and video state their
 * duration to ffprobe; a long silent FLAC is small on disk and huge as waveform samples.
 * Header parsing is image-size (MIT, no dependencies; it reads the same 512 KB head it is given).
 */
import type { FileHandle } from 'node:fs/promises';
import { imageSize } from 'image-size';
import { AppError } from '../../shared/errors';

/** A picture decodes to width × height × 4 bytes: 120 MP is 480 MB. Bigger ones are refused. */
export const MAX_IMAGE_PIXELS = 120_000_000;
/** Longest audio or video Zapcut imports: its waveform and filmstrip work grows with it. */
export const MAX_MEDIA_DURATION_S = 2 * 3600;
/** How much of an image is read for its header (a JPEG's size follows its EXIF and colour profile). */
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

const mp = (px: number) => Math.round(px / 1e6);

/** Refuses a picture whose decoded size is over the bound, with what to do. */
export function checkPixels(name: string, size: PixelSize): void {
  const px = size.width * size.height;
  if (px > MAX_IMAGE_PIXELS) {
    throw new AppError('MEDIA_TOO_LARGE', `"${name}" is ${size.width}×${size.height} px (${mp(px)} megapixels); Zapcut accepts up to ${mp(MAX_IMAGE_PIXELS)} megapixels. Resize it and import again.`, { details: { width: size.width, height: size.height, maxPixels: MAX_IMAGE_PIXELS } });
  }
}

/** Refuses audio or video longer than the bound (from ffprobe, before any waveform or filmstrip work). */
export function checkDuration(name: string, durationS: number | null | undefined): void {
  if (durationS !== null && durationS !== undefined && durationS > MAX_MEDIA_DURATION_S) {
    const h = (s: number) => `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
    throw new AppError('MEDIA_TOO_LARGE', `"${name}" is ${h(durationS)} long; Zapcut imports up to ${MAX_MEDIA_DURATION_S / 3600} hours. Trim it and import the part you need.`, { details: { durationS, maxDurationS: MAX_MEDIA_DURATION_S } });
  }
}
