/**
 * The desktop lifecycle around the main window:
 *  - one instance: a second launch hands its argv to the first, which focuses its window and
 *    opens the `.zapcut` file it was given, then the second exits;
 *  - open-project from the OS: argv on first launch (Windows/Linux file associations), argv of a
 *    second launch, and macOS `open-file` (which can fire before the app is ready);
 *  - a clean quit: FFmpeg children are killed, then `beforeQuit` (the SQLite WAL checkpoint and
 *    close) runs to completion — bounded by a timeout so a stuck step can never block quitting.
 * Electron's `app` is passed in (types only from 'electron'), so tests drive it with a fake.
 *
 * Wiring (src/main/index.ts, before app ready):
 *   const lifecycle = installLifecycle({ app, logger, getMainWindow: () => mainWindow,
 *     openProject: (file) => …, beforeQuit: () => backend.close() });
 *   if (!lifecycle.primary) return;            // another Zapcut already runs; this one quits
 *   …after creating the window and its renderer has loaded: lifecycle.windowReady();
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { killAllFfmpeg } from '../../pipeline/ffmpeg/run';
import type { Logger } from '../../backend/logging/logger';

export const PROJECT_EXTENSION = '.zapcut';
/** The app's link scheme: `zapcut://account?billing=success` brings the app forward after Checkout (issue 18). */
export const APP_LINK_SCHEME = 'zapcut';

/** The first `zapcut://` link in a command line (Windows and Linux pass the link as an argument), or null. */
export function appLinkFromArgv(argv: readonly string[]): string | null {
  for (const raw of argv) {
    if (typeof raw !== 'string') continue;
    const candidate = raw.trim().replace(/^"(.*)"$/, '$1');
    if (candidate.toLowerCase().startsWith(`${APP_LINK_SCHEME}://`) && candidate.length < 2048) return candidate;
  }
  return null;
}

/**
 * The first `.zapcut` file named in a command line, as an absolute path, or null. Tolerates what
 * real launches add: the executable, `.` or the app path in development, Chromium switches that
 * Electron appends (`--allow-file-access-from-files`, `--original-process-start-time=…`), macOS's
 * `-psn_0_…`, and `file://` URIs from Linux desktop entries (`%U`).
 */
export function projectFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (const raw of argv) {
    if (typeof raw !== 'string' || raw.startsWith('-')) continue;
    let candidate = raw.trim().replace(/^"(.*)"$/, '$1');
    if (/^file:\/\//i.test(candidate)) {
      try {
        candidate = fileURLToPath(candidate);
      } catch {
        continue;
      }
    }
    if (candidate.toLowerCase().endsWith(PROJECT_EXTENSION) && candidate.length > PROJECT_EXTENSION.length) return resolve(cwd, candidate);
  }
  return null;
}

/** What the second instance sends the first (Electron's `additionalData`): its argv and cwd. */
const LaunchData = z.object({ argv: z.array(z.string()).max(200), cwd: z.string().max(4096) });
type LaunchData = z.infer<typeof LaunchData>;

interface EventLike {
  preventDefault(): void;
}

/** The parts of Electron's `app` the lifecycle uses. */
export interface LifecycleApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  /** Registers the app as the OS handler of `zapcut://` links. */
  setAsDefaultProtocolClient?(protocol: string): boolean;
  quit(): void;
  isReady(): boolean;
  on(event: 'second-instance', listener: (event: EventLike, argv: string[], workingDirectory: string, additionalData: unknown) => void): unknown;
  on(event: 'open-file', listener: (event: EventLike, path: string) => void): unknown;
  /** macOS: a `zapcut://` link was opened (may fire before 'ready'). */
  on(event: 'open-url', listener: (event: EventLike, url: string) => void): unknown;
  on(event: 'before-quit', listener: (event: EventLike) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

/** The parts of the main BrowserWindow used to bring it to the front. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface LifecycleOptions {
  app: LifecycleApp;
  logger: Logger;
  getMainWindow: () => FocusableWindow | null;
  /** Opens a project file (absolute path). Called only after `windowReady()`; queued before. */
  openProject: (file: string) => void;
  /** A `zapcut://` link arrived (after `windowReady()`; queued before). Its content is untrusted. */
  openLink?: (url: string) => void;
  /** Final work before exit, e.g. `db.pragma('wal_checkpoint(TRUNCATE)'); db.close()`. */
  beforeQuit?: () => void | Promise<void>;
  /** Kills running FFmpeg processes; defaults to the pipeline's killAllFfmpeg. */
  killFfmpeg?: () => number;
  argv?: readonly string[];
  cwd?: string;
  platform?: NodeJS.Platform;
  quitTimeoutMs?: number;
  /** Where SIGTERM/SIGINT arrive (a fake in tests); a `kill` or logout then quits cleanly too. */
  proc?: { once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown };
}

export interface LifecycleHandle {
  /** False when another instance holds the lock: this process is quitting; create no window. */
  primary: boolean;
  /** Call once the main window's renderer has loaded: delivers queued project files. */
  windowReady(): void;
  /** A file chosen in-app (e.g. File › Open Project…) goes through the same path. */
  open(file: string): void;
}

export function installLifecycle(opts: LifecycleOptions): LifecycleHandle {
  const { app } = opts;
  const log = opts.logger.child('lifecycle');
  const argv = opts.argv ?? process.argv;
  const cwd = opts.cwd ?? process.cwd();
  const platform = opts.platform ?? process.platform;
  const killFfmpeg = opts.killFfmpeg ?? killAllFfmpeg;
  const quitTimeoutMs = opts.quitTimeoutMs ?? 5000;

  const launch: LaunchData = { argv: [...argv], cwd };
  if (!app.requestSingleInstanceLock(launch)) {
    log.info('another Zapcut is running; handing over to it');
    app.quit();
    return { primary: false, windowReady: () => {}, open: () => {} };
  }

  try {
    app.setAsDefaultProtocolClient?.(APP_LINK_SCHEME);
  } catch (err) {
    log.warn('could not register zapcut:// links', err);
  }

  let ready = false;
  const queue: string[] = [];
  const links: string[] = [];
  const deliverLink = (url: string) => {
    if (!ready) {
      if (!links.includes(url)) links.push(url);
      return;
    }
    try {
      opts.openLink?.(url);
    } catch (err) {
      log.error('could not handle a zapcut:// link', err);
    }
  };
  const deliver = (file: string) => {
    if (!ready) {
      if (!queue.includes(file)) queue.push(file);
      return;
    }
    try {
      opts.openProject(file);
    } catch (err) {
      log.error(`could not open ${file}`, err);
    }
  };
  const focus = () => {
    const win = opts.getMainWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  const first = projectFileFromArgv(argv.slice(1), cwd);
  if (first) deliver(first);
  const firstLink = appLinkFromArgv(argv.slice(1));
  if (firstLink) deliverLink(firstLink);

  app.on('second-instance', (_event, secondArgv, workingDirectory, additionalData) => {
    // Prefer the data the second instance sent: on Windows Chromium may reorder/append switches
    // in `argv` (Electron docs, 'second-instance').
    const sent = LaunchData.safeParse(additionalData);
    const file = sent.success ? projectFileFromArgv(sent.data.argv.slice(1), sent.data.cwd) : projectFileFromArgv(secondArgv.slice(1), workingDirectory);
    const link = appLinkFromArgv(sent.success ? sent.data.argv.slice(1) : secondArgv.slice(1));
    log.info(`second launch${file ? ` with ${file}` : link ? ' with a zapcut:// link' : ''}: focusing the window`);
    focus();
    if (file) deliver(file);
    if (link) deliverLink(link);
  });

  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (!url.toLowerCase().startsWith(`${APP_LINK_SCHEME}://`)) return;
    deliverLink(url);
    if (ready) focus();
  });

  // macOS: Finder / Dock / `open x.zapcut`. May fire before 'ready'; must be prevented to be handled.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (path.toLowerCase().endsWith(PROJECT_EXTENSION)) {
      deliver(path);
      if (ready) focus();
    }
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  // `kill <pid>`, a session logout or Ctrl+C in a terminal: quit through the same clean path.
  if (platform !== 'win32') {
    const proc = opts.proc ?? process;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      proc.once(signal, () => {
        log.info(`${signal} received: quitting`);
        app.quit();
      });
    }
  }

  let phase: 'running' | 'cleaning' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'cleaning') return;
    phase = 'cleaning';
    void (async () => {
      try {
        const killed = killFfmpeg();
        if (killed) log.info(`quit: stopped ${killed} FFmpeg process(es)`);
      } catch (err) {
        log.error('quit: stopping FFmpeg failed', err);
      }
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(() => opts.beforeQuit?.()),
          new Promise<void>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`beforeQuit did not finish within ${quitTimeoutMs} ms`)), quitTimeoutMs);
          }),
        ]);
      } catch (err) {
        log.error('quit: final cleanup failed; quitting anyway', err);
      } finally {
        clearTimeout(timer);
      }
      phase = 'done';
      log.info('quit');
      app.quit();
    })();
  });

  return {
    primary: true,
    windowReady() {
      ready = true;
      for (const file of queue.splice(0)) deliver(file);
      for (const link of links.splice(0)) deliverLink(link);
    },
    open: deliver,
  };
}

/** Electron's `dialog.showOpenDialog`, structurally. */
export interface OpenDialogLike {
  showOpenDialog(options: { properties: Array<'openFile'>; filters: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** File › Open Project…: the chosen `.zapcut` file, or null when cancelled. */
export async function chooseProjectFile(dialog: OpenDialogLike, filterName = 'Zapcut project'): Promise<string | null> {
  const r = await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: filterName, extensions: [PROJECT_EXTENSION.slice(1)] }] });
  return r.canceled ? null : (r.filePaths[0] ?? null);
}
