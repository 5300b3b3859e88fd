/**
 * Drives the REAL electron-updater (AppImageUpdater: feed parsing, download, sha512 check, cache)
 * through our adapter and policy against a local HTTP feed laid out like a published release
 * folder. Electron itself is replaced by electron-updater's own seams: an AppAdapter instead of
 * Electron's `app`, and builder-util's Node HTTP executor instead of Electron's `net` — the same
 * way electron-updater's test suite runs. Quitting/installing needs a real Electron and a real
 * AppImage and is not covered here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestOptions } from 'node:http';
import { NodeHttpExecutor } from 'builder-util';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import electronUpdater from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../backend/logging/logger';
import type { UpdateStatus } from '../update/policy';
import { installUpdater, type AutoUpdaterLike, type UpdaterHandle } from './updater';
import { waitFor } from '../../../test/support/wait';

const { AppImageUpdater } = electronUpdater;

/**
 * builder-util's Node executor lacks the `download` electron-updater calls; Electron's executor
 * implements it on top of the shared HttpExecutor.doDownload, and so does this one (via node:http
 * instead of Electron's net).
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers || undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      (this as unknown as { doDownload: (o: RequestOptions, d: unknown, n: number) => void }).doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error: Error | null) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}
const APPIMAGE = 'Zapcut-1.1.0-linux-x86_64.AppImage';

interface Feed {
  url: string;
  requests: string[];
  /** How the AppImage is served: intact, corrupted bytes, or cut off half-way. */
  mode: 'ok' | 'corrupt' | 'truncate' | 'no-feed';
}

let tmp: string;
let server: Server;
let feed: Feed;
let payload: Buffer;
let handle: UpdaterHandle | null;
const savedAppImage = process.env.APPIMAGE;

beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'zapcut-feed-'));
  payload = randomBytes(300 * 1024);
  const sha512 = createHash('sha512').update(payload).digest('base64');
  const latest = [
    'version: 1.1.0',
    'files:',
    `  - url: ${APPIMAGE}`,
    `    sha512: ${sha512}`,
    `    size: ${payload.length}`,
    `path: ${APPIMAGE}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-11-21T10:00:00.000Z'",
    "releaseNotes: '<h3>Zapcut 1.1</h3><ul><li>Faster export</li></ul>'",
    '',
  ].join('\n');
  feed = { url: '', requests: [], mode: 'ok' };
  server = createServer((req, res) => {
    feed.requests.push(req.url ?? '');
    const path = (req.url ?? '').split('?')[0];
    if (path === '/desktop/latest-linux.yml' && feed.mode !== 'no-feed') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(latest);
    } else if (path === `/desktop/${APPIMAGE}`) {
      if (feed.mode === 'truncate') {
        res.writeHead(200, { 'content-length': String(payload.length) });
        res.write(payload.subarray(0, payload.length / 2), () => res.destroy());
        return;
      }
      const body = feed.mode === 'corrupt' ? Buffer.concat([payload.subarray(0, 1000), Buffer.alloc(payload.length - 1000)]) : payload;
      res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' }).end(body);
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/desktop/`;
  // The installed app: must be byte-identical after every scenario.
  writeFileSync(join(tmp, 'Zapcut-installed.AppImage'), 'installed 1.0.0');
  process.env.APPIMAGE = join(tmp, 'Zapcut-installed.AppImage');
  writeFileSync(join(tmp, 'app-update.yml'), `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: zapcut-updater-test\n`);
  handle = null;
});

afterEach(async () => {
  handle?.dispose();
  await new Promise((r) => server.close(r));
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  rmSync(tmp, { recursive: true, force: true });
});

async function start(): Promise<{ handle: UpdaterHandle; statuses: UpdateStatus[] }> {
  const updater = new AppImageUpdater(null, {
    version: '1.0.0',
    name: 'Zapcut',
    isPackaged: true,
    appUpdateConfigPath: join(tmp, 'app-update.yml'),
    userDataPath: join(tmp, 'userData'),
    baseCachePath: join(tmp, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  });
  (updater as unknown as { httpExecutor: unknown }).httpExecutor = new NodeDownloadExecutor();
  const statuses: UpdateStatus[] = [];
  handle = await installUpdater({
    app: { isPackaged: true, getVersion: () => '1.0.0' },
    logger: createLogger({ level: 'error' }),
    isDevelopment: false,
    feedUrl: feed.url,
    onStatus: (s) => statuses.push(s),
    updater: updater as unknown as AutoUpdaterLike,
    platform: 'linux',
    env: { APPIMAGE: process.env.APPIMAGE },
    resourcesPath: tmp,
  });
  return { handle, statuses };
}

function settle(h: UpdaterHandle): Promise<UpdateStatus> {
  return waitFor(() => h.status(), (s) => s.state === 'ready' || s.state === 'error' || s.state === 'up-to-date', 'the update to settle', { timeoutMs: 5_000, intervalMs: 25 });
}

const installedUntouched = () => expect(readFileSync(process.env.APPIMAGE!, 'utf8')).toBe('installed 1.0.0');
const cachedUpdates = () => {
  const dir = join(tmp, 'cache', 'zapcut-updater-test');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.AppImage')) : [];
};

describe('electron-updater against a local generic feed', () => {
  it('finds 1.1.0, downloads and verifies it, then offers "Restart to update" with the notes', async () => {
    const { handle: h, statuses } = await start();
    await h.checkNow();
    const s = await settle(h);
    expect(s).toEqual({ state: 'ready', currentVersion: '1.0.0', version: '1.1.0', releaseNotes: 'Zapcut 1.1\n\n• Faster export' });
    expect(statuses.map((x) => x.state)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']));
    expect(feed.requests.some((r) => r.startsWith('/desktop/latest-linux.yml'))).toBe(true);
    const cached = readFileSync(join(tmp, 'cache', 'zapcut-updater-test', 'pending', APPIMAGE));
    expect(cached.equals(payload)).toBe(true);
    installedUntouched();
  });

  it('a corrupted download fails the sha512 check: nothing to install, installed app untouched', async () => {
    feed.mode = 'corrupt';
    const { handle: h } = await start();
    await h.checkNow();
    const s = await settle(h);
    expect(s).toMatchObject({ state: 'error', kind: 'integrity' });
    expect(h.restartToUpdate()).toBe(false);
    expect(cachedUpdates()).toEqual([]);
    installedUntouched();
  });

  it('a download cut off half-way leaves nothing to install and the app unchanged', async () => {
    feed.mode = 'truncate';
    const { handle: h } = await start();
    await h.checkNow();
    const s = await settle(h);
    expect(s).toMatchObject({ state: 'error', kind: 'offline' }); // ECONNRESET: the connection dropped
    expect(h.restartToUpdate()).toBe(false);
    expect(cachedUpdates()).toEqual([]);
    installedUntouched();
  });

  it('a feed without latest-linux.yml is a server error, shown because the user asked', async () => {
    feed.mode = 'no-feed';
    const { handle: h } = await start();
    const s = await h.checkNow();
    expect(s).toMatchObject({ state: 'error', kind: 'server', message: expect.stringContaining('HttpError: 404') });
    expect(s.state === 'error' && s.message).not.toContain('\n');
    installedUntouched();
  });

  it('an unreachable feed is reported as offline', async () => {
    await new Promise((r) => server.close(r));
    server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r)); // a stand-in for afterEach to close; feed.url still points at the closed port
    const { handle: h } = await start();
    const s = await h.checkNow();
    expect(s).toMatchObject({ state: 'error', kind: 'offline' });
  });
});
