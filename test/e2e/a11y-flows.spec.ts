/**
 * The accessibility scan beyond the still screens (issue 19): the dialogs (new brand, new ad, the
 * editor's versions and export), the ad's chat, and the generation view while the ad is being
 * made — zero WCAG 2.2 A/AA violations by axe-core in each, with a screenshot of what was scanned.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from '@playwright/test';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { expectAccessible } from './a11y';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor } from './editor-support';

let work: string;
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'zapcut-a11y-flows-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the dialogs pass the WCAG AA scan: new brand, new ad, the editor’s versions and export', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(sharedHarnessUrl());
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'Brands' }).click();
  await page.getByRole('button', { name: 'New brand' }).first().click();
  await expect(page.getByRole('dialog', { name: 'New brand' })).toBeVisible();
  await expectAccessible(page, 'new brand dialog');
  await screenshot(page, 'h19b-a11y-new-brand');
  await page.keyboard.press('Escape');

  await invoke(page, 'brand/create', { name: 'Scanned', description: 'A brand for the scan.', colors: ['#1D3557'] });
  await page.reload();
  await nav.getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: 'New ad' }).first().click();
  const newAd = page.getByRole('dialog');
  await expect(newAd).toBeVisible();
  await expectAccessible(page, 'new ad dialog');
  await screenshot(page, 'h19b-a11y-new-ad');
  await page.keyboard.press('Escape');

  const files = await makeDriveFiles(work);
  const p = await openBlank(page, 'Scanned edit');
  const media = await importFiles(page, p.projectId, Object.values(files));
  await invoke(page, 'editor/save', { projectId: p.projectId, timeline: driveTimeline(media, files) });
  await showInEditor(page, p.projectId);
  await page.getByRole('button', { name: 'Versions' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'versions dialog');
  await screenshot(page, 'h19b-a11y-versions');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'export dialog');
  await screenshot(page, 'h19b-a11y-export');
  await page.keyboard.press('Escape');
});

test('the ad’s chat and the generation view while the ad is being made pass the WCAG AA scan', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(sharedHarnessUrl());
  const bottle = join(work, 'bottle.png');
  await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x4A3121:s=200x300', '-vf', 'drawbox=x=iw/4:y=ih/3:w=iw/2:h=ih/4:color=0xE8C07D:t=fill', '-frames:v', '1'], output: bottle });
  const brand = await invoke<{ id: string }>(page, 'brand/create', { name: 'Running Co', description: 'Cold brew coffee.', colors: ['#1B3A4B', '#F2C14E'] });
  await invoke(page, 'asset/import', { brandId: brand.id, files: [{ path: bottle }] });
  const p = await invoke<{ id: string }>(page, 'project/create', { brandId: brand.id });
  for (const text of ['Running Cold Brew', 'A smooth cold brew coffee in a glass bottle.', 'Night owls', 'Calm energy for late work']) {
    await invoke(page, 'chat/send', { projectId: p.id, text });
  }
  const title = (await invoke<{ title: string }>(page, 'project/get', { id: p.id })).title;
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: `Open ${title}` }).click();
  await expect(page.getByRole('textbox').last()).toBeVisible();
  await expectAccessible(page, 'the ad’s chat');
  await screenshot(page, 'h19b-a11y-chat');

  for (const text of ['Yes, use them', '15 seconds', '16:9', 'Calm and warm', 'Order today at luna.coffee', 'Looks good, draft it']) {
    await invoke(page, 'chat/send', { projectId: p.id, text });
  }
  await expect.poll(async () => (await invoke<{ storyboard: unknown; drafting: boolean }>(page, 'project/get', { id: p.id })).storyboard !== null, { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => (await invoke<{ drafting: boolean }>(page, 'project/get', { id: p.id })).drafting, { timeout: 60_000 }).toBe(false);
  await invoke(page, 'storyboard/approve', { projectId: p.id, offline: true });
  const generation = page.getByTestId('generation');
  await expect(generation).toBeVisible({ timeout: 30_000 });
  expect((await invoke<{ status: string }>(page, 'project/get', { id: p.id })).status).not.toBe('ready');
  await expectAccessible(page, 'generation view while running');
  await screenshot(page, 'h19b-a11y-generation-running');
  // Stop the run: the shared harness has other specs to serve.
  await generation.getByRole('button', { name: 'Cancel' }).click();
});
