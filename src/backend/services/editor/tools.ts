import { resolveBinaries } from '../../../pipeline/ffmpeg';
import type { ServiceContext } from '../context';
import { getSettings } from '../settings';

/** FFmpeg/ffprobe as the user configured them (Settings), else bundled. */
export function editorBinaries(ctx: ServiceContext) {
  return resolveBinaries({ ffmpegPath: getSettings(ctx).ffmpegPath || null });
}
