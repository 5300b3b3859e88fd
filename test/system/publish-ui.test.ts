/**
 * Publishing in the real UI: the built renderer in Chromium (Playwright), the contract harness
 * (the backend Electron runs), the proxy in workerd and the fake X and LinkedIn of the dev stack.
 * Settings → connect both networks through their sign-in pages (the test is the user's browser:
 * it opens the link the app shows) → the finished 30 s ad → Post… → caption with hashtags and a
 * link, the network's count and preselected aspect → progress → the post link; then a restart of
 * the harness and the history is still on the ad. Screenshots in test/artifacts/publish-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startHarness, type Harness } from '../harness/server';
import { ensureRendererBuilt } from '../harness/renderer-build';
import { NAVIGATION_TIMEOUT_MS } from '../support/chromium';
import { ffmpegPath } from '../integration/pipeline-fixtures';
import { openMediaStore } from '../../src/backend/media-store';
import { databasePath, openDatabase } from '../../src/backend/storage/database';
import { insertExport } from '../../src/backend/storage/repos/generation';
import { screenshot } from '../e2e/support';
import { makeVideo } from './fakes/social/fixture-video';
import { startStack, type Stack } from './stack';

let stack: Stack;
let harness: Harness;
let browser: Browser;
let dataDir: string;
const title = 'Luna Cold Brew 30 s';

async function seedReadyAd(dir: string): Promise<void> {
  const db = openDatabase(databasePath(dir));
  const media = openMediaStore(dir);
  const now = new Date().toISOString();
  db.prepare('INSERT INTO brands (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('b-luna', 'Luna Coffee', now, now);
  db.prepare("INSERT INTO ad_projects (id, brand_id, title, brief_json, length_seconds, aspect, status, chat_stage, created_at, updated_at) VALUES ('ad-luna', 'b-luna', ?, '{}', 30, '16:9', 'ready', 'export_video', ?, ?)").run(title, now, now);
  for (const [aspect, w, h] of [['16:9', 1280, 720], ['1:1', 720, 720]] as const) {
    const file = await makeVideo(ffmpegPath, path.join(dir, `ad-${w}x${h}.mp4`), { seconds: 30, width: w, height: h, kbps: 500 });
    insertExport(db, { projectId: 'ad-luna', timelineId: null, preset: aspect, sha256: (await media.putFile(file)).sha256, thumbnailSha256: null, durationMs: 30_000 });
  }
  db.close();
}

/** The user's browser: opens the sign-in link the app shows and presses "Authorize app". */
async function signInWith(page: Page, network: 'x' | 'linkedin', shot: string): Promise<void> {
  const link = page.getByTestId(`connect-link-${network}`).first();
  await link.waitFor();
  const url = await link.getAttribute('href');
  const tab = await browser.newPage();
  await tab.goto(url!);
  await screenshot(tab, shot);
  await tab.getByRole('button', { name: 'Authorize app' }).click();
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(/is connected/);
  await tab.close();
}

beforeAll(async () => {
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_X_SEGMENT_BYTES = String(512 * 1024);
  process.env.ZAPCUT_PUBLISH_POLL_MS = '300';
  await ensureRendererBuilt();
  dataDir = await mkdtemp(path.join(tmpdir(), 'zapcut-publish-ui-'));
  await seedReadyAd(dataDir);
  [stack, harness] = await Promise.all([startStack({ ffmpegPath, latencyMs: { text: 10 } }), startHarness({ dataDir })]);
  browser = await chromium.launch({ executablePath: process.env.ZAPCUT_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  for (const k of ['ZAPCUT_KEYCHAIN', 'ZAPCUT_X_SEGMENT_BYTES', 'ZAPCUT_PUBLISH_POLL_MS']) delete process.env[k];
});

describe('publishing UI', () => {
  it('connects X and LinkedIn, posts the 30 s ad to each with a caption, shows progress and the link, and keeps the history after a restart', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(harness.url, { timeout: NAVIGATION_TIMEOUT_MS });
    const nav = page.getByRole('navigation', { name: 'Main navigation' });

    // Settings: the service, then a Zapcut account (LinkedIn's token exchange goes through it).
    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Service URL').fill(stack.proxyUrl);
    await page.getByTestId('settings-proxy').getByRole('button', { name: 'Save' }).click();
    await nav.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Email').fill(`poster${process.pid}-${Date.now()}@zapcut.test`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('account-signed-in').waitFor();

    await nav.getByRole('button', { name: 'Settings' }).click();
    const connections = page.getByTestId('settings-connections');
    await connections.scrollIntoViewIfNeeded();
    await screenshot(page, 'publish-01-settings-disconnected');
    for (const network of ['x', 'linkedin'] as const) {
      const name = network === 'x' ? 'X' : 'LinkedIn';
      await connections.getByRole('button', { name: `Connect ${name}` }).click();
      await expect(page.getByTestId(`connect-flow-${network}`)).toContainText(`Finish signing in to ${name} in your browser`);
      if (network === 'x') await screenshot(page, 'publish-02-settings-waiting');
      await signInWith(page, network, `publish-03-${network}-consent`);
      await expect(page.getByTestId(`connection-${network}`)).toContainText('Connected as', { timeout: 20_000 });
    }
    await expect(page.getByTestId('connection-x')).toContainText('Luna Coffee · @lunacoffee');
    await expect(page.getByTestId('connection-linkedin')).toContainText('Maya Chen');
    await connections.scrollIntoViewIfNeeded();
    await screenshot(page, 'publish-04-settings-connected');

    // The finished ad → Post….
    await nav.getByRole('button', { name: 'Ads' }).click();
    await page.getByRole('button', { name: `Open ${title}` }).click();
    await page.getByTestId('result').waitFor();
    for (const network of ['x', 'linkedin'] as const) {
      await page.getByTestId('post-open').click();
      const dialog = page.getByRole('dialog', { name: 'Post this ad' });
      await dialog.getByTestId(`post-network-${network}`).click();
      await expect(dialog.getByRole('button', { name: network === 'x' ? '16:9' : '1:1' })).toHaveAttribute('aria-pressed', 'true');
      await dialog.getByTestId('post-caption').fill(network === 'x' ? 'あ'.repeat(150) : 'x'.repeat(3001));
      await expect(dialog.getByTestId('post-count')).toContainText('over the');
      await expect(dialog.getByTestId('post-submit')).toBeDisabled();
      await expect(dialog.getByTestId('post-check')).toContainText('Shorten it by');
      if (network === 'x') await screenshot(page, 'publish-05-caption-over');
      await dialog.getByTestId('post-caption').fill('Calm, steady energy in every bottle. Meet Luna Cold Brew ☕');
      await dialog.getByTestId('post-hashtags').fill('ColdBrew, #Calm');
      await dialog.getByTestId('post-link-input').fill('https://luna.coffee');
      await expect(dialog.getByTestId('post-count')).toHaveText(network === 'x' ? /^\d+ \/ 280$/ : /^\d+ \/ 3000$/);
      await expect(dialog.getByTestId('post-check')).toContainText(network === 'x' ? 'fits X' : 'fits LinkedIn');
      await screenshot(page, `publish-06-${network}-dialog`);
      await stack.social.control(network === 'x' ? { x: { rateLimit: { endpoint: 'append', times: 1, resetSeconds: 2 } } } : { linkedin: { cutUploadPart: 0 } });
      await dialog.getByTestId('post-submit').click();
      await expect(dialog.getByTestId('post-progress')).toBeVisible();
      await expect.poll(async () => Number(await dialog.getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(3);
      await screenshot(page, `publish-07-${network}-progress`);
      await expect(dialog.getByTestId('post-link')).toBeVisible({ timeout: 90_000 });
      const href = await dialog.getByTestId('post-link').getAttribute('href');
      if (network === 'x') expect(href).toMatch(/^https:\/\/x\.com\/lunacoffee\/status\/\d+$/);
      else expect(href).toMatch(/^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:share:\d+\/$/);
      await screenshot(page, `publish-08-${network}-posted`);
      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    }
    const stats = stack.social.stats();
    expect(stats.x.tweets).toHaveLength(1);
    expect(stats.x.tweets[0]!.text).toBe('Calm, steady energy in every bottle. Meet Luna Cold Brew ☕\n\nhttps://luna.coffee\n\n#ColdBrew #Calm');
    expect(stats.linkedin.posts).toHaveLength(1);
    expect(stats.linkedin.posts[0]!.rendered).toBe(stats.x.tweets[0]!.text);
    await expect(page.getByTestId('post-history-item')).toHaveCount(2);
    await expect(page.getByTestId('post-history')).toContainText('Posted to X');
    await expect(page.getByTestId('post-history')).toContainText('Posted to LinkedIn');

    // Restart the backend on the same data folder: the history is still on the ad.
    await harness.close();
    harness = await startHarness({ dataDir });
    await page.goto(harness.url, { timeout: NAVIGATION_TIMEOUT_MS });
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
    await page.getByRole('button', { name: `Open ${title}` }).click();
    await expect(page.getByTestId('post-history-item')).toHaveCount(2);
    await page.getByTestId('post-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'publish-09-history-after-restart');
    expect(problems).toEqual([]);
    await page.close();
  });
});
