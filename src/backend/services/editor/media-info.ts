/**
 * Filmstrips and waveforms for the timeline, computed once per file with FFmpeg and cached:
 * the filmstrip sprite is stored in the media store (served like any media), and a small JSON
 * index per sha (`<data>/editor-cache/<sha>.json`, written atomically) remembers it with the
 * waveform peaks, so reopening a project costs nothing.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { MediaInfo } from '../../../shared/domain/editor';
import { probeMedia, runFfmpeg } from '../../../pipeline/ffmpeg';
import type { ServiceContext } from '../context';
import { MAX_MEDIA_DURATION_S } from '../../media-store/decoded-size';

export const FILMSTRIP_FRAMES = 12;
export const FILMSTRIP_HEIGHT = 54;
export const PEAKS_PER_SECOND = 50;
const PEAK_RATE = 4000;

const Cached = z.object({ v: z.literal(1), filmstripSha: z.string().nullable(), filmstripFrames: z.number(), peaks: z.array(z.number()), durationS: z.number().nullable() });
type Cached = z.infer<typeof Cached>;

export function mediaInfo(ctx: ServiceContext, sha256: string): Promise<MediaInfo> {
  const inflight = ctx.state.mediaInfo;
  let p = inflight.get(sha256);
  if (!p) {
    p = compute(ctx, sha256).finally(() => inflight.delete(sha256));
    inflight.set(sha256, p);
  }
  return p;
}

const view = (ctx: ServiceContext, sha256: string, c: Cached): MediaInfo => ({
  sha256,
  filmstripUrl: c.filmstripSha ? `${ctx.mediaBaseUrl}${c.filmstripSha}` : null,
  filmstripFrames: c.filmstripFrames,
  peaks: c.peaks,
  peaksPerSecond: PEAKS_PER_SECOND,
  durationS: c.durationS,
});

async function compute(ctx: ServiceContext, sha256: string): Promise<MediaInfo> {
  const cacheDir = path.join(ctx.dataDir, 'editor-cache');
  const cacheFile = path.join(cacheDir, `${sha256}.json`);
  try {
    const cached = Cached.parse(JSON.parse(await readFile(cacheFile, 'utf8')));
    if (!cached.filmstripSha || (await ctx.media.resolve(cached.filmstripSha))) return view(ctx, sha256, cached);
  } catch {
    // No cache yet, or unreadable: compute again.
  }
  const src = await ctx.media.resolve(sha256);
  if (!src) throw new AppError('NOT_FOUND', 'This media file is missing from the library. Relink it.', { details: { sha256 } });
  const bins = ctx.binaries();
  const probe = await probeMedia(bins.ffprobePath, src.path);
  const durationS = probe.video?.still ? null : (probe.durationS ?? probe.video?.durationS ?? probe.audio?.durationS ?? null);
  // Imports longer than this are refused; a file whose header under-states its length (or one
  // imported before the bound) still cannot make the decodes below read more than this.
  const bound = ['-t', String(MAX_MEDIA_DURATION_S)];
  const work = await mkdtemp(path.join(tmpdir(), 'zapcut-mediainfo-'));
  try {
    let filmstripSha: string | null = null;
    let filmstripFrames = 0;
    if (probe.hasVideo && probe.video?.still) {
      filmstripSha = sha256; // an image is its own thumbnail
      filmstripFrames = 1;
    } else if (probe.hasVideo && durationS) {
      const out = await ctx.media.tempPath('.jpg');
      await runFfmpeg({
        ffmpegPath: bins.ffmpegPath,
        args: [...bound, '-i', src.path, '-an', '-vf', `fps=${FILMSTRIP_FRAMES}/${Math.min(durationS, MAX_MEDIA_DURATION_S).toFixed(3)},scale=-2:${FILMSTRIP_HEIGHT},tile=${FILMSTRIP_FRAMES}x1`, '-frames:v', '1', '-q:v', '5'],
        output: out,
      });
      filmstripSha = (await ctx.media.adopt(out)).sha256;
      filmstripFrames = FILMSTRIP_FRAMES;
    }
    let peaks: number[] = [];
    if (probe.hasAudio) {
      const raw = path.join(work, 'pcm.raw');
      await runFfmpeg({ ffmpegPath: bins.ffmpegPath, args: [...bound, '-i', src.path, '-vn', '-ac', '1', '-ar', String(PEAK_RATE), '-f', 'f32le'], output: raw });
      const buf = await readFile(raw);
      peaks = peaksOf(new Float32Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 4)), PEAK_RATE / PEAKS_PER_SECOND);
    }
    const entry: Cached = { v: 1, filmstripSha, filmstripFrames, peaks, durationS };
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify(entry));
    await rename(tmp, cacheFile);
    return view(ctx, sha256, entry);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Max |sample| per bucket, rounded to 3 decimals (keeps the JSON small). */
export function peaksOf(samples: Float32Array, bucket: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples.length; i += bucket) {
    let m = 0;
    const end = Math.min(samples.length, i + bucket);
    for (let j = i; j < end; j++) {
      const v = Math.abs(samples[j]!);
      if (v > m) m = v;
    }
    out.push(Math.round(Math.min(1, m) * 1000) / 1000);
  }
  return out;
}
