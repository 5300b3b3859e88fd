import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend';
import type { DesktopHooks } from './desktop';
import { resolveExportPath } from './desktop';

let dir: string;
let exportsDir: string;
let inside: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-reveal-'));
  exportsDir = join(dir, 'exports');
  mkdirSync(join(exportsDir, 'sub'), { recursive: true });
  inside = join(exportsDir, 'Ad 16x9 1080p.mp4');
  writeFileSync(inside, 'x');
  writeFileSync(join(dir, 'zapcut.sqlite-secret'), 'x');
  mkdirSync(join(dir, 'exports-evil'));
  writeFileSync(join(dir, 'exports-evil', 'a.mp4'), 'x');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);

describe('resolveExportPath', () => {
  it('accepts files inside <dataDir>/exports, also via a path with ..', async () => {
    expect(await resolveExportPath(dir, inside)).toBe(inside);
    expect(await resolveExportPath(dir, join(exportsDir, 'sub', '..', 'Ad 16x9 1080p.mp4'))).toBe(inside);
  });

  it('refuses the folder itself, siblings, escapes, relative paths and symlinks out', async () => {
    symlinkSync(join(dir, 'zapcut.sqlite-secret'), join(exportsDir, 'link.mp4'));
    for (const p of [exportsDir, join(dir, 'zapcut.sqlite-secret'), join(dir, 'exports-evil', 'a.mp4'), join(exportsDir, '..', 'zapcut.sqlite-secret'), 'exports/Ad 16x9 1080p.mp4', join(exportsDir, 'link.mp4')]) {
      expect(await codeOf(resolveExportPath(dir, p)), p).toBe('VALIDATION');
    }
  });

  it('accepts a file this backend exported to a folder the user chose, and nothing beside it', async () => {
    const chosen = join(dir, 'Videos');
    mkdirSync(chosen);
    const mine = join(chosen, 'Ad 16x9 1080p.mp4');
    const other = join(chosen, 'holiday.mp4');
    writeFileSync(mine, 'x');
    writeFileSync(other, 'x');
    const exported = (real: string) => real === mine;
    expect(await resolveExportPath(dir, join(chosen, '.', 'Ad 16x9 1080p.mp4'), exported)).toBe(mine);
    expect(await codeOf(resolveExportPath(dir, other, exported))).toBe('VALIDATION');
    expect(await codeOf(resolveExportPath(dir, mine))).toBe('VALIDATION');
    rmSync(exportsDir, { recursive: true });
    expect(await resolveExportPath(dir, mine, exported)).toBe(mine);
    expect(await codeOf(resolveExportPath(dir, other, exported))).toBe('VALIDATION');
  });

  it('says NOT_FOUND for a moved export, VALIDATION when there is no exports folder', async () => {
    expect(await codeOf(resolveExportPath(dir, join(exportsDir, 'gone.mp4')))).toBe('NOT_FOUND');
    rmSync(exportsDir, { recursive: true });
    expect(await codeOf(resolveExportPath(dir, inside))).toBe('VALIDATION');
  });
});

describe('desktop channels through the backend', () => {
  let backend: Backend | null = null;
  afterEach(() => backend?.close());

  it('without a desktop (harness/CLI): reveal and open logs are UNSUPPORTED, updates answer null', async () => {
    backend = createBackend({ dataDir: dir, mediaBaseUrl: '/media/' });
    expect(await backend.dispatch('export/reveal', { path: inside })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await backend.dispatch('app/openLogsFolder', {})).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await backend.dispatch('app/chooseSavePath', { defaultPath: 'ad.mp4' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await backend.dispatch('update/status', {})).toEqual({ ok: true, value: null });
    expect(await backend.dispatch('update/check', {})).toEqual({ ok: true, value: null });
    expect(await backend.dispatch('update/restart', {})).toEqual({ ok: true, value: { restarting: false } });
    expect(await backend.dispatch('app/reportError', { kind: 'error', message: 'boom' })).toEqual({ ok: true, value: { logged: false } });
    expect(await backend.dispatch('export/reveal', { path: inside, extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('with a desktop: reveals only export files, passing the real path to the shell', async () => {
    const revealed: string[] = [];
    // Only the Electron shell call is replaced; the path check runs for real.
    const desktop: DesktopHooks = {
      openLogsFolder: async () => ({ opened: true, path: join(dir, 'logs') }),
      logRendererError: () => ({ logged: true }),
      updateStatus: () => null,
      checkForUpdates: async () => null,
      restartToUpdate: () => ({ restarting: false }),
      showItemInFolder: (p) => void revealed.push(p),
      showSaveDialog: async (o) => (o.defaultPath === 'ad.mp4' ? '/home/me/ad.mp4' : null),
    };
    backend = createBackend({ dataDir: dir, mediaBaseUrl: '/media/', desktop });
    expect(await backend.dispatch('export/reveal', { path: join(exportsDir, 'sub', '..', 'Ad 16x9 1080p.mp4') })).toEqual({ ok: true, value: { revealed: true } });
    expect(await backend.dispatch('export/reveal', { path: join(dir, 'zapcut.sqlite-secret') })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(revealed).toEqual([inside]);
    expect(await backend.dispatch('app/chooseSavePath', { defaultPath: 'ad.mp4', filters: [{ name: 'MP4', extensions: ['mp4'] }] })).toEqual({ ok: true, value: { path: '/home/me/ad.mp4' } });
    expect(await backend.dispatch('app/chooseSavePath', {})).toEqual({ ok: true, value: { path: null } });
    expect(await backend.dispatch('app/chooseSavePath', { filters: [{ name: 'x', extensions: ['../evil'] }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
