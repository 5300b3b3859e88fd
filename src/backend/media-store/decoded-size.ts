/**
 * What a file will cost to decode, read before anything decodes it (issue 14: decoded size, not
 * file size, bounds media work). A PNG, JPEG or WebP states its width and height in its header;
 * a 40 KB PNG can claim 15999×15999 px and decode to a gigabyte. Audio and video state their
 * duration to ffprobe; a long silent FLAC is small on disk and huge as waveform samples.
 * Header sizes come from pipeline/images/header-size.ts.
 */
import { AppError } from '../../shared/errors';
import type { PixelSize } from '../../pipeline/images/header-size';

export { headerSize, readImageHead, IMAGE_HEAD_BYTES, type PixelSize } from '../../pipeline/images/header-size';

/** A picture decodes to width × height × 4 bytes: 120 MP is 480 MB. Bigger ones are refused. */
export const MAX_IMAGE_PIXELS = 120_000_000;
/** Longest audio or video Zapcut imports: its waveform and filmstrip work grows with it. */
export const MAX_MEDIA_DURATION_S = 2 * 3600;

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
