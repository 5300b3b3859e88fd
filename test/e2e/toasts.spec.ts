/**
 * Issue 19 #16, toasts, in Chromium: three notifications stack in their corner without touching
 * each other, in the browser's top layer (a popover, above every sticky bar and stacking context),
 * at most three at once, and they stay while the pointer is on them (WCAG 2.2.1) and leave after.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { screenshot, sharedHarnessUrl } from './support';

const sheets = process.env.ZAPCUT_SHEETS_DIR;

test('three toasts stack without overlapping, in the top layer, and stay while the pointer is on them', async ({ page }) => {
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(sharedHarnessUrl());
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
    const select = page.getByLabel('Scenes made at once');
    const toasts = page.getByTestId('toasts').getByRole('status');
    await select.selectOption('2');
    await expect(toasts).toHaveCount(1);
    // Hold the stack (pointer on it), then two more saves: all three stay.
    await toasts.first().hover();
    await select.selectOption('3');
    await expect(toasts).toHaveCount(2);
    await select.selectOption('4');
    await expect(toasts).toHaveCount(3);
    // A fourth pushes the oldest out: never more than three.
    await select.selectOption('5');
    await expect(toasts).toHaveCount(3);
    const boxes = await toasts.evaluateAll((els) => els.map((e) => {
      const r = (e as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }));
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= w && a.y + a.h <= h, `toast ${i} inside the ${w}×${h} window`).toBe(true);
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `toasts ${i} and ${j} overlap: ${JSON.stringify([a, b])}`).toBe(false);
      }
    }
    expect(await page.getByTestId('toasts').evaluate((el) => (el as unknown as { matches(s: string): boolean }).matches(':popover-open'))).toBe(true);
    const p = await screenshot(page, `h19b-16-toasts-${w}x${h}`);
    if (sheets) {
      mkdirSync(sheets, { recursive: true });
      await page.screenshot({ path: path.join(sheets, path.basename(p)) });
    }
    // Pointer away: they leave on their own.
    await page.mouse.move(5, 5);
    await expect(toasts).toHaveCount(0, { timeout: 15_000 });
  }
  await page.getByLabel('Scenes made at once').selectOption('5');
});
