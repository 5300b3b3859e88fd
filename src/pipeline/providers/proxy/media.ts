/**
 * Media in and out of the proxy. Images go up as small JPEG data URIs (the proxy never fetches a
 * client-supplied URL and limits data URIs to 384 KB); outputs come down at once, because provider
 * URLs expire within the hour — streamed to a temp file and renamed, so a crash never leaves half
 * a clip where the engine would take it for a whole one.
 */
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { runFfmpeg } from '../../ffmpeg/run';
import { ProviderError } from '../errors';

const DATA_URI_BUDGET = 360 * 1024;

/** A JPEG data URI of `file`, scaled so its long side is at most `maxSide` and it fits the proxy's limit. */
export async function imageDataUri(ffmpegPath: string, file: string, workDir: string, opts: { maxSide?: number; signal?: AbortSignal } = {}): Promise<string> {
  let side = opts.maxSide ?? 1024;
  for (let attempt = 0; attempt < 4; attempt++, side = Math.round(side * 0.6)) {
    const out = path.join(workDir, `upload-${randomBytes(4).toString('hex')}.jpg`);
    await runFfmpeg({ ffmpegPath, args: ['-i', file, '-frames:v', '1', '-vf', `scale='min(${side},iw)':'min(${side},ih)':force_original_aspect_ratio=decrease,scale=trunc(iw/2)*2:trunc(ih/2)*2`, '-q:v', '4'], output: out, signal: opts.signal });
    const bytes = await readFile(out);
    await rm(out, { force: true });
    const uri = `data:image/jpeg;base64,${bytes.toString('base64')}`;
    if (uri.length <= DATA_URI_BUDGET) return uri;
  }
  throw new ProviderError(`${path.basename(file)} is too detailed to send even at a small size; use a simpler product image.`, { retryable: false });
}

/**
 * A video model's start frame as a JPEG data URI: cropped to the aspect the model generates
 * (centre, cover) and, when the model needs an exact size (sora's input_reference must be the
 * video's size), scaled to exactly that; otherwise to at most `maxSide`. Quality drops (never the
 * size) until it fits the proxy's data URI limit.
 */
export async function frameDataUri(ffmpegPath: string, file: string, workDir: string, opts: { aspect: string; frame?: { width: number; height: number }; maxSide?: number; signal?: AbortSignal }): Promise<string> {
  const [aw, ah] = opts.aspect.split(':').map(Number) as [number, number];
  const max = opts.maxSide ?? 1024;
  const size = opts.frame ?? (aw >= ah ? { width: max, height: Math.round((max * ah) / aw / 2) * 2 } : { width: Math.round((max * aw) / ah / 2) * 2, height: max });
  const vf = `scale=${size.width}:${size.height}:force_original_aspect_ratio=increase,crop=${size.width}:${size.height},setsar=1`;
  for (const q of [4, 8, 14, 24]) {
    const out = path.join(workDir, `frame-${randomBytes(4).toString('hex')}.jpg`);
    await runFfmpeg({ ffmpegPath, args: ['-i', file, '-frames:v', '1', '-vf', vf, '-q:v', String(q)], output: out, signal: opts.signal });
    const bytes = await readFile(out);
    await rm(out, { force: true });
    const uri = `data:image/jpeg;base64,${bytes.toString('base64')}`;
    if (uri.length <= DATA_URI_BUDGET) return uri;
  }
  throw new ProviderError(`${path.basename(file)} is too detailed to send as a ${size.width}×${size.height} start frame even at low quality.`, { retryable: false });
}

const EXT_BY_TYPE: Record<string, string> = { 'video/mp4': 'mp4', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Downloads an output URL into `workDir` (atomically); the extension comes from the URL or the content type. */
export async function downloadOutput(url: string, workDir: string, name: string, signal: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new ProviderError(`Could not download the generated file (${(cause as Error).message}); retrying.`, { retryable: true, cause });
  }
  if (!res.ok || !res.body) throw new ProviderError(`Downloading the generated file failed with HTTP ${res.status}.`, { status: res.status, retryable: res.status >= 500 || res.status === 429 });
  const fromUrl = /\.([a-z0-9]{2,4})(?:$|\?)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  const ext = fromUrl ?? EXT_BY_TYPE[(res.headers.get('content-type') ?? '').split(';')[0]!.trim()] ?? 'bin';
  const dest = path.join(workDir, `${name}.${ext}`);
  const temp = `${dest}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await pipeline(Readable.fromWeb(res.body as never), createWriteStream(temp), { signal });
    if ((await stat(temp)).size === 0) throw new ProviderError('The generated file was empty; retrying.', { retryable: true });
    await rename(temp, dest);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return dest;
}
