/**
 * Issue 19 #16 and the danger colour, seen in Chromium: a JPEG product picture sits on a plain
 * board (a checkerboard says "transparent", which a JPEG never is) while a PNG keeps the
 * checkerboard; the red "danger" button's white text is AA contrast (the delete-brand dialog
 * passes the axe scan; it measured 3.0:1 on #FF5C6C).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { expectAccessible } from './a11y';
import { invoke } from './editor-support';
import { screenshot, sharedHarnessUrl } from './support';

let work: string;
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'zapcut-e2e-screens-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a JPEG product picture is shown on a plain board, a PNG on the checkerboard', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  const ff = resolveBinaries().ffmpegPath;
  const jpeg = join(work, 'bottle.jpg');
  const png = join(work, 'cutout.png');
  await runFfmpeg({ ffmpegPath: ff, args: ['-f', 'lavfi', '-i', 'testsrc=s=640x480', '-frames:v', '1'], output: jpeg });
  await runFfmpeg({ ffmpegPath: ff, args: ['-f', 'lavfi', '-i', 'testsrc=s=640x480', '-vf', "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(gt(abs(X-320),150),0,255)'", '-frames:v', '1'], output: png });
  const brand = await invoke<{ id: string }>(page, 'brand/create', { name: 'Boards', description: 'Pictures on boards.', colors: ['#1D3557'] });
  await invoke(page, 'asset/import', { brandId: brand.id, files: [{ path: jpeg }, { path: png }] });
  await page.reload();
  await page.getByRole('button', { name: 'Open Boards' }).click();
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(2);
  type Dom = { parentElement: unknown };
  const board = (name: string) => page.getByRole('img', { name }).evaluate((img) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundImage: string } }).getComputedStyle((img as unknown as Dom).parentElement).backgroundImage);
  expect(await board('bottle.jpg')).toBe('none');
  expect(await board('cutout.png')).toContain('conic-gradient');
  await page.mouse.move(0, 0);
  await screenshot(page, 'screens-01-jpeg-plain-png-checker');
});

test('the danger button is AA contrast: the delete-brand dialog passes the scan', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  await invoke(page, 'brand/create', { name: 'Short-lived', description: 'To be deleted.', colors: ['#1D3557'] });
  await page.reload();
  await page.getByRole('button', { name: 'Open Short-lived' }).click();
  await page.getByRole('button', { name: 'Delete brand' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Short-lived?' });
  await expect(dialog).toBeVisible();
  await page.mouse.move(0, 0);
  await expectAccessible(page, 'delete brand dialog');
  await screenshot(page, 'screens-02-danger-button');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
