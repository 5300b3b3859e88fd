/**
 * The Batch screen (issue 23) in Chromium against the real backend on the offline provider: a
 * 3-row CSV (one row with a length the brief format refuses) is checked row by row and quoted
 * before anything starts; the batch runs, the bad row keeps its error and the other two ads are
 * made (15 s, rendered at a fifth of full size to keep CI time low) and delivered beside the file.
 * Then Cancel and Resume clicked: a 2-row batch cancelled while its first ad is being made shows
 * "Not finished" and lists itself under Unfinished batches; Resume checks it again (finished ads
 * skipped, the unfinished one continues) and the batch finishes with both ads.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { makeProductImages, screenshot } from './support';
import { expectAccessible } from './a11y';

let dataDir: string;
let fixturesDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(async () => {
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  dataDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-batch-'));
  fixturesDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-batch-fx-'));
  harness = await spawnHarness({ dataDir });
});

test.afterAll(async () => {
  await harness?.close();
  delete process.env.ZAPCUT_RENDER_SCALE;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fixturesDir, { recursive: true, force: true });
});

test('a batch file: rows checked, quote first, the bad row named, the others made', async ({ page }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));

  mkdirSync(join(fixturesDir, 'images'));
  const { gradient, card } = await makeProductImages(join(fixturesDir, 'images'));
  const rel = (p: string) => `images/${p.split('/').at(-1)}`;
  const csv = join(fixturesDir, 'spring.csv');
  writeFileSync(
    csv,
    [
      'brand.name,brand.description,product.name,product.description,product.audience,product.benefit,product.images,lengthSeconds,aspect',
      `Luna Coffee,"Small-batch cold brew, Portland.",Luna Cold Brew,Smooth organic cold brew.,busy professionals,calm energy,${rel(gradient)},15,16:9`,
      `Luna Coffee,"Small-batch cold brew, Portland.",Luna Oat Latte,Creamy oat latte in a can.,commuters,a smooth start,${rel(card)},20,16:9`,
      `Luna Coffee,"Small-batch cold brew, Portland.",Luna Decaf,All of the taste without the caffeine.,night owls,calm evenings,${rel(gradient)},15,9:16`,
    ].join('\n'),
  );

  await page.goto(harness!.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Batch' }).click();
  await expect(page.getByRole('heading', { name: 'Batch', level: 1 })).toBeVisible();
  await expectAccessible(page, 'batch (empty)');

  // Keyboard only: type the path, Enter checks and quotes.
  const field = page.getByRole('textbox', { name: 'Batch file (.csv or .jsonl)' });
  await field.fill(csv);
  await field.press('Enter');
  const rows = page.getByTestId('batch-preview-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-state', 'ready');
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'invalid');
  await expect(rows.nth(1).getByTestId('batch-row-error')).toContainText('Row 2 (line 3)');
  await expect(rows.nth(1).getByTestId('batch-row-error')).toContainText('lengthSeconds');
  await expect(rows.nth(2)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('batch-quote-line')).toHaveText('2 ads to make on this computer — free.');
  await expect(page.getByTestId('batch-out-dir')).toHaveText(join(fixturesDir, 'spring-ads'));
  // Nothing is made before the user starts it.
  expect(existsSync(join(fixturesDir, 'spring-ads'))).toBe(false);
  await expect(rows.nth(1)).toContainText('Luna Oat Latte');
  await expectAccessible(page, 'batch (quote)');
  await page.getByTestId('batch-quote').scrollIntoViewIfNeeded();
  await screenshot(page, 'batch-01-quote');

  await page.getByRole('button', { name: 'Make 2 ads' }).click();
  const run = page.getByTestId('batch-run');
  await expect(run).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Whole batch' })).toBeVisible();
  await expect(page.getByTestId('batch-run-row').nth(1)).toHaveAttribute('data-status', 'invalid');
  await expect(page.locator('[data-testid="batch-run-row"][data-status="running"]').first()).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'batch (running)');
  await screenshot(page, 'batch-02-running');

  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 200_000 });
  await expect(page.getByTestId('batch-summary-line')).toHaveText('2 of 3 ads made.');
  const failed = page.getByTestId('batch-failed-row');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('Row 2 (line 3)');
  await expect(failed).toContainText('lengthSeconds');
  const statuses = await page.getByTestId('batch-run-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(statuses).toEqual(['done', 'invalid', 'done']);
  for (const name of ['01-luna-cold-brew-15s-16x9.mp4', '03-luna-decaf-15s-9x16.mp4']) {
    expect(statSync(join(fixturesDir, 'spring-ads', name)).size).toBeGreaterThan(10_000);
  }
  await expectAccessible(page, 'batch (summary)');
  await screenshot(page, 'batch-03-summary');
  expect(problems).toEqual([]);
});

test('Cancel a running batch, then Resume it from Unfinished batches: it finishes', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(join(fixturesDir, 'images-2'));
  const { gradient } = await makeProductImages(join(fixturesDir, 'images-2'));
  const csv = join(fixturesDir, 'autumn.csv');
  writeFileSync(
    csv,
    [
      'brand.name,brand.description,product.name,product.description,product.audience,product.benefit,product.images,lengthSeconds,aspect',
      `Luna Coffee,"Small-batch cold brew, Portland.",Luna Nitro,Cold brew on nitrogen.,busy professionals,a smooth lift,images-2/${gradient.split('/').at(-1)},15,16:9`,
      `Luna Coffee,"Small-batch cold brew, Portland.",Luna Mocha,Cold brew with cocoa.,night owls,a sweet calm,images-2/${gradient.split('/').at(-1)},15,16:9`,
    ].join('\n'),
  );
  await page.goto(harness!.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Batch' }).click();
  await expect(page.getByRole('heading', { name: 'Batch', level: 1 })).toBeVisible();
  // The screen loads the backend's current batch (the first test's, finished) after navigation:
  // wait for its summary, then start from a new file. (The tests of this file run in order on one harness.)
  const again = page.getByRole('button', { name: 'Check another file' });
  await expect(again).toBeVisible();
  await again.click();
  const field = page.getByRole('textbox', { name: 'Batch file (.csv or .jsonl)' });
  await field.fill(csv);
  await field.press('Enter');
  await expect(page.getByTestId('batch-quote-line')).toHaveText('2 ads to make on this computer — free.');
  await page.getByRole('button', { name: 'Make 2 ads' }).click();
  const run = page.getByTestId('batch-run');
  await expect(page.locator('[data-testid="batch-run-row"][data-status="running"]').first()).toBeVisible({ timeout: 60_000 });

  // Cancel while the first ad is being made: the batch stops, nothing is marked made that was not.
  await page.getByRole('button', { name: 'Cancel the batch' }).click();
  await expect(run).toHaveAttribute('data-status', 'cancelled', { timeout: 120_000 });
  await expect(page.getByTestId('batch-summary')).toContainText('The batch was cancelled.');
  const after = await page.getByTestId('batch-run-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(after).not.toContain('running');
  expect(after.filter((x) => x === 'done').length).toBeLessThan(2);
  await screenshot(page, 'batch-04-cancelled');

  // Resume from Unfinished batches: the file is checked again, then the rest is made.
  await page.getByRole('button', { name: 'Check another file' }).click();
  const unfinished = page.getByTestId('batch-unfinished');
  await expect(unfinished).toContainText('autumn.csv');
  await unfinished.getByRole('button', { name: 'Resume' }).first().click();
  const rows = page.getByTestId('batch-preview-row');
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).not.toContain('invalid');
  await expectAccessible(page, 'batch (resume)');
  await page.getByRole('button', { name: /^Make \d ads?$/ }).click();
  await expect(page.getByTestId('batch-run')).toHaveAttribute('data-status', 'finished', { timeout: 240_000 });
  await expect(page.getByTestId('batch-summary-line')).toHaveText('2 of 2 ads made.');
  for (const name of ['01-luna-nitro-15s-16x9.mp4', '02-luna-mocha-15s-16x9.mp4']) expect(statSync(join(fixturesDir, 'autumn-ads', name)).size).toBeGreaterThan(10_000);
  await screenshot(page, 'batch-05-resumed');
});

