/**
 * Thin adapter between electron-updater and the update policy (src/main/update/policy.ts). All
 * decisions live in the policy; this file only translates events, owns the timer and calls
 * `checkForUpdates` / `quitAndInstall`. Electron objects are passed in, so tests drive it with an
 * EventEmitter standing in for `autoUpdater`.
 *
 * Wiring (src/main/index.ts, after app ready):
 *   const updates = await installUpdater({ app, logger, isDevelopment: is.dev,
 *     feedUrl: resolveFeedUrl(process.env), onStatus: (s) => sendToRenderer('update/status', s) });
 *   // "Check for updates…" → updates.checkNow(); "Restart to update" → updates.restartToUpdate()
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../backend/logging/logger';
import { createUpdatePolicy, type UpdateStatus, type UpdaterEvent } from '../update/policy';
import type { RawReleaseNotes } from '../update/release-notes';

/** The part of electron-updater's AppUpdater we use (so a fake can stand in for it). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

export interface UpdaterAppLike {
  isPackaged: boolean;
  getVersion(): string;
}

export interface InstallUpdaterOptions {
  app: UpdaterAppLike;
  logger: Logger;
  /** electron-vite's `is.dev`, NODE_ENV=development, or a `--dev` flag. */
  isDevelopment: boolean;
  /**
   * The generic-provider feed (a folder holding latest*.yml + installers). Null → the URL baked
   * into resources/app-update.yml by electron-builder's `publish` config, if any.
   */
  feedUrl: string | null;
  /** The user switched automatic updates off. */
  turnedOff?: boolean;
  onStatus: (status: UpdateStatus) => void;
  /** Defaults to electron-updater's `autoUpdater` (loaded lazily: it touches Electron). */
  updater?: AutoUpdaterLike;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  resourcesPath?: string;
  clock?: () => number;
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };
}

export interface UpdaterHandle {
  status(): UpdateStatus;
  /** "Check for updates…": runs now (unless disabled or busy) and resolves with the resulting status. */
  checkNow(): Promise<UpdateStatus>;
  /** "Restart to update": quits and installs the verified download; false when nothing is ready. */
  restartToUpdate(): boolean;
  dispose(): void;
}

/** The feed URL from the environment (ZAPCUT_UPDATE_URL), validated; null when unset or not http(s). */
export function resolveFeedUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.ZAPCUT_UPDATE_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The `url:` electron-builder wrote into app-update.yml (generic provider), or null. */
export function bakedFeedUrl(resourcesPath: string | undefined): string | null {
  if (!resourcesPath) return null;
  const file = join(resourcesPath, 'app-update.yml');
  if (!existsSync(file)) return null;
  const match = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(readFileSync(file, 'utf8'));
  return match?.[1] ?? null;
}

/**
 * Whether this install can replace itself: Windows (NSIS) and macOS (dmg/zip) can; on Linux only
 * an AppImage (APPIMAGE is set by its runtime) or a deb/rpm (electron-builder writes
 * resources/package-type) can — an unpacked `--dir` build cannot.
 */
export function installSupportsUpdates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, resourcesPath: string | undefined): boolean {
  if (platform !== 'linux') return true;
  if (env.APPIMAGE) return true;
  return !!resourcesPath && existsSync(join(resourcesPath, 'package-type'));
}

function errorEvent(err: unknown): UpdaterEvent {
  const code = (err as { code?: unknown } | null)?.code;
  return { type: 'error', message: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) };
}

export async function installUpdater(opts: InstallUpdaterOptions): Promise<UpdaterHandle> {
  const log = opts.logger.child('updater');
  const env = opts.env ?? process.env;
  const resourcesPath = opts.resourcesPath ?? process.resourcesPath;
  const clock = opts.clock ?? Date.now;
  const timers = opts.timers ?? { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const feedUrl = opts.feedUrl ?? bakedFeedUrl(resourcesPath);
  const policy = createUpdatePolicy(
    {
      currentVersion: opts.app.getVersion(),
      isPackaged: opts.app.isPackaged,
      isDevelopment: opts.isDevelopment,
      feedUrl,
      turnedOff: opts.turnedOff || env.ZAPCUT_DISABLE_UPDATES === '1',
      installSupportsUpdates: installSupportsUpdates(opts.platform ?? process.platform, env, resourcesPath),
    },
    clock,
  );

  const publish = () => {
    try {
      opts.onStatus(policy.status());
    } catch (err) {
      log.warn('update status listener threw', err);
    }
  };

  const initial = policy.status();
  if (initial.state === 'disabled') {
    log.info(`automatic updates off (${initial.reason})`);
    return { status: () => policy.status(), checkNow: async () => policy.status(), restartToUpdate: () => false, dispose: () => {} };
  }

  const updater = opts.updater ?? ((await import('electron-updater')).default.autoUpdater as unknown as AutoUpdaterLike);
  updater.logger = { info: (m: unknown) => log.info(String(m)), warn: (m: unknown) => log.warn(String(m)), error: (m: unknown) => log.error(String(m)), debug: (m: unknown) => log.debug(String(m)) };
  // Download in the background; install on the next quit if the user never clicks "Restart".
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  if (opts.feedUrl) updater.setFeedURL({ provider: 'generic', url: opts.feedUrl });
  log.info(`automatic updates on, feed ${feedUrl}`);

  let timer: unknown = null;
  let disposed = false;
  const schedule = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const ms = policy.msUntilNextCheck();
    if (disposed || ms === null) return;
    // setTimeout overflows above 2^31-1 ms (~24.8 days); the policy never asks for more than a day.
    timer = timers.setTimeout(() => {
      timer = null;
      void run(false);
    }, Math.min(ms, 2 ** 31 - 1));
  };
  const feed = (event: UpdaterEvent) => {
    policy.apply(event);
    publish();
    schedule();
  };

  const info = (i: unknown) => i as { version: string; releaseNotes?: RawReleaseNotes };
  updater.on('checking-for-update', () => feed({ type: 'checking' }));
  updater.on('update-not-available', () => feed({ type: 'not-available' }));
  updater.on('update-available', (i: unknown) => feed({ type: 'available', version: info(i).version, releaseNotes: info(i).releaseNotes }));
  updater.on('download-progress', (p: unknown) => feed({ type: 'progress', percent: (p as { percent: number }).percent }));
  updater.on('update-downloaded', (i: unknown) => feed({ type: 'downloaded', version: info(i).version, releaseNotes: info(i).releaseNotes }));
  updater.on('error', (err: unknown) => {
    log.warn('update failed; the installed version is unchanged', err);
    feed(errorEvent(err));
  });

  async function run(byUser: boolean): Promise<UpdateStatus> {
    if (disposed || !policy.shouldCheck(byUser)) {
      schedule();
      return policy.status();
    }
    policy.beginCheck(byUser);
    publish();
    try {
      const result = await updater.checkForUpdates();
      // The background download reports through events; an unobserved rejection here would
      // otherwise surface as an unhandledRejection (electron-updater rethrows it).
      result?.downloadPromise?.catch(() => undefined);
    } catch (err) {
      // electron-updater normally emits 'error' as well; only record it if that did not happen.
      if (policy.status().state === 'checking') feed(errorEvent(err));
    }
    schedule();
    return policy.status();
  }

  schedule();
  publish();
  return {
    status: () => policy.status(),
    checkNow: () => run(true),
    restartToUpdate() {
      if (!policy.canInstall()) return false;
      log.info('restarting to install the downloaded update');
      // isSilent=false shows the NSIS progress on Windows; isForceRunAfter=true relaunches Zapcut.
      updater.quitAndInstall(false, true);
      return true;
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      for (const e of ['checking-for-update', 'update-not-available', 'update-available', 'download-progress', 'update-downloaded', 'error']) updater.removeAllListeners(e);
    },
  };
}
