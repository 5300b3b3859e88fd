/**
 * Issue 19 #15, measured in Chromium at 1440×900 and 1280×720: one layout grid — every page
 * screen's content (its heading) starts at the same x (it was 304, 368, 496: each screen centred
 * its own width) — and the editor fits 1280×720: every track shows (the SFX row was cut), nothing
 * scrolls sideways, and the preview keeps a usable size (it was 166×295 for 9:16).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor } from './editor-support';

const SIZES = [[1440, 900], [1280, 720]] as const;
const sheets = process.env.ZAPCUT_SHEETS_DIR;

async function shot(page: Page, name: string) {
  const p = await screenshot(page, name);
  if (sheets) {
    mkdirSync(sheets, { recursive: true });
    await page.screenshot({ path: path.join(sheets, path.basename(p)) });
  }
}

const headingX = (page: Page) => page.locator('main h1').first().evaluate((h) => Math.round((h as unknown as { getBoundingClientRect(): { x: number } }).getBoundingClientRect().x));

test('every page screen starts its content at the same x, at both window sizes', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  await invoke(page, 'brand/create', { name: 'Gridline', description: 'A brand to open.', colors: ['#1D3557'] });
  await page.reload();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const xs: Record<string, number> = {};
    for (const screen of ['Brands', 'Ads', 'Batch', 'Settings', 'Account']) {
      await nav.getByRole('button', { name: screen }).click();
      await expect(nav.getByRole('button', { name: screen })).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('main h1').first()).toBeVisible();
      xs[screen] = await headingX(page);
      await shot(page, `h19b-15-${screen.toLowerCase()}-${w}x${h}`);
    }
    await nav.getByRole('button', { name: 'Brands' }).click();
    await page.getByRole('button', { name: 'Open Gridline' }).click();
    await expect(page.locator('main h1').first()).toHaveText('Gridline');
    xs['a brand'] = await headingX(page);
    await shot(page, `h19b-15-brand-${w}x${h}`);
    // 240 px of navigation, then the frame's padding: the same edge everywhere.
    expect(new Set(Object.values(xs)).size, `heading x per screen at ${w}×${h}: ${JSON.stringify(xs)}`).toBe(1);
  }
});

test('the editor fits 1280×720: every track shows, nothing scrolls sideways, the preview keeps its size', async ({ page }) => {
  const work = mkdtempSync(path.join(tmpdir(), 'zapcut-layout-'));
  try {
    const files = await makeDriveFiles(work);
    await page.goto(sharedHarnessUrl());
    const p = await openBlank(page, 'Fits a laptop');
    const media = await importFiles(page, p.projectId, Object.values(files));
    await invoke(page, 'editor/save', { projectId: p.projectId, timeline: driveTimeline(media, files) });
    await showInEditor(page, p.projectId);
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      for (const aspect of ['16:9', '9:16'] as const) {
        await page.getByRole('radio', { name: aspect, exact: true }).click();
        const canvas = page.getByTestId('preview-canvas');
        const want = aspect === '16:9' ? { w: 480, h: 270 } : { w: 160, h: 290 };
        await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(want.h);
        const box = (await canvas.boundingBox())!;
        expect(box.width, `${aspect} preview at ${w}×${h}: ${Math.round(box.width)}×${Math.round(box.height)}`).toBeGreaterThanOrEqual(want.w);
        console.log(`layout: ${aspect} preview at ${w}×${h}: ${Math.round(box.width)}×${Math.round(box.height)}`);
        // Nothing scrolls sideways: the page, the main area, the editor.
        const overflow = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelector(s: string): { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number } } }).document;
          const main = d.querySelector('main');
          const scroll = d.querySelector('[data-testid="timeline-scroll"]');
          return { page: d.documentElement.scrollWidth - d.documentElement.clientWidth, main: main.scrollWidth - main.clientWidth, tracksHidden: scroll.scrollHeight - scroll.clientHeight };
        });
        expect(overflow, `overflow at ${w}×${h}`).toEqual({ page: 0, main: 0, tracksHidden: 0 });
        // The SFX row (the last) is inside the window, above the status bar.
        const sfx = (await page.getByTestId('audio-swish').boundingBox())!;
        const footer = (await page.locator('[data-testid="editor"] footer').boundingBox())!;
        expect(sfx.y + sfx.height).toBeLessThanOrEqual(footer.y);
        await shot(page, `h19b-15-editor-${aspect.replace(':', 'x')}-${w}x${h}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
