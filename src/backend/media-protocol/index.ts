/**
 * Serves media-store files to the renderer: `<base>/<sha256>` only (Electron:
 * `zapcut-media://media/<sha>`, harness: `/media/<sha>`). Anything else — other paths, traversal,
 * symlinks out of the store, unknown ids, methods other than GET/HEAD — gets an error status and
 * no bytes. Content-Type comes from the file's own magic bytes, not from a name.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { MediaStore } from '../media-store';
import { isSha256 } from '../media-store';
import { sniffMedia } from '../media-store/sniff';
import { readHead } from '../media-store/read-head';
import { parseRange } from './range';

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers } });

/** Extracts the sha from `/<sha>` or `/media/<sha>`; anything else is not a media URL. */
export function shaFromUrl(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://local').pathname;
  } catch {
    return undefined;
  }
  const m = /^\/(?:media\/)?([0-9a-f]{64})$/.exec(pathname);
  return m?.[1] && isSha256(m[1]) ? m[1] : undefined;
}

async function contentType(path: string): Promise<string> {
  return sniffMedia(await readHead(path))?.mime ?? 'application/octet-stream';
}

export async function handleMediaRequest(media: MediaStore, req: Request): Promise<Response> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const sha = shaFromUrl(req.url);
    const file = sha && (await media.resolve(sha));
    if (!file) return text(404, 'Not found');
    const size = file.bytes;
    const base: Record<string, string> = {
      'Content-Type': await contentType(file.path),
      'Accept-Ranges': 'bytes',
      // Content-addressed: the bytes behind a URL never change.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${sha}"`,
      'X-Content-Type-Options': 'nosniff',
    };
    const range = parseRange(req.headers.get('range'), size);
    if (range.kind === 'unsatisfiable') return text(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
    const [start, end, status] = range.kind === 'partial' ? [range.start, range.end, 206] : [0, size - 1, 200];
    const headers = { ...base, 'Content-Length': String(size === 0 ? 0 : end - start + 1) };
    if (range.kind === 'partial') Object.assign(headers, { 'Content-Range': `bytes ${start}-${end}/${size}` });
    if (req.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
    const stream = Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(stream, { status, headers });
  } catch (err) {
    console.error('zapcut: media request failed:', err);
    return text(500, 'Media could not be read');
  }
}
