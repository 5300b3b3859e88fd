/**
 * Issue 18's "done means", as a new user would do it: the built renderer in Chromium, the contract
 * harness (the backend Electron runs), the Worker in workerd, the fake Stripe and the media fakes.
 * Free videos used up → Buy credits → pay on the (fake) Checkout page → back in the app with 10
 * videos' worth of credits → an ad generated through the proxy spends one → subscribe to Pro → 60 s
 * comes from the plan → cancel in the portal → still Pro until the period ends → then free rules.
 * The admin page shows the revenue, the ad's provider cost and its margin. Screenshots go to
 * ZAPCUT_SCREENSHOT_DIR (default: a temp folder) to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/server';
import { ensureRendererBuilt } from '../harness/renderer-build';
import { chromiumLaunchOptions } from '../support/chromium';
import { ffmpegPath, makeWorkspace, TEST_RESOLUTION, writeBrief } from '../integration/pipeline-fixtures';
import { loadBrief } from '../../src/pipeline/brief';
import { createRun, runToEnd } from '../../src/pipeline/generate';
import { openProxyApp } from './app';
import { startStack, STACK_ADMIN, type Stack } from './stack';

let stack: Stack;
let harness: Harness;
let browser: Browser;
const shots = process.env.ZAPCUT_SCREENSHOT_DIR ?? path.join(tmpdir(), `zapcut-billing-shots-${process.pid}`);

beforeAll(async () => {
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_BILLING_POLL_MS = '300';
  mkdirSync(shots, { recursive: true });
  await ensureRendererBuilt();
  [stack, harness] = await Promise.all([startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 150, video: 600, speech: 150, music: 300 } }), startHarness()]);
  browser = await chromium.launch(chromiumLaunchOptions);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await stack?.stop();
  delete process.env.ZAPCUT_KEYCHAIN;
  delete process.env.ZAPCUT_BILLING_POLL_MS;
});

async function api(p: string, init: { token?: string; body?: unknown } = {}) {
  const r = await fetch(`${stack.proxyUrl}${p}`, { method: init.body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: r.status, body: (await r.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The Account screen scrolls inside its pane: the window and the billing card, each as a picture. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  const card = page.getByTestId('account-billing');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(shots, `${name}-billing.png`) });
}

/** Follows the link the Account screen shows (the harness has no system browser) and pays or acts there. */
async function openBillingPage(page: Page): Promise<Page> {
  const link = page.getByTestId('billing-open-link');
  await link.waitFor();
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${stack.stripe.url}/(c/pay|p/session)/`));
  const tab = await browser.newPage();
  await tab.goto(href!);
  return tab;
}

describe('buying, as a new user would', () => {
  it('free videos used up → credits → an ad → Pro → cancel → Pro until the period ends → free rules; the admin sees revenue, cost and margin', async () => {
    const email = `buyer${process.pid}-${Date.now()}@zapcut.test`;
    const password = 'correct-horse-battery';
    // The two free videos are used (reserved directly: the pipeline run below is the paid one).
    const signup = await api('/v1/auth/signup', { body: { email, password } });
    expect(signup.status).toBe(201);
    await stack.verifyEmail(email);
    const token = signup.body.accessToken as string;
    for (const lengthSeconds of [15, 30]) {
      const r = await fetch(`${stack.proxyUrl}/v1/videos`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `free-${lengthSeconds}-${email}` }, body: JSON.stringify({ lengthSeconds }) });
      expect(r.status).toBe(201);
    }

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(harness.url);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Service URL').fill(stack.proxyUrl);
    await page.getByTestId('settings-proxy').getByRole('button', { name: 'Save' }).click();
    await nav.getByRole('button', { name: 'Account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByTestId('account-sign-in').getByRole('button', { name: 'Sign in', exact: true }).click();
    const details = page.getByTestId('account-signed-in');
    await expect.poll(() => details.textContent()).toMatch(/Free videos\s*2 used · 0 left/);
    await expect.poll(() => page.getByTestId('account-quotes').textContent()).toMatch(/15 s.*buy a credit pack/i);

    // The offer, with Stripe's prices.
    const billing = page.getByTestId('account-billing');
    await expect.poll(() => billing.textContent()).toMatch(/10 videos up to 30 s\s*\$40\.00/);
    expect(await billing.textContent()).toMatch(/\$79\.00 \/ month/);
    await shoot(page, '1-account-free-used-up');

    // Buy credits → pay on the Checkout page → back: the account shows the credits.
    await page.getByTestId('billing-pack_30').getByRole('button', { name: 'Buy credits' }).click();
    await expect.poll(() => page.getByTestId('billing-waiting').textContent()).toMatch(/Finish paying in your browser/);
    const checkout = await openBillingPage(page);
    await checkout.getByRole('button', { name: 'Pay' }).click();
    await checkout.waitForURL(/\/v1\/billing\/return\?result=success/);
    expect(await checkout.textContent('body')).toMatch(/payment received/i);
    await checkout.screenshot({ path: path.join(shots, '2-return-page.png') });
    await checkout.close();
    await expect.poll(() => page.getByTestId('billing-settled').textContent(), { timeout: 20_000 }).toMatch(/Payment received: \$50\.00 of credit added/);
    await expect.poll(() => details.textContent()).toMatch(/Credits\s*\$50\.00/);
    await shoot(page, '3-account-credits-bought');

    // An ad through the proxy: one 30 s credit ($5) is spent.
    const ws = await makeWorkspace('zapcut-sys-billing-');
    process.env.ZAPCUT_DATA_DIR = ws.dataDir;
    const app = await openProxyApp(stack.proxyUrl);
    await app.session.login(email, password);
    const brief = await loadBrief(await writeBrief(ws.dir));
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION });
    await runToEnd(app.backend.pipeline, run.id);
    expect(app.backend.pipeline.store.getRun(run.id)?.charge).toMatchObject({ source: 'credits', costCents: 500, status: 'committed' });
    const videoId = app.backend.pipeline.store.getRun(run.id)!.charge!.videoId;
    app.backend.close();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => details.textContent()).toMatch(/Credits\s*\$45\.00/);

    // Subscribe to Pro: 60 s comes from the plan.
    await page.getByTestId('billing-settled').getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('billing-pro').getByRole('button', { name: 'Choose Pro' }).click();
    const subscribe = await openBillingPage(page);
    await subscribe.getByRole('button', { name: 'Subscribe' }).click();
    await subscribe.waitForURL(/result=success/);
    await subscribe.close();
    await expect.poll(() => page.getByTestId('billing-settled').textContent(), { timeout: 20_000 }).toMatch(/You're on Pro now/);
    await expect.poll(() => details.textContent()).toMatch(/Plan\s*Pro/);
    await page.reload();
    await nav.getByRole('button', { name: 'Account' }).click();
    await expect.poll(() => page.getByTestId('account-quotes').textContent()).toMatch(/60 s\s*Included in this month's plan/);
    await shoot(page, '4-account-pro');

    // Cancel in the portal: still Pro, told when it ends.
    await page.getByTestId('billing-manage').first().click();
    const portal = await openBillingPage(page);
    await portal.getByRole('button', { name: 'Cancel plan' }).click();
    await expect.poll(() => portal.textContent('body')).toMatch(/Cancels on/);
    await portal.screenshot({ path: path.join(shots, '5-portal-cancelled.png') });
    await portal.close();
    await expect.poll(() => page.getByTestId('billing-settled').textContent(), { timeout: 20_000 }).toMatch(/Your plan is cancelled; it ends on/);
    await expect.poll(() => page.getByTestId('billing-notice').textContent()).toMatch(/Your plan is cancelled and ends on/);
    expect(await details.textContent()).toMatch(/Plan\s*Pro/);
    await shoot(page, '6-account-pro-cancelling');

    // The period ends: free rules (60 s from credits, $8).
    const sub = [...stack.stripe.store.subscriptions.values()].find((s) => s.customer === [...stack.stripe.store.customers.values()].find((c) => c.email === email)?.id);
    expect(sub?.cancel_at_period_end).toBe(true);
    stack.stripe.act.endPeriod(sub!.id);
    await stack.stripe.flush();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => details.textContent()).toMatch(/Plan\s*Free/);
    await page.reload();
    await nav.getByRole('button', { name: 'Account' }).click();
    await expect.poll(() => page.getByTestId('account-quotes').textContent()).toMatch(/60 s\s*\$8\.00 from your credits/);
    await expect.poll(() => page.getByTestId('billing-notice').textContent()).toMatch(/Your plan has ended; you are on Free/);
    await shoot(page, '7-account-free-again');
    await page.close();

    // The operator: revenue ($40 + $79), the ad's provider cost and its margin.
    const admin = await browser.newPage({ viewport: { width: 1280, height: 1200 } });
    await admin.goto(`${stack.proxyUrl}/admin`);
    await admin.locator('#login-email').fill(STACK_ADMIN.email);
    await admin.locator('#login-password').fill(STACK_ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    const ops = admin.getByTestId('ops');
    await admin.getByRole('button', { name: 'Load operations' }).click();
    await expect.poll(() => ops.textContent()).toMatch(/Revenue\s*\$119\.00/);
    const videoRow = admin.getByTestId(`video-${videoId}`);
    await expect.poll(() => videoRow.textContent()).toMatch(/credits/);
    const row = (await videoRow.textContent()) ?? '';
    expect(row).toMatch(/\$4\.00/); // what the video earned: $5 of credit bought at $40 for $50
    await admin.screenshot({ path: path.join(shots, '8-admin-operations.png'), fullPage: true });
    const summary = await api('/admin/ops/summary?days=7', { token: await stack.adminToken() });
    const video = (summary.body.videos as { videoId: string; costMicros: number; valueCents: number; marginMicros: number }[]).find((v) => v.videoId === videoId)!;
    expect(video.costMicros).toBeGreaterThan(0);
    expect(video.marginMicros).toBe(video.valueCents * 10_000 - video.costMicros);
    await admin.close();
    console.log(`billing screenshots: ${shots}`);
  });
});
