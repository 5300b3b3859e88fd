/**
 * Launches the real Electron app (out/main/index.js from `electron-vite build`) with a temp data
 * folder and checks the window: secure bridge shape, the contract answering over IPC, the Brands
 * screen rendered, no Node in the page. Runs where the Electron binary exists; elsewhere it skips
 * and says why (Electron downloads its binary on first use, which our build machines cannot do).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { repoRoot } from '../harness/renderer-build';

/** Where the `electron` package says its binary is, or why there is none. */
function electronBinary(): { path: string } | { skip: string } {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { skip: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { skip: `Electron's binary was never downloaded (${pathFile} missing; its postinstall needs internet, which this machine lacks)` };
  }
  const path = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { skip: `Electron's binary is missing at ${path}` };
}

const binary = electronBinary();
const mainEntry = join(repoRoot, 'out/main/index.js');
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;

const skipReason =
  'skip' in binary
    ? `Electron cannot run here: ${binary.skip}.`
    : !existsSync(mainEntry)
      ? `${mainEntry} is missing: run \`npx electron-vite build\` first.`
      : !hasDisplay
        ? 'No display: run under `xvfb-run -a npm run test:e2e` on Linux.'
        : null;

test('the Electron app opens a secure window that talks the contract', async () => {
  // Say why in the log too: the list reporter shows a skip without its reason.
  if (skipReason) console.log(`electron launch test skipped: ${skipReason}`);
  test.skip(skipReason !== null, skipReason ?? '');
  if ('skip' in binary) return;

  const dataDir = mkdtempSync(join(tmpdir(), 'zapcut-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [mainEntry, ...(process.platform === 'linux' ? ['--no-sandbox', '--disable-gpu'] : [])],
    env: { ...process.env, ZAPCUT_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Brands', level: 1 })).toBeVisible({ timeout: 30_000 });
    const bridge = await page.evaluate(() => {
      const g = globalThis as unknown as { zapcut: Record<string, unknown>; require?: unknown; process?: unknown };
      return { keys: Object.keys(g.zapcut).sort(), node: typeof g.require !== 'undefined' || typeof g.process !== 'undefined' };
    });
    expect(bridge.keys.filter((k) => k !== 'pathForFile')).toEqual(['invoke', 'on']);
    expect(bridge.node).toBe(false);
    const info = await page.evaluate(() =>
      (globalThis as unknown as { zapcut: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value?: { dataDir: string } }> } }).zapcut.invoke('app/info', {}),
    );
    expect(info.ok).toBe(true);
    expect(info.value?.dataDir).toBe(dataDir);
    // window.open is denied (external links go to the system browser instead): still one window.
    const opened = await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com') === null);
    expect(opened).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
