/**
 * Media of an editor project: where each entry of the document lives (online or missing),
 * importing video/image/audio into the media store, and relinking a missing file.
 */
import { constants } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ImportSource } from '../../../shared/domain';
import type { EditorMedia } from '../../../shared/domain/editor';
import type { MediaEntry, Timeline } from '../../../shared/timeline';
import { probeMedia, type ProbeResult } from '../../../pipeline/ffmpeg';
import { sniffMedia } from '../../media-store/sniff';
import { readHead } from '../../media-store/read-head';
import { checkDuration, checkPixels, headerSize, readImageHead, IMAGE_HEAD_BYTES } from '../../media-store/decoded-size';
import * as repo from '../../storage/repos';
import type { ServiceContext } from '../context';
import * as timelines from '../../storage/repos/timelines';

/** Bigger files are refused before probing. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * The cheap checks on a file to import, before anything copies, hashes or decodes it: stat first
 * (a FIFO, device or folder is refused without being opened — opening a FIFO waits for a writer
 * forever), then opened non-blocking and checked again (it may have been swapped), its first 32
 * bytes read (one bounded read) and sniffed, and a PNG's, JPEG's or WebP's decoded size read from
 * its header (one bounded read of at most 512 KB; media-store/decoded-size.ts).
 */
export async function checkImportFile(path: string): Promise<{ name: string; bytes: number; kind: 'image' | 'video' | 'audio' }> {
  const name = basename(path);
  const notFound = () => new AppError('NOT_FOUND', `"${path}" cannot be read. Check that the file exists and Zapcut may read it.`);
  const regular = (st: { isFile(): boolean; size: number }) => {
    if (!st.isFile()) throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is not a regular file (a folder, pipe or device). Choose a video, image or audio file.`);
    if (st.size === 0) throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is empty (0 bytes).`);
    if (st.size > MAX_IMPORT_BYTES) throw new AppError('MEDIA_TOO_LARGE', `"${name}" is larger than 4 GB. Export a shorter or smaller version and import that.`);
  };
  const st = await stat(path).catch(() => {
    throw notFound();
  });
  regular(st);
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => {
    throw notFound();
  });
  try {
    const again = await fh.stat();
    regular(again);
    const head = new Uint8Array(32);
    await fh.read(head, 0, head.length, 0);
    const sniffed = sniffMedia(head);
    if (!sniffed) throw new AppError('UNSUPPORTED_MEDIA', `"${name}" is not a video (MP4, MOV, WebM), an image (PNG, JPEG, WebP) or audio (WAV, MP3, M4A, OGG, FLAC).`);
    if (sniffed.kind === 'image') {
      const size = headerSize(await readImageHead(fh, again.size));
      if (size) checkPixels(name, size); // a header that does not say is checked after ffprobe, before any decode
    }
    return { name, bytes: again.size, kind: sniffed.kind };
  } finally {
    await fh.close();
  }
}

/** The stored file behind an entry (by sha256, else by asset id), or null when it is gone. */
export async function resolveEntry(ctx: ServiceContext, entry: MediaEntry): Promise<{ sha256: string; path: string } | null> {
  let sha = entry.sha256 ?? null;
  if (!sha && entry.assetId) sha = repo.getAsset(ctx.db, entry.assetId)?.sha256 ?? null;
  if (!sha) return null;
  const found = await ctx.media.resolve(sha);
  return found ? { sha256: sha, path: found.path } : null;
}

function facts(probe: ProbeResult | null) {
  return {
    durationS: probe?.video?.still ? null : (probe?.video?.durationS ?? probe?.audio?.durationS ?? probe?.durationS ?? null),
    width: probe?.video?.displayWidth ?? null,
    height: probe?.video?.displayHeight ?? null,
    hasAudio: probe?.hasAudio ?? false,
  };
}

/** Probe results are cached per sha in the asset row when there is one; otherwise probed. */
async function probeStored(ctx: ServiceContext, sha256: string, file: string): Promise<ProbeResult | null> {
  const asset = repo.findAssetBySha(ctx.db, sha256);
  const cached = asset?.probe as Partial<ProbeResult> | undefined;
  if (cached && typeof cached === 'object' && 'streamCount' in cached) return cached as ProbeResult;
  try {
    return await probeMedia(ctx.binaries().ffprobePath, file);
  } catch {
    return null;
  }
}

export async function mediaViews(ctx: ServiceContext, _projectId: string, doc: Timeline): Promise<EditorMedia[]> {
  const out: EditorMedia[] = [];
  for (const [mediaId, entry] of Object.entries(doc.media)) {
    const found = await resolveEntry(ctx, entry);
    const probe = found ? await probeStored(ctx, found.sha256, found.path) : null;
    out.push({
      mediaId,
      kind: entry.kind,
      name: entry.name ?? entry.file ?? mediaId,
      sha256: found?.sha256 ?? entry.sha256 ?? null,
      url: found ? `${ctx.mediaBaseUrl}${found.sha256}` : null,
      online: !!found,
      ...facts(probe),
    });
  }
  return out;
}

async function stage(ctx: ServiceContext, source: ImportSource): Promise<{ sha256: string; path: string; name: string; bytes: number }> {
  if ('path' in source) {
    const { name, kind } = await checkImportFile(source.path);
    // Audio and video: the duration (ffprobe reads headers, decodes nothing) before the copy and hash.
    if (kind !== 'image') checkDuration(name, facts(await probeMedia(ctx.binaries().ffprobePath, source.path).catch(() => null)).durationS);
    const stored = await ctx.media.putFile(source.path);
    return { ...stored, name };
  }
  const bytes = Buffer.from(source.base64, 'base64');
  if (bytes.length === 0) throw new AppError('UNSUPPORTED_MEDIA', `"${source.name}" is empty (0 bytes).`);
  const size = headerSize(bytes.subarray(0, IMAGE_HEAD_BYTES));
  if (size) checkPixels(source.name, size);
  const stored = await ctx.media.putBytes(bytes);
  return { ...stored, name: source.name };
}

/** Imports one file: sniffed by its bytes, probed by ffprobe, recorded as a project asset. */
export async function importOne(ctx: ServiceContext, projectId: string, source: ImportSource, mediaId: string): Promise<EditorMedia> {
  const staged = await stage(ctx, source);
  const sniffed = sniffMedia(await readHead(staged.path));
  const forget = async () => {
    if (!repo.isMediaReferenced(ctx.db, staged.sha256)) await ctx.media.remove(staged.sha256);
  };
  if (!sniffed) {
    await forget();
    throw new AppError('UNSUPPORTED_MEDIA', `"${staged.name}" is not a video (MP4, MOV, WebM), an image (PNG, JPEG, WebP) or audio (WAV, MP3, M4A, OGG, FLAC).`);
  }
  let probe: ProbeResult;
  try {
    probe = await probeMedia(ctx.binaries().ffprobePath, staged.path);
  } catch (err) {
    await forget();
    throw new AppError('UNSUPPORTED_MEDIA', `"${staged.name}" cannot be read as ${sniffed.kind}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const kind: EditorMedia['kind'] = probe.hasVideo ? (probe.video?.still ? 'image' : 'video') : probe.hasAudio ? 'audio' : sniffed.kind;
  if (!probe.hasVideo && !probe.hasAudio) {
    await forget();
    throw new AppError('UNSUPPORTED_MEDIA', `"${staged.name}" has neither picture nor sound.`);
  }
  const f = facts(probe);
  try {
    // Whatever the header said (or did not): ffprobe's figures bound the work before anything decodes.
    if (kind === 'image' && f.width && f.height) checkPixels(staged.name, { width: f.width, height: f.height });
    if (kind !== 'image') checkDuration(staged.name, f.durationS);
  } catch (err) {
    await forget();
    throw err;
  }
  if (!repo.findAssetBySha(ctx.db, staged.sha256)) {
    repo.insertAsset(ctx.db, {
      id: ctx.newId(),
      brandId: null,
      projectId,
      role: 'import',
      kind,
      sha256: staged.sha256,
      originalSha256: null,
      thumbnailSha256: null,
      originalName: staged.name,
      mime: sniffed.mime,
      width: f.width,
      height: f.height,
      durationMs: f.durationS === null ? null : Math.round(f.durationS * 1000),
      bytes: staged.bytes,
      probe,
      createdAt: ctx.now(),
    });
  }
  return { mediaId, kind, name: staged.name, sha256: staged.sha256, url: `${ctx.mediaBaseUrl}${staged.sha256}`, online: true, ...f };
}

export async function importMedia(ctx: ServiceContext, input: { projectId: string; files: ImportSource[] }): Promise<EditorMedia[]> {
  if (!timelines.projectTitle(ctx.db, input.projectId)) throw new AppError('NOT_FOUND', 'That project no longer exists.');
  const out: EditorMedia[] = [];
  for (const file of input.files) {
    const id = `m-${ctx.newId().slice(0, 8)}`;
    out.push(await importOne(ctx, input.projectId, file, id));
  }
  return out;
}

export async function relinkMedia(ctx: ServiceContext, input: { projectId: string; mediaId: string; kind: EditorMedia['kind']; file: ImportSource }): Promise<EditorMedia> {
  const view = await importOne(ctx, input.projectId, input.file, input.mediaId);
  if (view.kind !== input.kind) {
    throw new AppError('UNSUPPORTED_MEDIA', `"${view.name}" is ${view.kind === 'audio' ? 'audio' : `a ${view.kind}`}, but the missing media was ${input.kind === 'audio' ? 'audio' : `a ${input.kind}`}. Choose a ${input.kind} file.`);
  }
  return view;
}

/** Removes a temp file quietly (used by media-info). */
export const removeQuietly = (file: string) => rm(file, { force: true });
