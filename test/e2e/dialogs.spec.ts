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
