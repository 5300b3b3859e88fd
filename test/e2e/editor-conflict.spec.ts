/**
 * Issue 19 #4 and "one ad, one truth": an ad revised elsewhere (the chat, the Ads page's "Change
 * what the ad says") while it is open in the editor is never silently undone by the editor's
 * next autosave. The save is refused (the editor's base version is not the newest any more); the
 * editor says so and lets the creator reload (see the other change) or keep their version (the
 * other change stays in Versions). Seen in Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { EditorProject, TimelineVersion } from '../../src/shared/domain/editor';
import type { Timeline } from '../../src/shared/timeline';
import { expectAccessible } from './a11y';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor, type DriveFiles } from './editor-support';

let work: string;
let files: DriveFiles;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'zapcut-conflict-'));
  files = await makeDriveFiles(work);
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const textOf = (tl: Timeline, id: string) => tl.overlays.flatMap((t) => t.items).find((i) => i.id === id && i.kind === 'text') as { text: string } | undefined;

/** The ad open in the editor, then its end line changed elsewhere (a save without the editor's base, as a revision makes one). */
async function openThenReviseElsewhere(page: Page, title: string): Promise<{ projectId: string; revised: number }> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sharedHarnessUrl());
  const p = await openBlank(page, title);
  const media = await importFiles(page, p.projectId, Object.values(files));
  const tl = driveTimeline(media, files);
  await invoke(page, 'editor/save', { projectId: p.projectId, timeline: tl });
  await showInEditor(page, p.projectId);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const other = structuredClone(tl);
  (textOf(other, 'cap-2') as { text: string }).text = 'Order now, revised';
  const { version } = await invoke<{ version: number }>(page, 'editor/save', { projectId: p.projectId, timeline: other });
  return { projectId: p.projectId, revised: version };
}

test('an edit after a change saved elsewhere is not saved over it: the editor says so; Reload shows the other change', async ({ page }) => {
  const { projectId, revised } = await openThenReviseElsewhere(page, 'Conflict reload');
  await page.getByRole('button', { name: 'Add title' }).click();
  const banner = page.getByTestId('changed-elsewhere');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`version ${revised}`);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'conflict');
  // Nothing was written over the revision.
  const versions = await invoke<TimelineVersion[]>(page, 'editor/versions', { projectId });
  expect(versions[0]!.version).toBe(revised);
  await expectAccessible(page, 'editor: changed elsewhere');
  await screenshot(page, 'editor-conflict');

  await banner.getByRole('button', { name: 'Reload the ad' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const shown = await invoke<EditorProject>(page, 'editor/open', { projectId });
  expect(textOf(shown.timeline as Timeline, 'cap-2')?.text).toBe('Order now, revised');
  await expect(page.getByTestId('overlay-cap-2')).toContainText('Order now, revised');
  // After the reload the editor saves from the newest base again.
  await page.getByRole('button', { name: 'Add title' }).click();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await invoke<TimelineVersion[]>(page, 'editor/versions', { projectId }))[0]!.version).toBe(revised + 1);
});

test('"Keep my version" saves the editor\'s document as the newest; the other change stays in Versions', async ({ page }) => {
  const { projectId, revised } = await openThenReviseElsewhere(page, 'Conflict keep');
  await page.getByRole('button', { name: 'Add title' }).click();
  const banner = page.getByTestId('changed-elsewhere');
  await banner.getByRole('button', { name: 'Keep my version' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const versions = await invoke<TimelineVersion[]>(page, 'editor/versions', { projectId });
  expect(versions.map((v) => v.version).slice(0, 2)).toEqual([revised + 1, revised]);
  const mine = (await invoke<EditorProject>(page, 'editor/open', { projectId })).timeline as Timeline;
  expect(textOf(mine, 'cap-2')?.text).toBe('Order yours today');
  expect(mine.overlays.flatMap((t) => t.items).filter((i) => i.kind === 'text' && i.role === 'title').length).toBe(2);
});
