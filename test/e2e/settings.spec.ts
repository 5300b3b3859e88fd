/**
 * Settings against the real backend (shared harness from global-setup): the data folder and the
 * FFmpeg in use as the backend reports them (app/info), the language, and the proxy URL with the
 * same validation the backend applies. Also checks the bridge the page sees is exactly the Api.
 */
import { expect, test, type Page } from '@playwright/test';
import type { AppInfo } from '../../src/shared/domain';
import type { Result } from '../../src/shared/errors';
import { screenshot, sharedHarnessUrl } from './support';

type Bridge = { invoke(channel: string, input: unknown): Promise<Result<unknown>>; on: unknown };

async function appInfo(page: Page): Promise<AppInfo> {
  const result = await page.evaluate(() => (globalThis as unknown as { zapcut: Bridge }).zapcut.invoke('app/info', {}));
  if (!result.ok) throw new Error(`app/info failed: ${result.error.message}`);
  return result.value as AppInfo;
}

test('window.zapcut is exactly the Api: invoke + on, frozen, errors as data', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  const shape = await page.evaluate(() => {
    const z = (globalThis as unknown as { zapcut: Record<string, unknown> }).zapcut;
    return { keys: Object.keys(z).sort(), frozen: Object.isFrozen(z), types: [typeof z.invoke, typeof z.on] };
  });
  expect(shape).toEqual({ keys: ['invoke', 'on'], frozen: true, types: ['function', 'function'] });
  const bad = await page.evaluate(() => (globalThis as unknown as { zapcut: Bridge }).zapcut.invoke('brand/create', { name: '' }));
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const unknown = await page.evaluate(() => (globalThis as unknown as { zapcut: Bridge }).zapcut.invoke('nope/nothing', {}));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('settings show the data folder, FFmpeg and its capabilities; proxy URL is validated and kept', async ({ page }) => {
  const cspErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) cspErrors.push(msg.text());
  });
  await page.goto(sharedHarnessUrl());
  const info = await appInfo(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  await expect(page.getByTestId('data-dir')).toHaveText(info.dataDir);
  await expect(page.getByTestId('ffmpeg-path')).toHaveText(info.ffmpeg.ffmpegPath);
  await expect(page.getByTestId('ffmpeg-version')).toHaveText(info.ffmpeg.version);
  expect(info.ffmpeg.version.trim()).not.toBe('');
  const caps = page.getByTestId('ffmpeg-capabilities').getByRole('listitem');
  // xfade is not listed: crossfades never use it, so "unavailable" would only mislead (issue 19 #9).
  await expect(caps).toHaveCount(3);
  for (const [key, label] of [['libass', 'Subtitles (libass)'], ['drawtext', 'Text (drawtext)'], ['loudnorm', 'Loudness (loudnorm)']] as const) {
    const state = info.ffmpeg.capabilities[key] ? 'available' : 'not available';
    await expect(page.getByTestId('ffmpeg-capabilities').getByRole('listitem', { name: `${label}: ${state}` })).toBeVisible();
  }
  for (const encoder of info.ffmpeg.capabilities.encoders.slice(0, 3)) {
    await expect(page.getByTestId('settings-ffmpeg').getByText(encoder, { exact: true })).toBeVisible();
  }
  await expect(page.getByLabel('Preferred language')).toHaveValue('en');
  await screenshot(page, '07-settings');

  // What a creator sets comes first; paths and FFmpeg follow under "Technical details".
  await expect(page.locator('[data-testid="settings-proxy"] ~ [data-testid="settings-technical"] ~ [data-testid="settings-ffmpeg"]')).toHaveCount(1);
  await expect(page.getByTestId('settings-proxy').getByRole('heading', { name: 'Zapcut service' })).toBeVisible();

  // Service URL: rejected like the backend would, then saved and still there after a reload.
  const proxy = page.getByLabel('Service URL');
  await proxy.fill('ftp://proxy.example.com');
  await proxy.blur();
  await expect(page.getByText('Enter a full http:// or https:// URL, or leave it empty to work offline.')).toBeVisible();
  await expect(page.getByTestId('settings-proxy').getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByTestId('settings-proxy').scrollIntoViewIfNeeded();
  await screenshot(page, '08-settings-proxy-invalid');
  await proxy.fill('https://proxy.zapcut.example');
  await page.getByTestId('settings-proxy').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Service URL saved' })).toBeVisible();

  // Scenes made at once (issue 21): 5 until chosen, 1 to 8, kept.
  const concurrency = page.getByLabel('Scenes made at once');
  await expect(concurrency).toHaveValue('5');
  await expect(concurrency.locator('option')).toHaveText(['1 scene', '2 scenes', '3 scenes', '4 scenes', '5 scenes (default)', '6 scenes', '7 scenes', '8 scenes']);
  await concurrency.selectOption('3');
  await expect(page.getByRole('status').filter({ hasText: 'Scenes made at once saved' })).toBeVisible();
  await page.getByTestId('settings-generation').scrollIntoViewIfNeeded();
  await screenshot(page, 'h21-settings-scene-concurrency');

  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Service URL')).toHaveValue('https://proxy.zapcut.example');
  await expect(page.getByLabel('Scenes made at once')).toHaveValue('3');
  await page.getByLabel('Scenes made at once').selectOption('5');

  // Custom FFmpeg path: the backend runs it before accepting it; a bad one is refused in words.
  const ffmpegField = page.getByLabel('Custom FFmpeg path');
  await ffmpegField.fill('/nonexistent/ffmpeg');
  await page.getByTestId('settings-ffmpeg').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '/nonexistent/ffmpeg' })).toBeVisible();
  await screenshot(page, '08b-settings-ffmpeg-path-refused');
  await ffmpegField.fill(info.ffmpeg.ffmpegPath);
  await page.getByTestId('settings-ffmpeg').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'FFmpeg path saved' })).toBeVisible();
  await expect(page.getByTestId('ffmpeg-path')).toHaveText(info.ffmpeg.ffmpegPath);
  await page.getByRole('button', { name: 'Use bundled' }).click();
  await expect(ffmpegField).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Use bundled' })).toBeHidden();
  expect(cspErrors).toEqual([]);
});

test('navigation is keyboard reachable and marks the current screen', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(page.getByRole('heading', { name: 'Brands', level: 1 })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Brands' })).toHaveAttribute('aria-current', 'page');

  // From a fresh load, Tab walks the navigation in order and Enter activates an item.
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('button', { name: 'Brands' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('button', { name: 'Ads' })).toBeFocused();
  await screenshot(page, '09-keyboard-focus');
  for (const next of ['Editor', 'Batch', 'Settings']) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('button', { name: next })).toBeFocused();
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('button', { name: 'Brands' })).not.toHaveAttribute('aria-current', 'page');
});
