/**
 * What a given FFmpeg can do, probed once per executable path (`-version`, `-filters`,
 * `-encoders`). The compiler asks this instead of assuming: the bundled 4.1 build has no
 * `xfade`, a user-set build may lack libass or drawtext.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../../shared/errors';

const execFileAsync = promisify(execFile);

export interface FfmpegCapabilities {
  ffmpegPath: string;
  /** e.g. "N-47683-g0e8eb07980-static" or "5.1.6-0+deb12u1". */
  version: string;
  /** Major.minor when the version string has one (release builds), else null (git snapshots). */
  release: { major: number; minor: number } | null;
  filters: ReadonlySet<string>;
  encoders: ReadonlySet<string>;
  xfade: boolean;
  /** `subtitles`/`ass` filters (libass). */
  libass: boolean;
  drawtext: boolean;
  loudnorm: boolean;
  zoompan: boolean;
  sidechaincompress: boolean;
  libx264: boolean;
  aac: boolean;
}

/** Parses `ffmpeg -version` output. */
export function parseVersion(text: string): { version: string; release: FfmpegCapabilities['release'] } {
  const m = /ffmpeg version (\S+)/.exec(text);
  const version = m?.[1] ?? 'unknown';
  const r = /^n?(\d+)\.(\d+)/.exec(version);
  return { version, release: r ? { major: Number(r[1]), minor: Number(r[2]) } : null };
}

/** Parses `ffmpeg -filters`: rows like ` TSC overlay  VV->V  Overlay a video source…`. */
export function parseFilters(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*[TSC.|]{3}\s+(\w+)\s+\S+->\S+/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

/** Parses `ffmpeg -encoders`: rows like ` V..... libx264  libx264 H.264 …`. */
export function parseEncoders(text: string): Set<string> {
  const out = new Set<string>();
  let body = false;
  for (const line of text.split('\n')) {
    if (/^\s*-{3,}/.test(line)) {
      body = true;
      continue;
    }
    if (!body) continue;
    const m = /^\s*[VASFXBD.]{6}\s+(\S+)/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

export function capabilitiesFrom(ffmpegPath: string, versionText: string, filtersText: string, encodersText: string): FfmpegCapabilities {
  const { version, release } = parseVersion(versionText);
  const filters = parseFilters(filtersText);
  const encoders = parseEncoders(encodersText);
  return {
    ffmpegPath,
    version,
    release,
    filters,
    encoders,
    xfade: filters.has('xfade'),
    libass: filters.has('subtitles') || filters.has('ass'),
    drawtext: filters.has('drawtext'),
    loudnorm: filters.has('loudnorm'),
    zoompan: filters.has('zoompan'),
    sidechaincompress: filters.has('sidechaincompress'),
    libx264: encoders.has('libx264'),
    aac: encoders.has('aac'),
  };
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

async function ask(ffmpegPath: string, flag: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(ffmpegPath, ['-hide_banner', flag], { maxBuffer: 8 * 1024 * 1024, timeout: 20_000 });
    return stdout;
  } catch (cause) {
    throw new AppError('FFMPEG', `Could not run FFmpeg at "${ffmpegPath}" (${flag}). Check the FFmpeg path in Settings.`, { cause });
  }
}

/** Probes (once per path; concurrent callers share the promise; failures are not cached). */
export function getCapabilities(ffmpegPath: string): Promise<FfmpegCapabilities> {
  let p = cache.get(ffmpegPath);
  if (!p) {
    p = (async () => {
      const [v, f, e] = await Promise.all([ask(ffmpegPath, '-version'), ask(ffmpegPath, '-filters'), ask(ffmpegPath, '-encoders')]);
      return capabilitiesFrom(ffmpegPath, v, f, e);
    })();
    p.catch(() => cache.delete(ffmpegPath));
    cache.set(ffmpegPath, p);
  }
  return p;
}

/** The JSON-safe summary the app shows in Settings / `zapcut doctor` (domain FfmpegInfo.capabilities). */
export function summarizeCapabilities(c: FfmpegCapabilities): { xfade: boolean; libass: boolean; drawtext: boolean; loudnorm: boolean; encoders: string[] } {
  const wanted = ['libx264', 'aac', 'libx265', 'libvpx-vp9', 'libopus', 'mjpeg', 'png'];
  return { xfade: c.xfade, libass: c.libass, drawtext: c.drawtext, loudnorm: c.loudnorm, encoders: wanted.filter((e) => c.encoders.has(e)) };
}
