/**
 * The caption look is picked where the creator sets the ad up (issue 16): under the brief's
 * summary in the chat, as pictures of each look drawn by the ads' own text engine; the pick is
 * saved into the brief (and so the ad's captions). Chromium, the real backend, offline provider.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { makeProductImages, screenshot } from './support';
import { expectAccessible } from './a11y';

let dataDir: string;
let fixturesDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(async () => {
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  dataDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-caption-look-'));
  fixturesDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-caption-look-fx-'));
  harness = await spawnHarness({ dataDir });
});

test.afterAll(async () => {
  await harness?.close();
  delete process.env.ZAPCUT_RENDER_SCALE;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fixturesDir, { recursive: true, force: true });
});

const lastAssistant = (page: Page) => page.getByTestId('chat-assistant').last();

async function answer(page: Page, text: string, expectReply: string | RegExp) {
  const box = page.getByRole('textbox', { name: 'Your answer' });
  await box.fill(text);
  await box.press('Enter');
  await expect(lastAssistant(page)).toContainText(expectReply);
}

async function pick(page: Page, option: string, expectReply: string | RegExp) {
  await page.getByTestId('chat-options').getByRole('button', { name: option }).click();
  await expect(lastAssistant(page)).toContainText(expectReply);
}

test('the caption look is picked from pictures under the brief and saved into it', async ({ page }) => {
  test.setTimeout(400_000);
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const images = await makeProductImages(fixturesDir);
  await page.goto(harness!.url);

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Brands' }).click();
  await page.getByRole('button', { name: 'New brand' }).click();
  const dialog = page.getByRole('dialog', { name: 'New brand' });
  await dialog.getByLabel('Name', { exact: true }).fill('Lumen');
  await dialog.getByLabel('Description').fill('Small-batch coffee for night owls.');
  await dialog.getByRole('button', { name: 'Create brand' }).click();
  await expect(page.getByTestId('brand-title')).toHaveText('Lumen');
  await page.getByTestId('image-file-input').setInputFiles(images.gradient);
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(1);

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: 'New ad' }).click();
  await page.getByRole('dialog', { name: 'New ad' }).getByRole('button', { name: 'Start the chat' }).click();
  await expect(lastAssistant(page)).toContainText('Which product is this ad for?');
  await answer(page, 'Lumen Cold Brew', 'Describe Lumen Cold Brew');
  await answer(page, 'Cold brew coffee, steeped for 18 hours.', 'Who is');
  await answer(page, 'Night-shift nurses', 'one benefit');
  await answer(page, 'Calm focus that lasts all night', 'product image');
  await pick(page, 'Yes, use them', 'How long should your ad be?');
  await pick(page, '15 s · Stories, Reels, TikTok', 'Which format?');
  await pick(page, '9:16 vertical', 'What tone');
  await pick(page, 'Warm and calm', 'what should viewers do');
  await answer(page, 'Shop now at lumen.coffee', "Here's the brief");
  await expect(lastAssistant(page)).toContainText('• Captions: pop');

  // Three looks, each a picture the text engine drew (loaded, not a broken image); pop until another is picked.
  const looks = page.getByRole('radiogroup', { name: /Caption look/u });
  await expect(looks.getByRole('radio')).toHaveCount(3);
  await expect(looks.getByRole('radio', { name: 'Pop' })).toHaveAttribute('aria-checked', 'true');
  const pictures = page.getByTestId('caption-look-picture');
  await expect(pictures).toHaveCount(3);
  for (const img of await pictures.all()) await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(40);
  await expectAccessible(page, 'the brief summary with the caption looks');
  await screenshot(page, 'h16b-caption-looks-pop');

  await looks.getByRole('radio', { name: 'Karaoke' }).click();
  await expect(lastAssistant(page)).toContainText('Karaoke captions.');
  await expect(lastAssistant(page)).toContainText('• Captions: karaoke');
  await expect(page.getByRole('radiogroup', { name: /Caption look/u }).getByRole('radio', { name: 'Karaoke' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('chat-user').last()).toContainText('Captions: karaoke');
  await screenshot(page, 'h16b-caption-looks-karaoke');

  // Drafting keeps it: the brief the ad is made from has the look.
  await page.getByTestId('chat-options').getByRole('button', { name: 'Looks good, draft it' }).click();
  await expect(page.getByTestId('storyboard')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('radiogroup', { name: /Caption look/u })).toHaveCount(0);
  // …and the ad is made with it: the run's brief has the look and every caption of the ad's timeline wears it.
  await page.getByRole('button', { name: 'Approve and generate' }).click();
  await expect(page.getByTestId('result')).toBeVisible({ timeout: 300_000 });
  const db = new Database(join(dataDir, 'zapcut.sqlite'), { readonly: true });
  try {
    const project = db.prepare("SELECT id, brief_json AS slots FROM ad_projects WHERE title = 'Lumen Cold Brew'").get() as { id: string; slots: string };
    expect(project.slots).toContain('"captionStyle":"karaoke"');
    const run = db.prepare('SELECT input_json AS input FROM runs WHERE project_id = ?').get(project.id) as { input: string };
    expect(run.input).toContain('"captionStyle":"karaoke"');
    const doc = db.prepare('SELECT document_json AS doc FROM timelines WHERE project_id = ? ORDER BY version DESC LIMIT 1').get(project.id) as { doc: string };
    const looks = [...doc.doc.matchAll(/"role":"caption"[^]*?"look":"(\w+)"/gu)].map((m) => m[1]);
    expect(looks.length).toBeGreaterThan(2);
    expect(new Set(looks)).toEqual(new Set(['karaoke']));
  } finally {
    db.close();
  }
  expect(problems).toEqual([]);
});
