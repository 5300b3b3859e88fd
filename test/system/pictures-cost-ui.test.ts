/**
 * The pictures review's cost line names this ad's pictures (issue 21), for real: the built
 * renderer in Chromium, the contract harness (the backend the Electron main process runs), the
 * Worker in workerd and the strict fakes. An ad on the Zapcut service stops for its pictures; the
 * line reads its draft (GET /v1/drafts/:id) and says how many of the draft's pictures were made
 * ("This ad has used 8 of its 16 pictures before approval"), and one more after a picture is made again. An ad made on
 * this computer says nothing is counted.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/server';
import { ensureRendererBuilt } from '../harness/renderer-build';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { runFfmpeg } from '../../src/pipeline/ffmpeg';
import type { AdProjectView } from '../../src/shared/domain/ads';
import { startStack, type Stack } from './stack';
import { chromiumLaunchOptions, NAVIGATION_TIMEOUT_MS } from '../support/chromium';
import { waitFor } from '../support/wait';

let stack: Stack;
let harness: Harness;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  await ensureRendererBuilt();
  dir = (await makeWorkspace('zapcut-sys-pictures-cost-')).dir;
  [stack, harness] = await Promise.all([startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 150, video: 500, speech: 150, music: 300 } }), startHarness()]);
  browser = await chromium.launch(chromiumLaunchOptions);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await stack?.stop();
  delete process.env.ZAPCUT_KEYCHAIN;
  delete process.env.ZAPCUT_RENDER_SCALE;
});

/** A contract call from the page, through the harness's bridge (as the renderer makes them). */
async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = (await page.evaluate(([c, i]) => (globalThis as unknown as { zapcut: { invoke(c: string, i: unknown): Promise<unknown> } }).zapcut.invoke(c as string, i), [channel, input] as const)) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error?.code} ${r.error?.message}`);
  return r.value as T;
}

const project = (page: Page, id: string) => invoke<AdProjectView>(page, 'project/get', { id });

/** A brand with a product picture, and an ad chatted up to its storyboard. */
async function adToStoryboard(page: Page, name: string): Promise<AdProjectView> {
  const brand = await invoke<{ id: string }>(page, 'brand/create', { name, description: 'Coffee for night owls.', colors: ['#F2A65A'] });
  const img = path.join(dir, `${name}.png`);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: img });
  await invoke(page, 'asset/import', { brandId: brand.id, files: [{ path: img }] });
  const p = await invoke<AdProjectView>(page, 'project/create', { brandId: brand.id });
  for (const text of [`${name} Cold Brew`, 'A smooth cold brew in a glass bottle.', 'Night-shift nurses', 'Calm focus all night', 'Yes, use them', '15 seconds', '16:9', 'Warm and calm', 'Shop now at lumen.coffee', 'Looks good, draft it']) {
    await invoke(page, 'chat/send', { projectId: p.id, text });
  }
  return waitFor(() => project(page, p.id), (v) => v.storyboard !== null && !v.drafting, `the storyboard of ${name}`, { timeoutMs: 180_000, intervalMs: 250 });
}

/** Approve the storyboard asking to see the pictures first; wait until every picture is there. */
async function toPictures(page: Page, p: AdProjectView, offline: boolean): Promise<AdProjectView> {
  await invoke(page, 'storyboard/approve', { projectId: p.id, offline, reviewPictures: true });
  return waitFor(() => project(page, p.id), (v) => !!v.pictures?.awaiting && v.pictures.keyframes.every((k) => k.url), `the pictures of ${p.title}`, { timeoutMs: 240_000, intervalMs: 250, show: (v) => `${v.status} ${JSON.stringify(v.runView?.error ?? v.pictures?.keyframes.map((k) => k.state))}` });
}

async function openAd(page: Page, title: string): Promise<void> {
  await page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: `Open ${title}` }).click();
  await page.getByTestId('pictures-review').waitFor();
}

const countLine = (page: Page) => waitFor(() => page.getByTestId('pictures-cost').textContent().then((t) => t ?? ''), (t) => /pictures before approval|could not be counted|Nothing is counted/.test(t), 'the cost line with its picture count', { timeoutMs: 60_000, intervalMs: 200 });

describe('the pictures review counts this ad\'s pictures', () => {
  it('on the Zapcut service: "8 of 16 pictures before approval", 9 after one is made again; offline: nothing is counted', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(harness.url, { timeout: NAVIGATION_TIMEOUT_MS });
    await invoke(page, 'settings/update', { proxyUrl: stack.proxyUrl });
    const email = `pictures${process.pid}-${Date.now()}@zapcut.test`;
    await invoke(page, 'account/signup', { email, password: 'correct-horse-battery' });
    await stack.verifyEmail(email);

    const paid = await toPictures(page, await adToStoryboard(page, 'Lumen'), false);
    // Four style frames and one keyframe per scene boundary, all under this ad's draft (cap 16 for 15 s).
    const made = 4 + paid.pictures!.keyframes.length;
    await openAd(page, paid.title);
    const line = await countLine(page);
    expect(line).toMatch(/paid by one free video/);
    expect(line).toContain(`This ad has used ${made} of its 16 pictures before approval.`);
    if (process.env.ZAPCUT_SCREENSHOTS) await page.screenshot({ path: `${process.env.ZAPCUT_SCREENSHOTS}/h21-pictures-counted.png` });

    // One picture made again: one more picture of the draft, and the line says so.
    await page.getByTestId('redo-picture').first().click();
    await waitFor(() => project(page, paid.id), (v) => !!v.pictures?.awaiting && v.pictures.changes === 1 && v.pictures.keyframes.every((k) => k.url), 'the picture made again', { timeoutMs: 120_000, intervalMs: 250 });
    await openAd(page, paid.title);
    await waitFor(() => page.getByTestId('pictures-count').textContent(), (t) => t === `This ad has used ${made + 1} of its 16 pictures before approval.`, 'the count after the redo', { timeoutMs: 60_000, intervalMs: 200 });
    if (process.env.ZAPCUT_SCREENSHOTS) await page.screenshot({ path: `${process.env.ZAPCUT_SCREENSHOTS}/h21-pictures-counted-after-redo.png` });

    // Made on this computer: the service counts nothing, and the line says so.
    const local = await toPictures(page, await adToStoryboard(page, 'Ember'), true);
    await openAd(page, local.title);
    const offline = await countLine(page);
    expect(offline).toMatch(/on this computer: free\. Nothing is counted: these pictures were made on this computer\./);
    expect(offline).not.toMatch(/pictures before approval/);
    if (process.env.ZAPCUT_SCREENSHOTS) await page.screenshot({ path: `${process.env.ZAPCUT_SCREENSHOTS}/h21-pictures-offline.png` });
    await page.close();
  }, 900_000);
});
