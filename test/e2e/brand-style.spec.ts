/**
 * Issue 9 in Chromium against the real backend (harness): a brand whose style finished learning
 * shows "Your custom brand style is ready" with the standard/custom pair and the yes/no question
 * (the answer is stored and changeable); a brand whose training failed shows why and retries.
 * The data folder is seeded by the real service (offline training of a finished ad's frames).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { repoRoot } from '../harness/renderer-build';
import { screenshot } from './support';

let dir: string;
let harness: HarnessProcess | undefined;
const ids = { kite: randomUUID(), reed: randomUUID() };
const root = repoRoot;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-style-'));
  // Seeded by the real service under tsx (Playwright's loader cannot import the app's JSON modules).
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/e2e/brand-style-seed.ts'), join(dir, 'data'), ids.kite, ids.reed], { cwd: root, stdio: 'inherit' });
  harness = await spawnHarness({ dataDir: join(dir, 'data') });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('ready style: preview pair, yes/no, changeable later; failed style: reason and retry', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(harness!.url);
  await page.getByRole('button', { name: 'Open Kite' }).click();
  const card = page.getByTestId('brand-style');
  await expect(card).toHaveAttribute('data-status', 'ready');
  await expect(card.getByText('Your custom brand style is ready')).toBeVisible();
  const standard = card.getByRole('img', { name: 'A scene in the standard style' });
  const custom = card.getByRole('img', { name: 'The same scene in your custom brand style' });
  await expect(standard).toBeVisible();
  await expect(custom).toBeVisible();
  await expect.poll(() => custom.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect.poll(() => standard.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect(card.getByText('Use custom style for future ads?')).toBeVisible();
  await screenshot(page, 'brand-style-ready');

  await card.getByRole('button', { name: 'Yes, use it' }).click();
  await expect(card.getByText('Future ads use your custom style.')).toBeVisible();
  await card.getByRole('button', { name: 'Use the standard style' }).click();
  await expect(card.getByText('Future ads use the standard style.')).toBeVisible();
  await card.getByRole('button', { name: 'Use the custom style' }).click();
  await expect(card.getByText('Future ads use your custom style.')).toBeVisible();
  const db = new Database(join(dir, 'data', 'zapcut.sqlite'), { readonly: true });
  try {
    expect(db.prepare('SELECT approved FROM lora_models WHERE brand_id = ?').get(ids.kite)).toEqual({ approved: 1 });
  } finally {
    db.close();
  }

  await page.getByRole('button', { name: /Brands/u }).first().click();
  await page.getByRole('button', { name: 'Open Reed' }).click();
  const failed = page.getByTestId('brand-style');
  await expect(failed).toHaveAttribute('data-status', 'failed');
  await expect(failed.getByText('Learning your brand style failed')).toBeVisible();
  await expect(failed.getByText('The trainer ran out of memory. Retry the training.')).toBeVisible();
  await screenshot(page, 'brand-style-failed');
  await failed.getByRole('button', { name: 'Try again' }).click();
  // The retry runs (training → failed again: the ad it learns from is gone) and says why.
  await expect(failed.getByText(/The ad this style learns from is gone/u)).toBeVisible();
  expect(problems).toEqual([]);
});
