import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../backend/logging/logger';
import { STARTUP_DELAY_MS, type UpdateStatus } from '../update/policy';
import { bakedFeedUrl, installSupportsUpdates, installUpdater, resolveFeedUrl, type AutoUpdaterLike } from './updater';

/** Stands in for electron-updater's autoUpdater: same event names, scripted check results. */
class FakeUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  logger: unknown = null;
  feed: unknown = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  onCheck: (u: FakeUpdater) => Promise<{ downloadPromise?: Promise<unknown> } | null> = async () => null;
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  checkForUpdates() {
    this.checks += 1;
    return this.onCheck(this);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

/** Manual timers + clock: advancing time fires due timers in order. */
function fakeTime() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    clock: () => now,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(++seq, { at: now + ms, fn });
        return seq;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > until) break;
        pending.delete(next[0]);
        now = next[1].at;
        next[1].fn();
        await new Promise((r) => setImmediate(r));
      }
      now = until;
    },
    pendingCount: () => pending.size,
  };
}

const app = { isPackaged: true, getVersion: () => '1.0.0' };
const logger = createLogger({ level: 'error' });
const linuxAppImage = { platform: 'linux' as const, env: { APPIMAGE: '/tmp/Zapcut.AppImage' } };

let tmp: string | null = null;
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

describe('installUpdater', () => {
  it('checks after start, downloads in the background and offers "Restart to update"', async () => {
    const time = fakeTime();
    const updater = new FakeUpdater();
    updater.onCheck = async (u) => {
      u.emit('checking-for-update');
      u.emit('update-available', { version: '1.1.0', releaseNotes: '<p>Faster export</p>' });
      u.emit('download-progress', { percent: 50 });
      u.emit('update-downloaded', { version: '1.1.0', releaseNotes: '<p>Faster export</p>' });
      return { downloadPromise: Promise.resolve([]) };
    };
    const seen: UpdateStatus['state'][] = [];
    const handle = await installUpdater({ app, logger, isDevelopment: false, feedUrl: 'https://updates.example.com/zapcut/', onStatus: (s) => seen.push(s.state), updater, clock: time.clock, timers: time.timers, ...linuxAppImage });

    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/zapcut/' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
    expect(handle.restartToUpdate()).toBe(false);

    await time.advance(STARTUP_DELAY_MS - 1);
    expect(updater.checks).toBe(0);
    await time.advance(1);
    expect(updater.checks).toBe(1);
    expect(seen).toEqual(['idle', 'checking', 'checking', 'downloading', 'downloading', 'ready']);
    expect(handle.status()).toEqual({ state: 'ready', currentVersion: '1.0.0', version: '1.1.0', releaseNotes: 'Faster export' });
    expect(time.pendingCount()).toBe(0); // nothing more to check until the restart

    expect(handle.restartToUpdate()).toBe(true);
    expect(updater.installs).toEqual([[false, true]]);
    handle.dispose();
  });

  it('never touches the updater in development', async () => {
    const time = fakeTime();
    const updater = new FakeUpdater();
    const handle = await installUpdater({ app, logger, isDevelopment: true, feedUrl: 'https://u.example.com/', onStatus: () => {}, updater, clock: time.clock, timers: time.timers, ...linuxAppImage });
    await time.advance(48 * 3600_000);
    expect(await handle.checkNow()).toMatchObject({ state: 'disabled', reason: 'development' });
    expect(updater.checks).toBe(0);
    expect(updater.feed).toBeNull();
    expect(updater.listenerCount('error')).toBe(0);
  });

  it('records a failed check once (event + rejection), keeps quiet for automatic checks and retries', async () => {
    const time = fakeTime();
    const updater = new FakeUpdater();
    updater.onCheck = async (u) => {
      const err = new Error('net::ERR_INTERNET_DISCONNECTED');
      u.emit('error', err);
      throw err;
    };
    const statuses: UpdateStatus[] = [];
    const handle = await installUpdater({ app, logger, isDevelopment: false, feedUrl: 'https://u.example.com/', onStatus: (s) => statuses.push(s), updater, clock: time.clock, timers: time.timers, ...linuxAppImage });
    await time.advance(STARTUP_DELAY_MS);
    expect(handle.status()).toMatchObject({ state: 'error', kind: 'offline', retryAt: STARTUP_DELAY_MS + 3600_000 });
    await time.advance(3600_000);
    expect(updater.checks).toBe(2);
    expect(handle.status()).toMatchObject({ state: 'error', retryAt: STARTUP_DELAY_MS + 3 * 3600_000 });

    updater.onCheck = async (u) => {
      u.emit('update-not-available', { version: '1.0.0' });
      return null;
    };
    expect(await handle.checkNow()).toMatchObject({ state: 'up-to-date' });
    handle.dispose();
  });

  it('swallows the background download rejection (reported through the error event instead)', async () => {
    const time = fakeTime();
    const updater = new FakeUpdater();
    updater.onCheck = async (u) => {
      u.emit('update-available', { version: '1.1.0' });
      const downloadPromise = Promise.reject(new Error('sha512 checksum mismatch'));
      queueMicrotask(() => u.emit('error', new Error('sha512 checksum mismatch')));
      return { downloadPromise };
    };
    const rejections: unknown[] = [];
    const onRejection = (r: unknown) => rejections.push(r);
    process.on('unhandledRejection', onRejection);
    try {
      const handle = await installUpdater({ app, logger, isDevelopment: false, feedUrl: null, onStatus: () => {}, updater, clock: time.clock, timers: time.timers, platform: 'win32', env: {}, resourcesPath: writeAppUpdateYml() });
      const status = await handle.checkNow();
      await new Promise((r) => setTimeout(r, 10));
      expect(status.state === 'downloading' || status.state === 'error').toBe(true);
      expect(handle.status()).toMatchObject({ state: 'error', kind: 'integrity' });
      expect(handle.restartToUpdate()).toBe(false);
      expect(rejections).toEqual([]);
      expect(updater.feed).toBeNull(); // no override: electron-updater reads the baked app-update.yml
      handle.dispose();
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

function writeAppUpdateYml(): string {
  tmp = mkdtempSync(join(tmpdir(), 'zapcut-res-'));
  writeFileSync(join(tmp, 'app-update.yml'), "provider: generic\nurl: https://updates.zapcut.app/stable\nupdaterCacheDirName: zapcut-updater\n");
  return tmp;
}

describe('feed and install detection', () => {
  it('reads the feed URL from ZAPCUT_UPDATE_URL or the baked app-update.yml', () => {
    expect(resolveFeedUrl({ ZAPCUT_UPDATE_URL: ' http://127.0.0.1:8080/feed ' })).toBe('http://127.0.0.1:8080/feed');
    expect(resolveFeedUrl({ ZAPCUT_UPDATE_URL: 'file:///etc/passwd' })).toBeNull();
    expect(resolveFeedUrl({})).toBeNull();
    expect(bakedFeedUrl(writeAppUpdateYml())).toBe('https://updates.zapcut.app/stable');
    expect(bakedFeedUrl('/nonexistent')).toBeNull();
  });

  it('knows which Linux installs can update themselves', () => {
    const res = writeAppUpdateYml();
    expect(installSupportsUpdates('linux', {}, res)).toBe(false); // a --dir build
    expect(installSupportsUpdates('linux', { APPIMAGE: '/x.AppImage' }, res)).toBe(true);
    writeFileSync(join(res, 'package-type'), 'deb');
    expect(installSupportsUpdates('linux', {}, res)).toBe(true);
    expect(installSupportsUpdates('darwin', {}, undefined)).toBe(true);
  });
});
