/**
 * A modal <dialog> lives in the browser's top layer and makes the page behind it inert, so a toast
 * rendered by the shell would sit under the backdrop. The backend's reply to `brand/create` is
 * replaced on the real WebSocket by an IO error, and the error toast must be visible inside the
 * open dialog (and shown once).
 */
import { expect, test } from '@playwright/test';
import { screenshot, sharedHarnessUrl } from './support';

test('an error raised while a dialog is open shows above the dialog, once', async ({ page }) => {
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; channel: string };
      if (request.channel === 'brand/create') {
        ws.send(JSON.stringify({ id: request.id, result: { ok: false, error: { code: 'IO', message: 'Disk full (injected by the test).' } } }));
        return;
      }
      server.send(message);
    });
  });
  await page.goto(sharedHarnessUrl());
  await page.getByRole('button', { name: /new brand/i }).first().click();
  const dialog = page.locator('dialog[open]');
  await dialog.getByLabel(/name/i).first().fill('Acme');
  await dialog.getByRole('button', { name: /create brand/i }).click();

  const toast = dialog.getByRole('alert');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Disk full (injected by the test).');
  await expect(page.getByRole('alert').filter({ hasText: 'Disk full' })).toHaveCount(1);
  // Nothing was lost: the dialog and what the user typed are still there.
  await expect(dialog.getByLabel(/name/i).first()).toHaveValue('Acme');
  await screenshot(page, 'dialog-error-toast');
  // The toast never covers the dialog's buttons (it sat on "Create brand" at the bottom-right): at
  // each button's centre the browser hits the button, at both window sizes.
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expect(toast).toBeVisible();
    const covered = await dialog.evaluate((d) => {
      type El = { getBoundingClientRect(): { x: number; y: number; width: number; height: number }; contains(n: unknown): boolean; textContent: string | null };
      const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown; querySelector(s: string): El | null } }).document;
      const stack = (d as unknown as { querySelector(s: string): El | null }).querySelector('[data-testid="toasts"]');
      return [...(d as unknown as { querySelectorAll(s: string): Iterable<El> }).querySelectorAll('button')]
        .filter((b) => !stack?.contains(b))
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && stack?.contains(doc.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
        })
        .map((b) => (b.textContent ?? '').trim());
    });
    expect(covered, `dialog buttons under the toast at ${w}×${h}`).toEqual([]);
    await screenshot(page, `h19a-dialog-toast-${w}x${h}`);
  }
});

test('a dialog opens on its first field, not on ×, and Escape gives focus back to what opened it (issue 19 #13)', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  const opener = page.getByRole('button', { name: /new brand/i }).first();
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New brand' });
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});
