/**
 * EXIF orientation. FFmpeg 4.1 (bundled) decodes images without applying it, and newer builds may
 * apply it themselves; so we read the tag from the file's header (exifr: JPEG APP1, PNG eXIf — no
 * decoding), decode with `-noautorotate`, and apply it with explicit filters — the same result
 * whichever FFmpeg is in use. WebP's EXIF chunk is not read (exifr does not parse WebP; cameras
 * and phones write JPEG/HEIC, so a rotated WebP is rare).
 */
import exifr from 'exifr';

/** 1..8 from the image's EXIF `Orientation`; 1 (as stored) when absent or unreadable. */
export async function readExifOrientation(file: string): Promise<number> {
  try {
    const n = await exifr.orientation(file);
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8 ? n : 1;
  } catch {
    return 1;
  }
}

/** FFmpeg filters that turn a stored image into its upright form (EXIF orientation 1..8). */
export function orientationFilters(orientation: number): string[] {
  switch (orientation) {
    case 2: return ['hflip'];
    case 3: return ['hflip', 'vflip'];
    case 4: return ['vflip'];
    case 5: return ['transpose=0']; // transpose (mirror across the top-left diagonal)
    case 6: return ['transpose=1']; // rotate 90° clockwise
    case 7: return ['transpose=3']; // transverse
    case 8: return ['transpose=2']; // rotate 90° counter-clockwise
    default: return [];
  }
}

/** Orientations 5–8 swap width and height. */
export const swapsAxes = (orientation: number): boolean => orientation >= 5 && orientation <= 8;
