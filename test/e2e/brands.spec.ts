/**
 * The issue-2 flow end to end, in Chromium, against the real backend (SQLite, media store, FFmpeg
 * thumbnails) through the contract harness: create a brand (emoji + RTL name), import two images
 * (file picker and drag-and-drop), see thumbnails, edit, restart the backend on the same data
 * folder, find everything again, delete an image, and delete a brand that has ads (CONFLICT →
 * explicit forced delete).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { makeImage, makeWordmarkLogo } from '../../src/backend/media-import/fixtures';
import { dropFiles, makeProductImages, screenshot } from './support';

const brandName = 'Lumen ☕️ قهوة لومن 🚀';
const description = 'Small-batch coffee for night owls.';
const guidelines = 'Warm, calm, never shouty. Always show the bottle upright.';

let dataDir: string;
let fixturesDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-brands-'));
  fixturesDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-fixtures-'));
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fixturesDir, { recursive: true, force: true });
});

/** Fails the test on any console error (CSP violations included) or uncaught page error. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

async function thumbnailWidths(page: Page): Promise<number[]> {
  return page
    .getByTestId('image-thumbnail')
    .evaluateAll((imgs) => imgs.map((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth));
}

test('create a brand, import images, edit, restart, delete', async ({ page }) => {
  // Three FFmpeg imports of the logo and a backend restart: slow when the machine is shared.
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const images = await makeProductImages(fixturesDir);

  harness = await spawnHarness({ dataDir });
  await page.goto(harness.url);

  // 1. Empty library.
  await expect(page.getByRole('heading', { name: 'Brands', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Create your first brand' })).toBeVisible();
  await screenshot(page, '01-brands-empty');

  // 2. Create: emoji + RTL name, two colours (picker value via the hex field).
  await page.getByRole('button', { name: 'New brand' }).click();
  const dialog = page.getByRole('dialog', { name: 'New brand' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Create brand' }).click();
  await expect(dialog.getByText('Give the brand a name.')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(brandName);
  await expect(dialog.getByText('Give the brand a name.')).toBeHidden();
  await dialog.getByLabel('Description').fill(description);
  await dialog.getByLabel('Guidelines').fill(guidelines);
  await dialog.getByRole('button', { name: 'Add colour' }).click();
  await dialog.getByLabel('Colour 1 hex value').fill('#F2A65A');
  await dialog.getByRole('button', { name: 'Add colour' }).click();
  await expect(dialog.getByLabel('Colour 2 hex value')).toHaveValue('#8B6CFF');
  await screenshot(page, '02-brand-create-dialog');
  await dialog.getByRole('button', { name: 'Create brand' }).click();

  await expect(page.getByTestId('brand-title')).toHaveText(brandName);
  await expect(page.getByRole('status').filter({ hasText: 'Brand created' })).toBeVisible();

  // 3. Two product images: one through the file picker, one dropped onto the drop zone.
  await page.getByTestId('image-file-input').setInputFiles(images.gradient);
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(1);
  await dropFiles(page, '[data-testid=image-dropzone]', [{ name: 'product-card.png', mimeType: 'image/png', bytes: readFileSync(images.card) }]);
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(2);
  await expect.poll(() => thumbnailWidths(page)).toEqual([expect.any(Number), expect.any(Number)]);
  await expect.poll(async () => (await thumbnailWidths(page)).every((w) => w > 0)).toBe(true);
  await expect(page.getByText('Bouteille été 01.png')).toBeVisible();
  await expect(page.getByText('320 × 240').first()).toBeVisible();
  await page.mouse.move(0, 0);
  await screenshot(page, '03-brand-detail-with-images');

  // A text file renamed .png: the backend refuses it and the UI says so in words (errors.<CODE>).
  const fake = join(fixturesDir, 'notes.png');
  writeFileSync(fake, 'this is not an image\n');
  await page.getByTestId('image-file-input').setInputFiles(fake);
  const alert = page.getByRole('alert').filter({ hasText: "That file type isn't supported" });
  await expect(alert).toBeVisible();
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(2);
  await screenshot(page, '03b-unsupported-file-toast');
  await alert.getByRole('button', { name: 'Dismiss notification' }).click();

  // 4. Edit: new description, a third colour.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit brand' });
  await expect(edit.getByLabel('Name', { exact: true })).toHaveValue(brandName);
  await edit.getByLabel('Description').fill(`${description} Roasted in Lisbon.`);
  await edit.getByRole('button', { name: 'Add colour' }).click();
  await edit.getByLabel('Colour 3 hex value').fill('#1d3557');
  // The logo: a refused file keeps the form open with the reason under the field (the rest is saved);
  // a good one shows its preview and is saved with the brand.
  await edit.getByTestId('logo-file-input').setInputFiles(makeImage(join(fixturesDir, 'favicon.png'), 'testsrc2=s=100x30'));
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByTestId('logo-error')).toContainText('The logo “favicon.png” is only 100×30 px');
  await edit.getByTestId('logo-file-input').setInputFiles(makeWordmarkLogo(join(fixturesDir, 'lumen-logo.png')));
  await expect(edit.getByTestId('logo-error')).toBeHidden();
  await expect(edit.getByRole('img', { name: 'Logo: lumen-logo.png' })).toBeVisible();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(`${description} Roasted in Lisbon.`)).toBeVisible();
  await expect(page.getByTestId('brand-colors').getByRole('listitem')).toHaveText(['#F2A65A', '#8B6CFF', '#1D3557']);

  // 5. The grid shows the card. A brand used by nothing deletes on the first confirmation.
  await page.getByRole('button', { name: 'All brands' }).click();
  await page.getByRole('button', { name: 'New brand' }).click();
  await page.getByRole('dialog', { name: 'New brand' }).getByLabel('Name', { exact: true }).fill('Short-lived');
  await page.getByRole('dialog', { name: 'New brand' }).getByRole('button', { name: 'Create brand' }).click();
  await expect(page.getByTestId('brand-title')).toHaveText('Short-lived');
  await page.getByRole('button', { name: 'Delete brand' }).click();
  await page.getByRole('dialog', { name: 'Delete Short-lived?' }).getByRole('button', { name: 'Delete brand' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brand deleted' })).toBeVisible();
  const card = page.getByTestId('brand-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(brandName);
  await expect(card).toContainText('2 images');
  await page.mouse.move(0, 0);
  await screenshot(page, '04-brands-grid');

  // 6. Restart the backend on the same data folder: everything is still there.
  await harness.close();
  harness = await spawnHarness({ dataDir });
  await page.goto(harness.url);
  await expect(page.getByTestId('brand-card')).toHaveCount(1);
  await page.getByTestId('brand-card').click();
  await expect(page.getByTestId('brand-title')).toHaveText(brandName);
  await expect(page.getByText(`${description} Roasted in Lisbon.`)).toBeVisible();
  await expect(page.getByText(guidelines)).toBeVisible();
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(2);
  await expect.poll(async () => (await thumbnailWidths(page)).every((w) => w > 0)).toBe(true);
  // The brand page shows its logo (on the mid-grey board the form uses: a dark logo reads on it).
  await expect.poll(() => page.getByTestId('brand-logo').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await screenshot(page, '05-brand-after-restart');
  // The saved logo comes back from the data folder (its thumbnail on the media protocol), with its warning.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Edit brand' });
  await expect(again.getByRole('img', { name: 'Logo: lumen-logo.png' })).toBeVisible();
  await expect.poll(() => again.getByTestId('logo-preview').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect(again.getByTestId('logo-warning')).toContainText('Low resolution: the logo is');
  await again.getByTestId('logo-field').scrollIntoViewIfNeeded();
  await screenshot(page, '05b-brand-form-logo');
  await again.getByRole('button', { name: 'Cancel' }).click();

  // 7. Delete one image (confirm dialog).
  await page.getByRole('button', { name: 'Delete image product-card.png' }).click();
  await page.getByRole('dialog', { name: 'Delete this image?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(1);

  // 8. A brand with ads: the backend refuses (CONFLICT); the dialog offers the forced delete.
  await harness.close();
  harness = undefined;
  const db = new Database(join(dataDir, 'zapcut.sqlite'));
  const brandId = (db.prepare('SELECT id FROM brands').get() as { id: string }).id;
  const now = new Date().toISOString();
  db.prepare('INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run('ad-e2e-1', brandId, 'Launch teaser', now, now);
  db.close();
  harness = await spawnHarness({ dataDir });
  await page.goto(harness.url);
  await page.getByTestId('brand-card').click();
  await page.getByRole('button', { name: 'Delete brand' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${brandName}?` });
  await confirm.getByRole('button', { name: 'Delete brand' }).click();
  await expect(confirm.getByRole('alert')).toContainText('This brand has ads');
  await screenshot(page, '06-delete-brand-conflict');
  await confirm.getByRole('button', { name: 'Delete brand and its ads' }).click();
  await expect(page.getByRole('heading', { name: 'Create your first brand' })).toBeVisible();

  const after = new Database(join(dataDir, 'zapcut.sqlite'), { readonly: true });
  try {
    expect(after.prepare('SELECT COUNT(*) AS n FROM brands').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT COUNT(*) AS n FROM ad_projects').get()).toEqual({ n: 0 });
  } finally {
    after.close();
  }
  expect(problems).toEqual([]);
});
