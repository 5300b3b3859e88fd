import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createLogger } from '../../backend/logging/logger';
import type { RotatingFile } from '../../backend/logging/rotating-file';
import { createDesktopHooks } from './desktop';
import type { UpdaterHandle } from './updater';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function setup(openPathResult = '') {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-desktop-'));
  const lines: string[] = [];
  const logger = createLogger({ file: { write: (l: string) => void lines.push(l) } as unknown as RotatingFile });
  const opened: string[] = [];
  const revealed: string[] = [];
  let now = 0;
  let updates: UpdaterHandle | null = null;
  const hooks = createDesktopHooks({
    shell: { openPath: async (p) => (opened.push(p), openPathResult), showItemInFolder: (p) => void revealed.push(p) },
    logsDir: join(dir, 'logs'),
    logger,
    updates: () => updates,
    rendererReportsPerMinute: 2,
    clock: () => now,
  });
  return { hooks, lines, opened, revealed, logsDir: join(dir, 'logs'), advance: (ms: number) => (now += ms), setUpdates: (u: UpdaterHandle) => (updates = u) };
}

describe('createDesktopHooks', () => {
  it('opens the logs folder (creating it), or says what to do when the OS cannot', async () => {
    const ok = setup();
    expect(await ok.hooks.openLogsFolder()).toEqual({ opened: true, path: ok.logsDir });
    expect(ok.opened).toEqual([ok.logsDir]);
    const bad = setup('No application is registered');
    const err = await bad.hooks.openLogsFolder().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IO');
    expect((err as AppError).message).toContain('Open that folder from your file manager');
  });

  it('shows a file in its folder through the shell', () => {
    const { hooks, revealed } = setup();
    hooks.showItemInFolder('/data/exports/Ad 16x9 1080p.mp4');
    expect(revealed).toEqual(['/data/exports/Ad 16x9 1080p.mp4']);
  });

  it('"Save as…" passes the options to the dialog and answers null when cancelled', async () => {
    const { hooks } = setup();
    const asked: unknown[] = [];
    let answer = { canceled: false, filePath: '/home/me/Videos/ad.mp4' };
    const withDialog = createDesktopHooks({
      shell: { openPath: async () => '', showItemInFolder: () => undefined },
      dialog: { showSaveDialog: async (o) => (asked.push(o), answer) },
      logsDir: join(dir!, 'logs'),
      logger: createLogger({ file: { write: () => undefined } as unknown as RotatingFile }),
      updates: () => null,
    });
    const filters = [{ name: 'MP4 video', extensions: ['mp4'] }];
    expect(await withDialog.showSaveDialog({ defaultPath: 'Lumen 16x9.mp4', filters })).toBe('/home/me/Videos/ad.mp4');
    expect(asked).toEqual([{ defaultPath: 'Lumen 16x9.mp4', filters }]);
    answer = { canceled: true, filePath: '' };
    expect(await withDialog.showSaveDialog({})).toBeNull();
    const err = await hooks.showSaveDialog({}).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('UNSUPPORTED');
  });

  it('logs renderer errors redacted and rate-limited', () => {
    const { hooks, lines, advance } = setup();
    expect(hooks.logRendererError({ kind: 'error', message: 'fetch failed for ?token=abc123', stack: 'at x (app.js:1)' })).toEqual({ logged: true });
    expect(hooks.logRendererError({ kind: 'render', message: 'b', componentStack: 'in Editor' })).toEqual({ logged: true });
    expect(hooks.logRendererError({ kind: 'unhandledrejection', message: 'c' })).toEqual({ logged: false });
    advance(60_000);
    expect(hooks.logRendererError({ kind: 'error', message: 'd' })).toEqual({ logged: true });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('ERROR [renderer] error: fetch failed for ?token=[redacted] {"stack":"at x (app.js:1)"}');
    expect(lines[2]).toContain('1 more renderer error report(s) were not logged');
  });

  it('answers update questions before and after the updater exists', async () => {
    const { hooks, setUpdates } = setup();
    expect(hooks.updateStatus()).toBeNull();
    expect(await hooks.checkForUpdates()).toBeNull();
    expect(hooks.restartToUpdate()).toEqual({ restarting: false });
    const ready = { state: 'ready', currentVersion: '1.0.0', version: '1.1.0', releaseNotes: '' } as const;
    setUpdates({ status: () => ready, checkNow: async () => ready, restartToUpdate: () => true, dispose: () => {} });
    expect(hooks.updateStatus()).toEqual(ready);
    expect(await hooks.checkForUpdates()).toEqual(ready);
    expect(hooks.restartToUpdate()).toEqual({ restarting: true });
  });
});
