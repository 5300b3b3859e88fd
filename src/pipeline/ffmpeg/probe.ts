/**
 * ffprobe → a zod-validated, typed description of a media file. ffprobe's JSON is an external
 * boundary (and its shape differs between builds), so every field is parsed defensively.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

const execFileAsync = promisify(execFile);

const numeric = z.union([z.number(), z.string()]).optional();

const RawStream = z.looseObject({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  pix_fmt: z.string().optional(),
  profile: z.string().optional(),
  color_range: z.string().optional(),
  color_space: z.string().optional(),
  color_transfer: z.string().optional(),
  color_primaries: z.string().optional(),
  sample_aspect_ratio: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  duration: numeric,
  nb_frames: numeric,
  sample_rate: numeric,
  channels: z.number().optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
  side_data_list: z.array(z.looseObject({ rotation: numeric })).optional(),
  disposition: z.record(z.string(), z.number()).optional(),
});

const RawProbe = z.looseObject({
  streams: z.array(RawStream).default([]),
  format: z
    .looseObject({
      format_name: z.string().optional(),
      duration: numeric,
      size: numeric,
      bit_rate: numeric,
      tags: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export interface VideoStreamInfo {
  index: number;
  codec: string;
  /** Coded size as stored. */
  width: number;
  height: number;
  /** Size as displayed: rotation applied (90/270 swap) and non-square pixels stretched. */
  displayWidth: number;
  displayHeight: number;
  /** Clockwise degrees FFmpeg's autorotate will apply: 0, 90, 180 or 270. */
  rotation: number;
  /** Sample (pixel) aspect ratio as a number; 1 for square pixels. */
  sar: number;
  pixFmt: string | null;
  /** Frames per second (avg_frame_rate, falling back to r_frame_rate); null if unknown. */
  fps: number | null;
  /** True when r_frame_rate and avg_frame_rate disagree noticeably (variable frame rate). */
  variableFrameRate: boolean;
  hasAlpha: boolean;
  durationS: number | null;
  frames: number | null;
  /** A still picture (PNG/JPEG/WebP…) or cover art rather than moving video. */
  still: boolean;
  /** Codec profile ("High") and the colour description the stream carries (null: not stated). */
  profile: string | null;
  color: { primaries: string | null; transfer: string | null; matrix: string | null; range: string | null };
}

export interface AudioStreamInfo {
  index: number;
  codec: string;
  sampleRate: number | null;
  channels: number | null;
  durationS: number | null;
}

export interface ProbeResult {
  path: string;
  formatName: string;
  /** Container duration in seconds; null for still images. */
  durationS: number | null;
  sizeBytes: number | null;
  video: VideoStreamInfo | null;
  audio: AudioStreamInfo | null;
  hasVideo: boolean;
  hasAudio: boolean;
  streamCount: number;
  /** Container bitrate, bit/s. */
  bitRate: number | null;
  /** Container metadata tags (string values only). */
  tags: Record<string, string>;
}

function toNumber(v: number | string | undefined): number | null {
  if (v === undefined) return null;
  const n = typeof v === 'number' ? v : Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
}

/** "30000/1001" → 29.97; "0/0" → null. */
export function parseRatio(v: string | undefined, sep = '/'): number | null {
  if (!v) return null;
  const [a, b] = v.split(sep).map(Number);
  if (a === undefined || !Number.isFinite(a)) return null;
  if (b === undefined) return a;
  return Number.isFinite(b) && b !== 0 && a !== 0 ? a / b : null;
}

function rotationOf(s: z.infer<typeof RawStream>): number {
  const side = s.side_data_list?.map((d) => toNumber(d.rotation)).find((r) => r !== null);
  const tag = toNumber(typeof s.tags?.rotate === 'string' ? s.tags.rotate : undefined);
  // Display-matrix rotation is counter-clockwise (negative = clockwise); the rotate tag is clockwise.
  const deg = side != null ? -side : (tag ?? 0);
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

const STILL_CODECS = new Set(['png', 'mjpeg', 'webp', 'bmp', 'gif', 'tiff', 'jpegls']);

/** Builds the typed result from ffprobe's parsed JSON (pure; exported for tests). */
export function interpretProbe(path: string, json: unknown): ProbeResult {
  const raw = RawProbe.parse(json);
  const formatName = raw.format?.format_name ?? 'unknown';
  const formatDuration = toNumber(raw.format?.duration);
  const v = raw.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = raw.streams.find((s) => s.codec_type === 'audio');
  let video: VideoStreamInfo | null = null;
  if (v && v.width && v.height) {
    const rotation = rotationOf(v);
    const sar = parseRatio(v.sample_aspect_ratio, ':') ?? 1;
    const w = Math.round(v.width * (sar > 0 ? sar : 1));
    const swap = rotation === 90 || rotation === 270;
    const avg = parseRatio(v.avg_frame_rate);
    const r = parseRatio(v.r_frame_rate);
    const still = /image2|_pipe$/.test(formatName) || (STILL_CODECS.has(v.codec_name ?? '') && !formatDuration);
    video = {
      index: v.index,
      codec: v.codec_name ?? 'unknown',
      width: v.width,
      height: v.height,
      displayWidth: swap ? v.height : w,
      displayHeight: swap ? w : v.height,
      rotation,
      sar: sar > 0 ? sar : 1,
      pixFmt: v.pix_fmt ?? null,
      fps: avg ?? r,
      variableFrameRate: avg !== null && r !== null && Math.abs(avg - r) / r > 0.01,
      hasAlpha: /^(yuva|rgba|bgra|argb|abgr|ya|gbrap|pal8)/.test(v.pix_fmt ?? ''),
      durationS: toNumber(v.duration) ?? (still ? null : formatDuration),
      frames: toNumber(v.nb_frames),
      still,
      profile: v.profile ?? null,
      color: { primaries: stated(v.color_primaries), transfer: stated(v.color_transfer), matrix: stated(v.color_space), range: stated(v.color_range) },
    };
  }
  const audio: AudioStreamInfo | null = a
    ? { index: a.index, codec: a.codec_name ?? 'unknown', sampleRate: toNumber(a.sample_rate), channels: a.channels ?? null, durationS: toNumber(a.duration) ?? formatDuration }
    : null;
  return {
    path,
    formatName,
    durationS: video?.still ? null : formatDuration,
    sizeBytes: toNumber(raw.format?.size),
    video,
    audio,
    hasVideo: video !== null,
    hasAudio: audio !== null,
    streamCount: raw.streams.length,
    bitRate: toNumber(raw.format?.bit_rate),
    tags: Object.fromEntries(Object.entries(raw.format?.tags ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

/** ffprobe says "unknown" (or nothing) when a stream does not state a colour property. */
const stated = (v: string | undefined) => (v && v !== 'unknown' ? v : null);

/**
 * Probes a file. Missing file → AppError NOT_FOUND; unreadable/corrupt → UNSUPPORTED_MEDIA with
 * ffprobe's own message.
 */
export async function probeMedia(ffprobePath: string, file: string, opts: { signal?: AbortSignal } = {}): Promise<ProbeResult> {
  try {
    await access(file);
  } catch {
    throw new AppError('NOT_FOUND', `Media file not found: ${file}. Re-import it or remove the item that uses it.`);
  }
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { maxBuffer: 16 * 1024 * 1024, timeout: 30_000, signal: opts.signal }));
  } catch (err) {
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled while reading the media.', { cause: err });
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim().split('\n').slice(-3).join(' ');
    throw new AppError('UNSUPPORTED_MEDIA', `Cannot read media ${file}: ${stderr || (err as Error).message}. The file may be corrupt or in a format FFmpeg does not support.`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (cause) {
    throw new AppError('UNSUPPORTED_MEDIA', `ffprobe returned unreadable output for ${file}.`, { cause });
  }
  const result = interpretProbe(file, json);
  if (!result.hasVideo && !result.hasAudio) {
    throw new AppError('UNSUPPORTED_MEDIA', `${file} has no video or audio stream FFmpeg can read. The file may be corrupt.`);
  }
  return result;
}
