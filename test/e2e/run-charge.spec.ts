/**
 * Issue 6 in Chromium against the real backend (harness): a proxy run shows what the user pays —
 * the video and where it is paid from — not the provider-spend estimate. Runs are seeded straight
 * into the harness's database the way the proxy family records them (runs.charge_json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { screenshot } from './support';

let dir: string;
let harness: HarnessProcess | undefined;

function seed(dbPath: string, title: string, charge: object, error: string): void {
  const db = new Database(dbPath);
  try {
    const now = new Date().toISOString();
    const brand = randomUUID();
    const project = randomUUID();
    db.prepare('INSERT INTO brands (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(brand, `${title} brand`, now, now);
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, brief_json, length_seconds, status, chat_stage, created_at, updated_at) VALUES (?, ?, ?, ?, 15, 'failed', 'generate_video', ?, ?)").run(
      project,
      brand,
      title,
      JSON.stringify({ slots: { productName: title, lengthSeconds: 15, aspect: '16:9' } }),
      now,
      now,
    );
    db.prepare(
      "INSERT INTO runs (id, project_id, provider, status, input_json, error_code, error_message, cost_cents, charge_json, reservation_id, created_at, updated_at, finished_at) VALUES (?, ?, 'proxy', 'failed', ?, 'PROVIDER', ?, 137, ?, ?, ?, ?, ?)",
    ).run(randomUUID(), project, JSON.stringify({ brief: { scenesHint: 3, aspect: '16:9', lengthSeconds: 15 } }), error, JSON.stringify(charge), (charge as { videoId: string }).videoId, now, now, now);
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-charge-'));
  harness = await spawnHarness({ dataDir: join(dir, 'data') });
  const dbPath = join(dir, 'data', 'zapcut.sqlite');
  seed(dbPath, 'Kite Refunded', { videoId: 'vid_a', source: 'free', costCents: 0, status: 'refunded' }, 'Stage "references" failed: image failed at the provider.');
  seed(dbPath, 'Reed Charged', { videoId: 'vid_b', source: 'credits', costCents: 500, status: 'committed' }, 'Stage "scene:3" failed: video failed at the provider.');
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a proxy run shows the video it was paid with: given back, or charged from credits', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(harness!.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();

  await page.getByRole('button', { name: 'Open Kite Refunded' }).click();
  await expect(page.getByTestId('run-error')).toContainText('image failed at the provider');
  await expect(page.getByTestId('run-charge')).toHaveText('Nothing charged: one free video was given back');
  await expect(page.getByTestId('run-cost')).toHaveCount(0);
  await screenshot(page, 'charge-01-refunded');

  await page.getByRole('button', { name: 'All ads' }).click();
  await page.getByRole('button', { name: 'Open Reed Charged' }).click();
  await expect(page.getByTestId('run-charge')).toHaveText('Charged: $5.00 of credits');
  await expect(page.getByTestId('run-charge')).toHaveAttribute('data-status', 'committed');
  await screenshot(page, 'charge-02-committed');
  expect(problems).toEqual([]);
});
