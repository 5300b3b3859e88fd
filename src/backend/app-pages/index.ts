/**
 * Serves the built renderer (out/renderer) to the app window on its own scheme
 * (`zapcut-app://app/…`, registered in src/main/electron/protocol.ts) instead of file://, so that
 * every page carries the Content-Security-Policy as a real response header (a CSP set through
 * webRequest does not apply to file:// pages), the renderer has a proper origin for 'self', and
 * the page cannot reach arbitrary files on disk. Plain Node: tested without Electron.
 */
import { createReadStream } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';

/**
 * The app's CSP. Scripts, styles and fonts only from the app itself; no inline script, no eval,
 * no remote origins (AI calls go through the main process, never the renderer). Images and media
 * also from the media scheme. The renderer's index.html carries the same policy as a <meta> tag
 * (for the browser harness); `frame-ancestors` only works as a header.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data: blob: zapcut-media:",
  "media-src 'self' blob: zapcut-media:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const notFound = () => new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** A handler for `GET <scheme>://app/<path>` serving files under `rootDir` only. */
export function createAppPageHandler(rootDir: string): (req: Request) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: SECURITY_HEADERS });
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url).pathname);
    } catch {
      return notFound();
    }
    if (pathname.includes('\0')) return notFound();
    const rel = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
    const type = TYPES[extname(rel).toLowerCase()];
    if (!type || rel.startsWith('..')) return notFound();
    try {
      realRoot ??= realpath(rootDir);
      const root = await realRoot;
      const file = join(root, rel);
      const l = await lstat(file);
      if (!l.isFile()) return notFound();
      const real = await realpath(file);
      if (!real.startsWith(root + sep)) return notFound();
      const headers = { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(l.size), 'Cache-Control': 'no-cache' };
      if (req.method === 'HEAD') return new Response(null, { status: 200, headers });
      return new Response(Readable.toWeb(createReadStream(real)) as ReadableStream<Uint8Array>, { status: 200, headers });
    } catch {
      return notFound();
    }
  };
}
