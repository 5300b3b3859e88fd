/**
 * The accessibility scan (issue 19): every main screen, and the editor with a project open and a
 * caption selected, has zero WCAG 2.2 A/AA violations by axe-core. A failure names each rule and
 * element, so the fix is obvious from the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor } from './editor-support';

test('every main screen passes the WCAG AA scan', async ({ page }) => {
  await page.goto(sharedHarnessUrl());
  // Screens with something on them: a brand card and an ad card (their text is more than their
  // name — the last CI found the cards' accessible names failing only when other specs had made some).
  const brand = await invoke<{ id: string }>(page, 'brand/create', { name: 'Scanned Screens', description: 'A brand on the Brands screen while it is scanned.', colors: ['#1D3557'] });
  await invoke(page, 'project/create', { brandId: brand.id });
  await page.reload();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const screen of ['Brands', 'Ads', 'Editor', 'Settings', 'Account']) {
    await nav.getByRole('button', { name: screen }).click();
    await expect(nav.getByRole('button', { name: screen })).toHaveAttribute('aria-current', 'page');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, screen);
    if (screen === 'Brands' || screen === 'Ads') {
      // The card opens from anywhere on it, and the keyboard's focus ring goes round the whole card.
      const open = page.getByRole('button', { name: screen === 'Brands' ? 'Open Scanned Screens' : 'Open New Scanned Screens ad' }).first();
      await open.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await screenshot(page, `a11y-${screen.toLowerCase()}-card-focus`);
    }
  }
});

test('the editor with a project open and a caption selected passes the WCAG AA scan', async ({ page }) => {
  const work = mkdtempSync(path.join(tmpdir(), 'zapcut-a11y-'));
  try {
    const files = await makeDriveFiles(work);
    await page.goto(sharedHarnessUrl());
    const p = await openBlank(page, 'Accessible');
    const media = await importFiles(page, p.projectId, Object.values(files));
    await invoke(page, 'editor/save', { projectId: p.projectId, timeline: driveTimeline(media, files) });
    await showInEditor(page, p.projectId);
    await page.getByTestId('overlay-cap-1').click();
    await expect(page.getByTestId('text-content')).toBeVisible();
    await expectAccessible(page, 'editor with a caption selected');
    await screenshot(page, 'a11y-editor');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
