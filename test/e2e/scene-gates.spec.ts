/**
 * The continuity check in the generation panel (issue 21), in Chromium against the real backend
 * (harness): a service run's gate figures per scene with the reasons in the user's words (not the
 * pipeline's English), a scene made once more and why; and an offline run, whose scenes are not
 * measured, says so. Runs are seeded straight into the harness's database the way the pipeline
 * records them (run_steps.output_json of `scene:<n>`), with real thumbnails in the media store.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import { expectAccessible } from './a11y';
import { screenshot } from './support';

let dir: string;
let harness: HarnessProcess | undefined;

/** A 320×180 still stored in the harness's media store (data/media/<aa>/<sha>); returns its sha. */
async function storeStill(dataDir: string, source: string): Promise<string> {
  const file = join(dir, `${randomUUID()}.png`);
  await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-f', 'lavfi', '-i', `${source}=s=320x180`, '-frames:v', '1'], output: file });
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  mkdirSync(join(dataDir, 'media', sha.slice(0, 2)), { recursive: true });
  copyFileSync(file, join(dataDir, 'media', sha.slice(0, 2), sha));
  return sha;
}

const measure = (o: Partial<Record<string, number | null>> = {}) => ({ firstSsim: 0.987, lastSsim: 0.991, blackSeconds: 0, frozenSeconds: 0, durationS: 5, width: 1280, height: 720, ...o });

function seed(dbPath: string, title: string, provider: 'proxy' | 'offline', status: 'failed' | 'cancelled', scenes: Array<object | null>, error: string | null): void {
  const db = new Database(dbPath);
  try {
    const now = new Date().toISOString();
    const brand = randomUUID();
    const project = randomUUID();
    const run = randomUUID();
    db.prepare('INSERT INTO brands (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(brand, `${title} brand`, now, now);
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, brief_json, length_seconds, status, chat_stage, created_at, updated_at) VALUES (?, ?, ?, ?, 15, ?, 'generate_video', ?, ?)").run(
      project,
      brand,
      title,
      JSON.stringify({ slots: { productName: title, lengthSeconds: 15, aspect: '16:9' } }),
      status,
      now,
      now,
    );
    db.prepare('INSERT INTO runs (id, project_id, provider, status, input_json, error_code, error_message, cost_cents, created_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)').run(
      run,
      project,
      provider,
      status,
      JSON.stringify({ brief: { scenesHint: scenes.length, aspect: '16:9', lengthSeconds: 15 } }),
      error ? 'PROVIDER' : null,
      error,
      now,
      now,
      now,
    );
    scenes.forEach((out, i) => {
      if (out) db.prepare("INSERT INTO run_steps (run_id, step_id, status, output_json, started_at, finished_at) VALUES (?, ?, 'done', ?, ?, ?)").run(run, `scene:${i + 1}`, JSON.stringify(out), now, now);
    });
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-gates-'));
  const dataDir = join(dir, 'data');
  harness = await spawnHarness({ dataDir });
  const dbPath = join(dataDir, 'zapcut.sqlite');
  const thumbs = [await storeStill(dataDir, 'testsrc2'), await storeStill(dataDir, 'smptebars'), await storeStill(dataDir, 'mandelbrot')];
  const firstTry = measure({ firstSsim: 0.812 });
  seed(
    dbPath,
    'Gated Serum',
    'proxy',
    'failed',
    [
      { index: 1, lastFrame: thumbs[0], anchored: true, gate: { measure: measure(), failed: [], reasons: [], regeneratedFrom: null } },
      {
        index: 2,
        lastFrame: thumbs[1],
        anchored: true,
        gate: { measure: measure({ firstSsim: 0.979 }), failed: [], reasons: [], regeneratedFrom: { measure: firstTry, failed: ['its first frame does not match the frame it had to start on (SSIM 0.812 < 0.95)'], reasons: [{ code: 'firstFrame', ssim: 0.812, min: 0.95 }] } },
      },
      {
        index: 3,
        lastFrame: thumbs[2],
        anchored: true,
        gate: {
          measure: measure({ lastSsim: 0.903, frozenSeconds: 3.4 }),
          failed: ['(pipeline words)'],
          reasons: [
            { code: 'lastFrame', ssim: 0.903, min: 0.95 },
            { code: 'frozen', seconds: 3.4, of: 5 },
          ],
          regeneratedFrom: { measure: measure({ lastSsim: 0.88 }), failed: ['(pipeline words)'], reasons: [{ code: 'lastFrame', ssim: 0.88, min: 0.95 }] },
        },
      },
    ],
    'Stage "music" failed: music failed at the provider.',
  );
  seed(dbPath, 'Offline Serum', 'offline', 'cancelled', [{ index: 1, lastFrame: thumbs[0], gate: null }, { index: 2, lastFrame: thumbs[1], gate: null }, null], null);
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the continuity check per scene: figures, reasons in words, a scene made once more; offline says it measured nothing', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(harness!.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();

  await page.getByRole('button', { name: 'Open Gated Serum' }).click();
  const gates = page.getByTestId('scene-gates');
  await expect(gates).toHaveAttribute('data-gated', 'true');
  const rows = gates.getByTestId('scene-gate');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Passed first time');
  await expect(rows.nth(0)).toContainText('0.987');
  await expect(rows.nth(1)).toHaveAttribute('data-retried', 'true');
  await expect(rows.nth(1)).toContainText('Made once more because its first frame does not match the picture it had to start on (SSIM 0.812, below 0.95)');
  await expect(rows.nth(2)).toHaveAttribute('data-passed', 'false');
  await expect(rows.nth(2)).toContainText('Failed: its last frame does not match the picture it had to end on (SSIM 0.903, below 0.95); 3.4 s of its 5.0 s stands still');
  // The app words the figures; the pipeline's English is never shown.
  await expect(gates).not.toContainText('(pipeline words)');
  await gates.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await screenshot(page, 'h21-gate-table');
  await expectAccessible(page, 'the continuity check');

  await page.getByRole('button', { name: 'All ads' }).click();
  await page.getByRole('button', { name: 'Open Offline Serum' }).click();
  await expect(page.getByTestId('scene-thumbnail')).toHaveCount(2);
  await expect(gates).toHaveAttribute('data-gated', 'false');
  await expect(gates).toContainText('No figures for this ad: its scenes were drawn on this computer');
  await expect(gates.getByTestId('scene-gate')).toHaveCount(0);
  await gates.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await screenshot(page, 'h21-gate-offline');
  expect(problems).toEqual([]);
});
