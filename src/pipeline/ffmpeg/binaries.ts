/**
 * Where the FFmpeg and ffprobe executables are. Order of precedence, highest first:
 *  1. an explicit path (the user's "FFmpeg path" setting; empty string means "not set"),
 *  2. the environment (ZAPCUT_FFMPEG_PATH / ZAPCUT_FFPROBE_PATH — CI, power users),
 *  3. the binaries bundled through @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../shared/errors';

// Not named `require`: electron-vite's ESM shim declares its own `require` in the main bundle.
const nodeRequire = createRequire(import.meta.url);

export interface FfmpegBinaries {
  ffmpegPath: string;
  ffprobePath: string;
  /** True when ffmpeg is the bundled 4.1 build (no xfade, see ARCHITECTURE.md "FFmpeg facts"). */
  bundled: boolean;
}

export interface BinaryOverrides {
  ffmpegPath?: string | null;
  ffprobePath?: string | null;
  env?: NodeJS.ProcessEnv;
}

/** In a packaged app the installers' binaries live in app.asar.unpacked, not inside the archive. */
function unpacked(p: string): string {
  return p.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

function bundledPath(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string {
  try {
    const mod = nodeRequire(pkg) as { path: string };
    return unpacked(mod.path);
  } catch (cause) {
    throw new AppError('FFMPEG', `The bundled ${pkg} binary is missing for this platform. Reinstall Zapcut or set an FFmpeg path in Settings.`, { cause });
  }
}

function pick(explicit: string | null | undefined, envValue: string | undefined): string | undefined {
  if (explicit && explicit.trim()) return explicit.trim();
  if (envValue && envValue.trim()) return envValue.trim();
  return undefined;
}

function checkExists(p: string, what: string): string {
  if (!existsSync(p)) {
    throw new AppError('FFMPEG', `${what} not found at "${p}". Fix the path in Settings (or unset it to use the bundled FFmpeg).`);
  }
  return p;
}

/** Resolves both executables; throws AppError('FFMPEG') naming a path that does not exist. */
export function resolveBinaries(overrides: BinaryOverrides = {}): FfmpegBinaries {
  const env = overrides.env ?? process.env;
  const userFfmpeg = pick(overrides.ffmpegPath, env.ZAPCUT_FFMPEG_PATH);
  const userFfprobe = pick(overrides.ffprobePath, env.ZAPCUT_FFPROBE_PATH);
  const ffmpegPath = userFfmpeg ? checkExists(userFfmpeg, 'FFmpeg') : bundledPath('@ffmpeg-installer/ffmpeg');
  const ffprobePath = userFfprobe ? checkExists(userFfprobe, 'ffprobe') : bundledPath('@ffprobe-installer/ffprobe');
  return { ffmpegPath, ffprobePath, bundled: !userFfmpeg };
}
