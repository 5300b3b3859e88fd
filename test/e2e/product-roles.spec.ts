/**
 * Issue 22 in Chromium against the real backend: a product picture's role is set on the brand
 * page and kept after a reload (the first picture starts as the hero; choosing another hero makes
 * it a detail), and the New ad dialog's product-page field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { makeProductImages, screenshot } from './support';

let dataDir: string;
let fixturesDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-roles-'));
  fixturesDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-roles-fixtures-'));
});
test.afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fixturesDir, { recursive: true, force: true });
});

test('product picture roles on the brand page; the New ad page field', async ({ page }) => {
  test.setTimeout(120_000);
  const images = await makeProductImages(fixturesDir);
  harness = await spawnHarness({ dataDir });
  await page.goto(harness.url);

  await page.getByRole('button', { name: 'New brand' }).click();
  const dialog = page.getByRole('dialog', { name: 'New brand' });
  await dialog.getByLabel('Name', { exact: true }).fill('Lumen');
  await dialog.getByRole('button', { name: 'Create brand' }).click();
  await expect(page.getByTestId('brand-title')).toHaveText('Lumen');
  await page.getByTestId('image-file-input').setInputFiles([images.gradient, images.card]);
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(2);

  const bottle = page.getByRole('combobox', { name: 'What Bouteille été 01.png shows' });
  const card = page.getByRole('combobox', { name: 'What product-card.png shows' });
  await expect(bottle).toHaveValue('hero');
  await expect(card).toHaveValue('detail');
  await expect(page.getByText('The ad opens and ends on the hero shot.')).toBeVisible();
  await card.selectOption({ label: 'Hero shot' });
  // Another hero was chosen: the first picture, never set, is a detail now.
  await expect(bottle).toHaveValue('detail');
  await bottle.selectOption({ label: 'Lifestyle' });
  await expect(bottle).toHaveValue('lifestyle');
  await screenshot(page, 'h22-06-product-roles');

  await page.reload();
  await page.getByTestId('brand-card').click();
  await expect(page.getByRole('combobox', { name: 'What Bouteille été 01.png shows' })).toHaveValue('lifestyle');
  await expect(page.getByRole('combobox', { name: 'What product-card.png shows' })).toHaveValue('hero');

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: 'New ad' }).click();
  const newAd = page.getByRole('dialog', { name: 'New ad' });
  await newAd.getByTestId('new-ad-page-url').fill('https://shop.example.com/products/lumen-cold-brew');
  await expect(newAd.getByTestId('new-ad-page-url')).toHaveValue('https://shop.example.com/products/lumen-cold-brew');
  await screenshot(page, 'h22-07-new-ad-page-url');
});
