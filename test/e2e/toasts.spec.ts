/**
 * Issue 19 #16, toasts, in Chromium: three notifications stack in their corner without touching
 * each other, in the browser's top layer (a popover, above every sticky bar and stacking context),
 * at most three at once, and they stay while the pointer is on them (WCAG 2.2.1) and leave after.
 * They live in the navigation column's empty space, so they never cover an action of a screen: at
 * the page's bottom-right corner they hid the buttons there (the revise form's Discard).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor } from './editor-support';
import { screenshot, sharedHarnessUrl } from './support';

const sheets = process.env.ZAPCUT_SHEETS_DIR;

/**
 * Every visible control of the screen (buttons, links, fields) that a toast covers: the element the
 * browser hits at the control's centre (`elementFromPoint`, what a click there would reach) is inside
 * the toast stack instead of the control. Checked with the screen scrolled to its top and its bottom.
 */
async function coveredControls(page: Page): Promise<string[]> {
  const covered: string[] = [];
  for (const end of ['top', 'bottom'] as const) {
    covered.push(
      ...(await page.evaluate((where) => {
        type El = { getBoundingClientRect(): { x: number; y: number; width: number; height: number }; contains(n: unknown): boolean; closest(s: string): unknown; getAttribute(n: string): string | null; textContent: string | null; tagName: string };
        const d = (globalThis as unknown as { document: { querySelector(s: string): (El & { scrollTop: number; scrollHeight: number }) | null; querySelectorAll(s: string): Iterable<El>; elementFromPoint(x: number, y: number): El | null } }).document;
        const main = d.querySelector('main')!;
        main.scrollTop = where === 'top' ? 0 : main.scrollHeight;
        const stack = d.querySelector('[data-testid="toasts"]');
        const out: string[] = [];
        for (const el of d.querySelectorAll('main button, main a[href], main input, main select, main textarea, main [role], main [tabindex]:not([tabindex="-1"])')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const x = r.x + r.width / 2;
          const y = r.y + r.height / 2;
          const hit = d.elementFromPoint(x, y);
          if (hit && stack?.contains(hit)) out.push(`${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}" at ${Math.round(x)},${Math.round(y)}`);
        }
        return out;
      }, end)),
    );
  }
  return covered;
}

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
    expect(await coveredControls(page), `controls a toast covers at ${w}×${h}`).toEqual([]);
    // In the navigation column's empty space, clear of the navigation and of every control.
    const dock = (await page.getByTestId('toast-dock').boundingBox())!;
    for (const b of boxes) expect(b.x >= dock.x - 0.5 && b.x + b.w <= dock.x + dock.width + 0.5 && b.y >= dock.y - 0.5 && b.y + b.h <= dock.y + dock.height + 0.5, `toast ${JSON.stringify(b)} inside its dock ${JSON.stringify(dock)}`).toBe(true);
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

test('toasts never cover a control: the editor, whose timeline and Inspector reach the bottom-right corner, at both window sizes', async ({ page }) => {
  const work = mkdtempSync(path.join(tmpdir(), 'zapcut-toasts-'));
  try {
    const files = await makeDriveFiles(work);
    await page.goto(sharedHarnessUrl());
    const p = await openBlank(page, 'Toasts stay aside');
    const media = await importFiles(page, p.projectId, Object.values(files));
    await invoke(page, 'editor/save', { projectId: p.projectId, timeline: driveTimeline(media, files) });
    await showInEditor(page, p.projectId);
    // Three notifications (saved settings), held the way a pointer resting on them holds them, so
    // they are still there on the editor.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
    const select = page.getByLabel('Scenes made at once');
    const toasts = page.getByTestId('toasts').getByRole('status');
    await select.selectOption('2');
    await expect(toasts).toHaveCount(1);
    await page.getByTestId('toasts').dispatchEvent('pointerover');
    await select.selectOption('3');
    await select.selectOption('4');
    await expect(toasts).toHaveCount(3);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Editor' }).click();
    await page.getByTestId('editor').waitFor();
    await expect(page.getByTestId('audio-swish')).toBeVisible();
    for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expect(toasts).toHaveCount(3);
      expect(await coveredControls(page), `controls a toast covers on the editor at ${w}×${h}`).toEqual([]);
      await screenshot(page, `h19a-toasts-editor-${w}x${h}`);
    }
    await page.getByTestId('toasts').dispatchEvent('pointerout');
    await expect(toasts).toHaveCount(0, { timeout: 15_000 });
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Scenes made at once').selectOption('5');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
