/**
 * The contract harness: the real renderer and the real backend, joined by a WebSocket instead of
 * Electron IPC, so Playwright can drive the UI in Debian Chromium (Electron's binary cannot be
 * downloaded on our build machines; see ARCHITECTURE.md idea 4).
 *
 *   GET  /                  out/renderer/index.html with the bridge shim injected before the bundle
 *   GET  /assets/…          the built renderer's files
 *   GET  /media/<sha256>    backend.handleMediaRequest (the same code as Electron's zapcut-media:)
 *   WS   /__zapcut/ws       {id, channel, input} → {id, result}; backend events → {event, payload}
 *
 * `npm run harness` serves it on ZAPCUT_HARNESS_PORT (default 5199) over ZAPCUT_DATA_DIR (default:
 * a new temp folder). Tests call startHarness().
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { SECURITY_HEADERS } from '../../src/backend/app-pages';
import { createBackend } from '../../src/backend/backend';
import { readyMarker } from './process';
import { defaultRendererDir, ensureRendererBuilt } from './renderer-build';

export interface HarnessOptions {
  /** Data folder; default: a new temp folder, removed again by close(). */
  dataDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  rendererDir?: string;
}

export interface Harness {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

const shimPath = '/__zapcut/shim.js';
const socketPath = '/__zapcut/ws';
const shimSource = readFileSync(join(import.meta.dirname, 'shim.js'), 'utf8');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** One request over the socket. The id is echoed back; anything else is the backend's to judge. */
const RequestMessage = z.object({ id: z.number().int().nonnegative(), channel: z.string().max(200), input: z.unknown() });

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = resolve(opts.rendererDir ?? defaultRendererDir);
  const ownsDataDir = !opts.dataDir;
  const dataDir = resolve(opts.dataDir ?? mkdtempSync(join(tmpdir(), 'zapcut-harness-')));
  // Fail fast if there is no build; afterwards index.html is read per request, so a rebuild while
  // the harness runs (new hashed asset names) is served consistently instead of a blank page.
  injectShim(await readFile(join(rendererDir, 'index.html'), 'utf8'));
  const backend = createBackend({ dataDir, mediaBaseUrl: '/media/' });

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      console.error('harness: request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal error');
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://harness');
    if (url.pathname.startsWith('/media/')) return sendResponse(res, await backend.handleMediaRequest(toRequest(req)));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (url.pathname === shimPath) return sendBody(res, 200, contentTypes['.js']!, shimSource);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // The same headers Electron's zapcut-app: scheme sends, so the page runs under the same CSP.
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      return sendBody(res, 200, contentTypes['.html']!, injectShim(await readFile(join(rendererDir, 'index.html'), 'utf8')));
    }
    const file = staticPath(rendererDir, url.pathname);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    res.end(await readFile(file));
  }

  // The base64 import path carries up to 64 MiB of text per message (AssetImportInput).
  const sockets = new WebSocketServer({ server, path: socketPath, maxPayload: 80 * 1024 * 1024 });
  const clients = new Set<WebSocket>();
  sockets.on('connection', (socket, req) => {
    // Only our own page may drive the backend: a web page elsewhere could otherwise reach
    // ws://127.0.0.1 from the user's browser.
    if (req.headers.origin !== origin) return socket.close(1008, 'Origin not allowed');
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', (data) => {
      let parsed: z.infer<typeof RequestMessage>;
      try {
        parsed = RequestMessage.parse(JSON.parse(String(data)));
      } catch {
        return socket.send(JSON.stringify({ error: { code: 'VALIDATION', message: 'Send {id, channel, input} as JSON.' } }));
      }
      void backend.dispatch(parsed.channel, parsed.input).then((result) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: parsed.id, result }));
      });
    });
  });
  const unsubscribe = backend.on((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of clients) client.send(message);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('harness: the server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    dataDir,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const client of clients) client.terminate();
        await new Promise<void>((ok) => sockets.close(() => ok()));
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
        backend.close();
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** The shim must define window.zapcut before the app's module script runs: a classic script first. */
export function injectShim(html: string): string {
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('harness: the built index.html has no <script> to inject the bridge before');
  return `${html.slice(0, at)}<script src="${shimPath}"></script>\n    ${html.slice(at)}`;
}

/** Resolves a URL path inside root, or undefined when it would leave it. */
export function staticPath(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  return file.startsWith(root + sep) ? file : undefined;
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), { method: req.method, headers });
}

async function sendResponse(res: ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return res.end();
  await new Promise<void>((ok, fail) => {
    Readable.fromWeb(response.body as NodeReadableStream).pipe(res).on('finish', ok).on('error', fail);
  });
}

function sendBody(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

const sendText = (res: ServerResponse, status: number, body: string) => sendBody(res, status, 'text/plain; charset=utf-8', body);

const HarnessEnv = z.object({
  ZAPCUT_HARNESS_PORT: z.coerce.number().int().min(0).max(65535).default(5199),
  ZAPCUT_DATA_DIR: z.string().trim().min(1).optional(),
  /** Set by spawnHarness: the caller already built the renderer (and it must not race a build). */
  ZAPCUT_HARNESS_NO_BUILD: z.literal('1').optional(),
});

async function main() {
  const env = HarnessEnv.safeParse(process.env);
  if (!env.success) {
    console.error(`harness: ${z.prettifyError(env.error)}\nSet ZAPCUT_HARNESS_PORT to a port number (0 = any free port).`);
    process.exit(2);
  }
  if (!env.data.ZAPCUT_HARNESS_NO_BUILD && (await ensureRendererBuilt())) console.log('harness: built out/renderer');
  const harness = await startHarness({ port: env.data.ZAPCUT_HARNESS_PORT, dataDir: env.data.ZAPCUT_DATA_DIR });
  console.log(`harness: ${harness.url}  (data: ${harness.dataDir})  Ctrl-C to stop`);
  console.log(`${readyMarker}${JSON.stringify({ url: harness.url, dataDir: harness.dataDir })}`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error('harness: failed to start:', err);
    process.exit(1);
  });
}
