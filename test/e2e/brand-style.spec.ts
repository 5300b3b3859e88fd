/**
 * Issue 9 in Chromium against the real backend (harness): a brand whose style finished learning
 * shows "Your custom brand style is ready" with the standard/custom pair and the yes/no question
 * (the answer is stored and changeable); a brand whose training failed shows why and retries;
 * a training running through the proxy (a stand-in) is cancelled from the brand page.
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
import { startFakeProxy, type FakeProxy } from './brand-style-proxy';

let dir: string;
let harness: HarnessProcess | undefined;
const ids = { kite: randomUUID(), reed: randomUUID(), lark: randomUUID() };
let proxy: FakeProxy | undefined;
const root = repoRoot;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-style-'));
  // Seeded by the real service under tsx (Playwright's loader cannot import the app's JSON modules).
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/e2e/brand-style-seed.ts'), join(dir, 'data'), ids.kite, ids.reed, ids.lark], { cwd: root, stdio: 'inherit' });
  harness = await spawnHarness({ dataDir: join(dir, 'data') });
  proxy = await startFakeProxy();
});

test.afterAll(async () => {
  await harness?.close();
  await proxy?.close();
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
  // An honest count: the one product picture the brand has and the frames picked from its ad
  // (issue 19 #11: "Learned from 17 images" after uploading 2).
  await expect(card.getByTestId('style-trained-on')).toHaveText(/^Learned from 1 product picture and [0-9]+ frames? of your finished ad$/u);
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

test('a training running through the proxy can be cancelled from the brand page, then retried', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(harness!.url);
  // Sign in to the stand-in proxy the way a user does: Settings → Proxy URL, Account → sign up.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Service URL').fill(proxy!.url);
  await page.getByTestId('settings-proxy').getByRole('button', { name: 'Save' }).click();
  await nav.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Email').fill('lark@zapcut.test');
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Signed in as lark@zapcut.test').waitFor();

  await nav.getByRole('button', { name: /Brands/u }).click();
  await page.getByRole('button', { name: 'Open Lark' }).click();
  const card = page.getByTestId('brand-style');
  await expect(card).toHaveAttribute('data-status', 'failed');
  await card.getByRole('button', { name: 'Try again' }).click();
  await expect(card).toHaveAttribute('data-status', 'training');
  await expect(card.getByText('This runs in the background and keeps going if you close Zapcut.')).toBeVisible();
  // The training exists at the proxy before we cancel it there.
  await expect.poll(() => proxy!.seen.some((r) => r.method === 'POST' && r.path === '/v1/trainings')).toBe(true);
  await screenshot(page, 'brand-style-training');
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByText('You cancelled learning your brand style')).toBeVisible();
  await expect(card.getByText('Future ads use the standard style. Try again whenever you like.')).toBeVisible();
  expect(proxy!.seen).toContainEqual({ method: 'POST', path: '/v1/trainings/tr_1/cancel' });
  await screenshot(page, 'brand-style-cancelled');

  // Retry after a cancel trains again (a new training at the proxy).
  await card.getByRole('button', { name: 'Try again' }).click();
  await expect(card).toHaveAttribute('data-status', 'training');
  await expect.poll(() => proxy!.seen.filter((r) => r.method === 'POST' && r.path === '/v1/trainings').length).toBe(2);
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByText('You cancelled learning your brand style')).toBeVisible();
  expect(problems).toEqual([]);
});
