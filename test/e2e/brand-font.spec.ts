/**
 * Issue 22 in Chromium against the real backend: the brand page's font choices are the brand's
 * name drawn in each font; one is picked with the keyboard, kept after a reload; a renamed PNG is
 * refused with the reason and the font stays; the brand's own .ttf is taken and shown as its own
 * choice. No accessibility violations on the page with the fonts.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { makeProductImages, screenshot } from './support';
import { expectAccessible } from './a11y';

let dataDir: string;
let fixturesDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-font-'));
  fixturesDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-font-fixtures-'));
});
test.afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fixturesDir, { recursive: true, force: true });
});

test('brand font: pick with the keyboard, reload, a renamed PNG refused, own .ttf taken', async ({ page }) => {
  test.setTimeout(120_000);
  const images = await makeProductImages(fixturesDir);
  const ttf = join(fixturesDir, 'Lumen Display.ttf');
  copyFileSync(join(dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/montserrat/package.json')), '700Bold/Montserrat_700Bold.ttf'), ttf);
  const fake = join(fixturesDir, 'logo.ttf');
  copyFileSync(images.card, fake);
  harness = await spawnHarness({ dataDir });
  await page.goto(harness.url);

  await page.getByRole('button', { name: 'New brand' }).click();
  const dialog = page.getByRole('dialog', { name: 'New brand' });
  await dialog.getByLabel('Name', { exact: true }).fill('Lumen Café');
  await dialog.getByRole('button', { name: 'Create brand' }).click();
  await expect(page.getByTestId('brand-title')).toHaveText('Lumen Café');

  const group = page.getByRole('radiogroup', { name: 'Brand font' });
  await expect(group.getByRole('radio')).toHaveCount(6);
  const noto = group.getByRole('radio', { name: 'Noto Sans: clean' });
  await expect(noto).toBeChecked();
  // Each choice is a picture of the name in that font, loaded.
  for (const img of await group.locator('img').all()) await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(50);

  // Keyboard: focus the checked radio, arrow down twice → Oswald (Noto → Montserrat → Oswald), saved at once.
  await noto.focus();
  await page.keyboard.press('ArrowDown');
  await expect(group.getByRole('radio', { name: 'Montserrat: geometric sans' })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  const oswald = group.getByRole('radio', { name: 'Oswald: condensed display' });
  await expect(oswald).toBeChecked();
  await expect(page.getByText('Ads of Lumen Café now use Oswald.')).toBeVisible();
  await expectAccessible(page, 'brand page with fonts');
  await screenshot(page, 'h22-10-brand-font-oswald');

  await page.reload();
  await page.getByTestId('brand-card').click();
  await expect(page.getByRole('radiogroup', { name: 'Brand font' }).getByRole('radio', { name: 'Oswald: condensed display' })).toBeChecked();

  // A PNG renamed .ttf: refused by its bytes, Oswald stays.
  await page.getByTestId('font-file').setInputFiles(fake);
  await expect(page.getByTestId('font-error')).toHaveText('“logo.ttf” is not a font file (TrueType .ttf or OpenType .otf). Choose the font file itself.');
  await expect(page.getByRole('radio', { name: 'Oswald: condensed display' })).toBeChecked();
  await page.getByTestId('font-error').scrollIntoViewIfNeeded();
  await screenshot(page, 'h22-11-brand-font-refused');

  // The brand's own font: a seventh choice, checked.
  await page.getByTestId('font-file').setInputFiles(ttf);
  const own = page.getByRole('radio', { name: 'Your font' });
  await expect(own).toBeChecked();
  await expect(page.getByTestId('font-error')).toHaveCount(0);
  await expect(page.getByRole('radiogroup', { name: 'Brand font' }).getByRole('radio')).toHaveCount(7);
  await page.locator('[data-testid^="font-file:"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'h22-12-brand-font-own');
  await page.reload();
  await page.getByTestId('brand-card').click();
  await expect(page.getByRole('radio', { name: 'Your font' })).toBeChecked();
});
