/**
 * Issue 22 in Chromium against the real backend: a product picture's role is set on the brand
 * page and kept after a reload (the first picture starts as the hero; choosing another hero makes
 * it a detail), the New ad dialog's product-page field, and the storyboard in the chat showing the
 * picture each scene will use (the hero shot), again after a revision.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
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
  await newAd.getByTestId('new-ad-page-url').fill('');
  await newAd.getByRole('button', { name: 'Start the chat' }).click();

  // The scripted chat (offline) to a drafted storyboard.
  const last = () => page.getByTestId('chat-assistant').last();
  const answer = async (text: string, reply: string) => {
    const box = page.getByRole('textbox', { name: 'Your answer' });
    await box.fill(text);
    await box.press('Enter');
    await expect(page.getByTestId('chat-user').last()).toContainText(text);
    await expect(last()).toContainText(reply);
  };
  const pick = async (option: string, reply: string) => {
    await page.getByTestId('chat-options').getByRole('button', { name: option }).click();
    await expect(last()).toContainText(reply);
  };
  await expect(last()).toContainText('Tell me about Lumen');
  await answer('Small-batch coffee for night owls.', 'Which product is this ad for?');
  await answer('Lumen Cold Brew', 'Describe Lumen Cold Brew');
  await answer('Cold brew coffee, steeped for 18 hours, in a glass bottle.', 'Who is');
  await answer('Night-shift nurses and students', 'one benefit');
  await answer('Calm focus that lasts all night', 'product image');
  await pick('Yes, use them', 'How long should your ad be?');
  await pick('15 s · Stories, Reels, TikTok', 'Which format?');
  await pick('9:16 vertical', 'What tone');
  await pick('Warm and calm', 'what should viewers do');
  await answer('Shop now at lumen.coffee', "Here's the brief");
  await page.getByTestId('chat-options').getByRole('button', { name: 'Looks good, draft it' }).click();
  await expect(page.getByTestId('storyboard')).toBeVisible({ timeout: 60_000 });

  // Under the message that presents the storyboard: every scene with the picture it will use.
  const strip = page.getByTestId('chat-scene-pictures');
  await expect(strip).toHaveCount(1);
  const count = await page.getByTestId('scene-card').count();
  await expect(strip.getByTestId('chat-scene-picture')).toHaveCount(count);
  await expect(strip.getByRole('img', { name: /^Scene 1, .*: the hero product shot$/u })).toBeVisible();
  expect(await loaded(page)).toEqual(Array(count).fill(true));
  await strip.scrollIntoViewIfNeeded();
  await screenshot(page, 'h22-08-chat-scene-pictures');

  // A revision in plain words: the new version's message shows the pictures; the draft's no longer does.
  await answer('swap 1 and 2', 'The storyboard now:');
  await expect(page.getByTestId('chat-scene-pictures')).toHaveCount(1);
  await expect(last().locator('xpath=..').getByTestId('chat-scene-pictures')).toHaveCount(1);
  await screenshot(page, 'h22-09-chat-scene-pictures-revised');
});

/** Whether each scene picture in the chat loaded (decoded, not a broken image). */
async function loaded(page: Page): Promise<boolean[]> {
  return page.getByTestId('chat-scene-picture').evaluateAll((imgs) => imgs.map((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0));
}
