/**
 * The desktop-shell integration as the harness can show it (no Electron here): Settings › Updates
 * says the desktop app manages updates, "Open logs folder" answers with the translated UNSUPPORTED
 * message, and an uncaught renderer error is sent to the backend (`app/reportError`, seen on the
 * real WebSocket) and shown as the friendly notice instead of a silently broken screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { resolveBinaries } from '../../src/pipeline/ffmpeg';
import { makeSyntheticVideo } from '../../src/pipeline/ffmpeg/synthetic';
import { emptyTimeline } from '../../src/shared/timeline';
import { importFiles, invoke, openBlank, showInEditor } from './editor-support';
import { screenshot, sharedHarnessUrl } from './support';

/** Every `app/reportError` request the page sends over the harness's WebSocket. */
function captureReports(page: Page): unknown[] {
  const reports: unknown[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (text.includes('app/reportError')) reports.push(JSON.parse(text));
    }),
  );
  return reports;
}

test('Settings shows Updates (managed by the desktop app) and Logs; opening logs explains it needs the app', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  await page.goto(sharedHarnessUrl());
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();

  const updates = page.getByTestId('settings-updates');
  await expect(updates.getByRole('heading', { name: 'Updates' })).toBeVisible();
  await expect(updates.getByTestId('update-state')).toHaveAttribute('data-state', 'none');
  await expect(updates).toContainText('Updates are managed by the Zapcut desktop app.');

  await page.getByTestId('open-logs').click();
  const toast = page.getByRole('alert').filter({ hasText: 'That needs the Zapcut desktop app.' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('logs');
  await page.getByTestId('settings-logs').scrollIntoViewIfNeeded();
  await screenshot(page, 'desktop-settings');
  expect(consoleErrors).toEqual([]);
});

test('an uncaught renderer error is reported and shown as a friendly message', async ({ page }) => {
  const reports = captureReports(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(sharedHarnessUrl());
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expect(page.getByTestId('unexpected-error')).toHaveCount(0); // nothing in a normal start

  await page.evaluate(() => setTimeout(() => { throw new Error('boom'); }));
  const notice = page.getByTestId('unexpected-error');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-source', 'renderer');
  await expect(notice).toContainText('Something went wrong in Zapcut');
  await expect(notice).not.toContainText('boom'); // details go to the log, not the user
  await expect.poll(() => reports.length).toBeGreaterThan(0);
  expect(JSON.stringify(reports[0])).toContain('Error: boom');
  expect(pageErrors).toEqual(['boom']);

  // Outside Electron the logs folder cannot be opened: the notice says so, translated.
  await notice.getByRole('button', { name: 'Open logs folder' }).click();
  await expect(notice.getByTestId('open-logs-error')).toHaveText('That needs the Zapcut desktop app.');
  await screenshot(page, 'desktop-error-notice');

  // An unhandled rejection is reported the same way; dismissing hides the notice.
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await page.evaluate(() => void Promise.reject(new Error('late failure')));
  await expect(page.getByTestId('unexpected-error')).toBeVisible();
  await expect.poll(() => reports.some((r) => JSON.stringify(r).includes('late failure') && JSON.stringify(r).includes('unhandledrejection'))).toBe(true);
});

test('editor export: "Show in folder" is offered for the file; outside the desktop app it says so', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  const work = mkdtempSync(path.join(tmpdir(), 'zapcut-desktop-e2e-'));
  const clip = path.join(work, 'one-second.mp4');
  await makeSyntheticVideo(resolveBinaries().ffmpegPath, clip, { color: 'testsrc', width: 320, height: 180, fps: 30, durationS: 1 });
  const project = await openBlank(page, 'Reveal check');
  const media = await importFiles(page, project.projectId, [clip]);
  rmSync(work, { recursive: true, force: true });
  const tl = emptyTimeline({ fps: 30, preset: '16:9' });
  tl.media = { a: { kind: 'video', sha256: media['one-second.mp4']!.sha256!, name: 'one-second.mp4' } };
  tl.main.clips = [{ id: 'only', media: 'a', start: 0, in: 0, out: 30, fit: 'cover', gain: 0, transitionIn: { kind: 'cut', frames: 0 } }];
  await invoke(page, 'editor/save', { projectId: project.projectId, timeline: tl });
  await showInEditor(page, project.projectId);
  await page.getByTestId('open-export').click();
  const dialog = page.getByRole('dialog', { name: 'Export video' });
  await dialog.getByRole('button', { name: /720p/ }).click();
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-result')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await dialog.getByTestId('export-reveal').click();
  const error = dialog.getByTestId('export-reveal-error');
  await expect(error).toContainText('That needs the Zapcut desktop app.');
  await expect(error).toContainText('exports');
  await screenshot(page, 'desktop-export-reveal');
});
