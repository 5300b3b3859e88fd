import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions, NAVIGATION_TIMEOUT_MS } from '../../test/support/chromium';
import { ADMIN } from './constants';
import { api, proxyUrl, reserve, signup } from './helpers';

// Generous: the machine running the suite may be busy, and expect.poll defaults to 1 s.
const POLL = { timeout: 15_000 };
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions);
});
afterAll(async () => {
  await browser?.close();
});

describe('admin web page (Chromium)', () => {
  it('signs in, finds a user, grants credits, refunds a reservation, suspends and reinstates — through the API', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${proxyUrl()}/admin`, { timeout: NAVIGATION_TIMEOUT_MS });

    // A non-admin account is turned away by the page.
    await page.fill('#login-email', u.email);
    await page.fill('#login-password', u.password);
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => page.textContent('#status'), POLL).toContain('not an admin');

    await page.fill('#login-email', ADMIN.email);
    await page.fill('#login-password', ADMIN.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#console:not([hidden])');

    await page.fill('#search', u.email);
    await page.click('#search-form button[type=submit]');
    await page.getByRole('row', { name: new RegExp(u.email) }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.textContent('#d-email'), POLL).toBe(u.email);

    await page.fill('#credits-delta', '1500');
    await page.fill('#credits-reason', 'goodwill credit');
    await page.click('#credits-form button[type=submit]');
    await expect.poll(() => page.textContent('dd[data-fact="Credits (cents)"]'), POLL).toBe('1500');

    await page.fill('#action-reason', 'run crashed, refund');
    await page.click(`button[data-testid="refund-${v.body.videoId}"]`);
    await expect.poll(() => page.textContent('#status'), POLL).toContain(`Refunded ${v.body.videoId}`);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(v.body.videoId) }).textContent(), POLL).toContain('refunded');

    await page.selectOption('#tier', 'pro');
    await page.fill('#tier-reason', 'upgraded by phone');
    await page.click('#tier-form button[type=submit]');
    await expect.poll(() => page.textContent('dd[data-fact="Tier"]'), POLL).toBe('pro');

    await page.fill('#action-reason', 'abuse report');
    await page.click('#suspend');
    await expect.poll(() => page.textContent('dd[data-fact="Suspended"]'), POLL).toContain('yes');
    expect((await api('/v1/me', { token: u.accessToken })).body.error.code).toBe('ACCOUNT_SUSPENDED');
    await page.fill('#action-reason', 'resolved');
    await page.click('#reinstate');
    await expect.poll(() => page.textContent('dd[data-fact="Suspended"]'), POLL).toBe('no');

    // What the page did is what the API now reports.
    const me = (await api('/v1/me', { token: u.accessToken })).body;
    expect(me).toMatchObject({ tier: 'pro', creditsCents: 1500, freeVideosUsed: 0, suspended: false });

    await page.click('#load-violations');
    await expect.poll(() => page.textContent('#status'), POLL).toMatch(/violation\(s\)/);
    // Only the deliberate wrong-account login shows up as an error (its 401); no CSP or script errors.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, NAVIGATION_TIMEOUT_MS + 60_000); // a cold first navigation, then the steps
});
