import type { AppInfo, FfmpegInfo } from '../../shared/domain';
import { getCapabilities, resolveBinaries, summarizeCapabilities } from '../../pipeline/ffmpeg';
import type { ServiceContext } from './context';
import { getSettings } from './settings';

/** The FFmpeg in use (user path from Settings, else env, else bundled) and what it can do. */
export async function ffmpegInfo(ffmpegPath: string): Promise<FfmpegInfo> {
  const bin = resolveBinaries({ ffmpegPath });
  const caps = await getCapabilities(bin.ffmpegPath);
  return {
    ffmpegPath: bin.ffmpegPath,
    ffprobePath: bin.ffprobePath,
    version: caps.version,
    bundled: bin.bundled,
    capabilities: summarizeCapabilities(caps),
  };
}

export async function appInfo(ctx: ServiceContext): Promise<AppInfo> {
  return {
    version: ctx.appVersion,
    dataDir: ctx.dataDir,
    platform: `${process.platform}-${process.arch}`,
    ffmpeg: await ffmpegInfo(getSettings(ctx).ffmpegPath),
  };
}
