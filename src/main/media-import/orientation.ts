/**
 * EXIF orientation. FFmpeg 4.1 (bundled) decodes JPEGs without applying it, and newer builds may
 * apply it themselves; so we read the tag with ffprobe, decode with `-noautorotate`, and apply it
 * with explicit filters — the same result whichever FFmpeg is in use.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const execFileAsync = promisify(execFile);

const FrameTags = z.object({
  frames: z.array(z.object({ tags: z.record(z.string(), z.string()).optional() }).loose()).default([]),
}).loose();

/** 1..8 from the first frame's EXIF `Orientation` tag; 1 (as stored) when absent or unreadable. */
export async function readExifOrientation(ffprobePath: string, file: string): Promise<number> {
  try {
    const { stdout } = await execFileAsync(
      ffprobePath,
      ['-v', 'error', '-select_streams', 'v:0', '-read_intervals', '%+#1', '-show_frames', '-show_entries', 'frame_tags=Orientation', '-of', 'json', file],
      { timeout: 30_000, maxBuffer: 1024 * 1024 },
    );
    const tag = FrameTags.parse(JSON.parse(stdout)).frames[0]?.tags?.Orientation;
    const n = Number.parseInt(tag?.trim() ?? '1', 10);
    return n >= 1 && n <= 8 ? n : 1;
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
