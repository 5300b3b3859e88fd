/**
 * One product image (or a brand's logo) into the media store: staged (size + magic bytes), probed with ffprobe,
 * fully decoded once (a truncated or corrupt file fails here, not later in an export), EXIF
 * orientation applied, images over WORKING_MAX_SIDE downscaled to a working copy (the original
 * is kept too), its content judged (an empty, tiny or flat picture refused, a soft one warned
 * about, a screenshot's empty margins cropped off), and a thumbnail made with FFmpeg. All files are
 * content-addressed.
 */
import { rm } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { ImportSource } from '../../shared/domain';
import { probeMedia, runFfmpeg, type ProbeResult } from '../../pipeline/ffmpeg';
import { analyzeImage, judgeProductImage, problemError, type Box, type ImageContent, type ImageWarning } from '../../pipeline/images/product-image';
import { judgeLogo, logoProblemError } from '../../pipeline/images/logo-image';
import type { MediaStore, StoredFile } from '../media-store';
import { stageSource, type ImageMime } from './stage-source';
import { checkPixels } from '../media-store/decoded-size';
import { orientationFilters, readExifOrientation, swapsAxes } from './orientation';

/** Long side of the working copy the pipeline uses (enough for 4K frames and Ken Burns zooms). */
export const WORKING_MAX_SIDE = 4096;
/** Long side of thumbnails (a 256 px tile on a 2× display). */
export const THUMB_MAX_SIDE = 512;
/** FFmpeg's decoders refuse images much beyond this (av_image_check_size); say so clearly instead. */
export const MAX_DECODE_SIDE = 16_000;

export interface ImageTools {
  ffmpegPath: string;
  ffprobePath: string;
  encoders: ReadonlySet<string>;
}

export interface ImportedImage {
  originalName: string;
  original: StoredFile;
  /** The file the app uses: the original, or a rotated/downscaled copy of it. */
  working: StoredFile & { mime: ImageMime; width: number; height: number };
  thumbnail: StoredFile & { mime: string };
  derived: boolean;
  /** JSON kept in assets.probe_json. */
  probe: {
    original: { mime: ImageMime; codec: string; width: number; height: number; pixFmt: string | null; hasAlpha: boolean; bytes: number };
    orientation: number;
    downscaled: boolean;
    /** What the analysis found: a screenshot, and the margins cropped off it (px of the copy before the crop). */
    content: { screenshot: boolean; crop: Box | null; opaquePercent: number };
    /** Accepted, but the user should know (a low-resolution product). */
    warnings: ImageWarning[];
  };
}

const CODEC: Record<ImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'mjpeg', 'image/webp': 'webp' };

const fit = (w: number, h: number, max: number) => {
  const s = Math.min(1, max / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
};
const scaleFilter = (max: number) => `scale=w='min(${max},iw)':h='min(${max},ih)':force_original_aspect_ratio=decrease:flags=lanczos`;

function workingFormat(mime: ImageMime, tools: ImageTools): { ext: string; mime: ImageMime; args: string[] } {
  if (mime === 'image/jpeg') return { ext: '.jpg', mime, args: ['-c:v', 'mjpeg', '-q:v', '2'] };
  if (mime === 'image/webp' && tools.encoders.has('libwebp')) return { ext: '.webp', mime, args: ['-c:v', 'libwebp', '-quality', '90'] };
  return { ext: '.png', mime: 'image/png', args: ['-c:v', 'png'] };
}

function thumbnailFormat(hasAlpha: boolean, tools: ImageTools): { ext: string; mime: string; args: string[] } {
  if (tools.encoders.has('libwebp')) return { ext: '.webp', mime: 'image/webp', args: ['-c:v', 'libwebp', '-quality', '80'] };
  if (hasAlpha) return { ext: '.png', mime: 'image/png', args: ['-c:v', 'png'] };
  return { ext: '.jpg', mime: 'image/jpeg', args: ['-c:v', 'mjpeg', '-q:v', '4'] };
}

/** Decodes `input` strictly (any decode error fails) and writes one filtered frame to `output`. */
async function transcodeStill(tools: ImageTools, input: string, filters: string[], codecArgs: string[], output: string, name: string): Promise<void> {
  try {
    await runFfmpeg({
      ffmpegPath: tools.ffmpegPath,
      args: ['-v', 'error', '-err_detect', 'explode', '-xerror', '-noautorotate', '-i', input, ...(filters.length ? ['-vf', filters.join(',')] : []), '-frames:v', '1', ...codecArgs],
      output,
    });
  } catch (err) {
    throw decodeError(err, name);
  }
}

/** A non-zero exit while decoding the user's file means the file is bad; a failure to start
 *  FFmpeg at all (no stderr details) stays an FFMPEG error. */
function decodeError(err: unknown, name: string): unknown {
  if (err instanceof AppError && err.code === 'FFMPEG' && err.details !== undefined) {
    return new AppError('UNSUPPORTED_MEDIA', `"${name}" could not be decoded; it may be truncated or corrupt. Export it again from its source and re-import.`, { cause: err });
  }
  return err;
}

async function probeStaged(tools: ImageTools, file: string, name: string): Promise<ProbeResult> {
  try {
    return await probeMedia(tools.ffprobePath, file);
  } catch (err) {
    // ffprobe's message names our temp path; the user knows the file by its name.
    if (err instanceof AppError && err.code === 'UNSUPPORTED_MEDIA') {
      throw new AppError('UNSUPPORTED_MEDIA', `"${name}" could not be read as an image; it may be corrupt. Choose another file.`, { cause: err });
    }
    throw err;
  }
}

/**
 * `as: 'logo'` judges the picture by a logo's rules (images/logo-image.ts: transparency and one
 * colour with a shape are fine; size against the end card's logo slots) and never crops it.
 */
export async function importImage(media: MediaStore, tools: ImageTools, source: ImportSource, opts: { as?: 'product' | 'logo' } = {}): Promise<ImportedImage> {
  const logo = opts.as === 'logo';
  const staged = await stageSource(media, source).catch((err: unknown) => {
    if (logo && err instanceof AppError && err.code === 'UNSUPPORTED_MEDIA' && /\.svgz?$/i.test(sourceName(source))) {
      throw new AppError('UNSUPPORTED_MEDIA', `"${sourceName(source)}" is an SVG; Zapcut takes logos as pictures. Export the logo as a PNG with a transparent background (600 px or more across) and choose that.`, {
        cause: err,
        details: { i18n: { key: 'errors.logo.svg', values: { name: sourceName(source) } } },
      });
    }
    throw err;
  });
  const name = staged.originalName;
  const temps = [staged.tempFile];
  try {
    const probe = await probeStaged(tools, staged.tempFile, name);
    const v = probe.video;
    if (!v || v.codec !== CODEC[staged.mime]) {
      throw new AppError('UNSUPPORTED_MEDIA', `"${name}" looks like ${staged.mime} but does not decode as one. Choose another file.`);
    }
    if (v.width > MAX_DECODE_SIDE || v.height > MAX_DECODE_SIDE) {
      throw new AppError('MEDIA_TOO_LARGE', `"${name}" is ${v.width}×${v.height} px; Zapcut accepts up to ${MAX_DECODE_SIDE} px per side. Resize it and import again.`);
    }
    checkPixels(name, v);
    const orientation = staged.mime === 'image/webp' ? 1 : await readExifOrientation(staged.tempFile);
    const upright = swapsAxes(orientation) ? { width: v.height, height: v.width } : { width: v.width, height: v.height };
    const downscale = Math.max(upright.width, upright.height) > WORKING_MAX_SIDE;
    let derived = downscale || orientation !== 1;

    let workingFile = staged.tempFile;
    let workingMime: ImageMime = staged.mime;
    let size = upright;
    if (derived) {
      const fmt = workingFormat(staged.mime, tools);
      workingFile = await media.tempPath(fmt.ext);
      temps.push(workingFile);
      await transcodeStill(tools, staged.tempFile, [...orientationFilters(orientation), ...(downscale ? [scaleFilter(WORKING_MAX_SIDE)] : [])], fmt.args, workingFile, name);
      workingMime = fmt.mime;
      size = fit(upright.width, upright.height, WORKING_MAX_SIDE);
    }
    // What the picture holds (images/product-image.ts): refuse what would make an empty or blocky
    // ad, warn about a soft one, crop a screenshot's empty margins.
    const content = await analyzeImage(tools.ffmpegPath, workingFile, size, await media.tempPath('.rgba')).catch((err: unknown) => {
      throw decodeError(err, name);
    });
    const warnings = judge(name, content, logo);
    if (content.crop && !logo) {
      // A screenshot's empty margins are cut off the working copy, so the UI fills its card.
      const fmt = workingFormat(workingMime, tools);
      const cropped = await media.tempPath(fmt.ext);
      temps.push(cropped);
      const c = content.crop;
      await transcodeStill(tools, workingFile, [`crop=${c.w}:${c.h}:${c.x}:${c.y}`], fmt.args, cropped, name);
      workingFile = cropped;
      workingMime = fmt.mime;
      size = { width: c.w, height: c.h };
      derived = true;
    }
    const thumbFmt = thumbnailFormat(v.hasAlpha, tools);
    const thumbFile = await media.tempPath(thumbFmt.ext);
    temps.push(thumbFile);
    // When nothing was derived this is the strict full decode of the user's original.
    await transcodeStill(tools, workingFile, [scaleFilter(THUMB_MAX_SIDE)], thumbFmt.args, thumbFile, name);
    if (derived && !(content.crop && !logo)) {
      const p = await probeMedia(tools.ffprobePath, workingFile);
      if (p.video) size = { width: p.video.width, height: p.video.height };
    }

    const working = derived ? await media.adopt(workingFile) : undefined;
    const original = await media.adopt(staged.tempFile);
    const thumbnail = await media.adopt(thumbFile);
    return {
      originalName: name,
      original,
      working: { ...(working ?? original), mime: workingMime, ...size },
      thumbnail: { ...thumbnail, mime: thumbFmt.mime },
      derived,
      probe: {
        original: { mime: staged.mime, codec: v.codec, width: v.width, height: v.height, pixFmt: v.pixFmt, hasAlpha: v.hasAlpha, bytes: staged.bytes },
        orientation,
        downscaled: downscale,
        content: { screenshot: content.screenshot, crop: logo ? null : content.crop, opaquePercent: Math.round(content.opaqueShare * 1000) / 10 },
        warnings,
      },
    };
  } finally {
    // Adopted files were renamed away; anything left is from a failed step.
    await Promise.all(temps.map((t) => rm(t, { force: true })));
  }
}

/** Throws the refusal (product or logo rules); returns the warnings. */
function judge(name: string, content: ImageContent, logo: boolean): ImageWarning[] {
  if (logo) {
    const v = judgeLogo(content);
    if (v.problem) throw logoProblemError(name, v.problem);
    return v.warnings;
  }
  const v = judgeProductImage(content);
  if (v.problem) throw problemError(name, v.problem);
  return v.warnings;
}

const sourceName = (s: ImportSource): string => ('path' in s ? s.path.split(/[\\/]/).pop() ?? s.path : s.name);
