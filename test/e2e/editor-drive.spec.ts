/**
 * Driving the editor (issue 19): the preview is drawn the moment a project opens, the Inspector
 * shows the document (undo/redo update its fields), shortcuts never fire inside a text field and
 * always fire elsewhere, every timeline item is reached and edited from the keyboard, and a
 * crossfade made longer keeps every track in sync. One project per test on the shared harness;
 * fixtures are 3 s lavfi clips and tones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { screenshot, sharedHarnessUrl } from './support';
import { canvasRgb, driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, savedStarts, showInEditor, type DriveFiles } from './editor-support';

let work: string;
let files: DriveFiles;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'zapcut-editor-drive-'));
  files = await makeDriveFiles(work);
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

async function project(page: Page, title: string): Promise<string> {
  await page.goto(sharedHarnessUrl());
  const p = await openBlank(page, title);
  const media = await importFiles(page, p.projectId, Object.values(files));
  await invoke(page, 'editor/save', { projectId: p.projectId, timeline: driveTimeline(media, files) });
  await showInEditor(page, p.projectId);
  return p.projectId;
}

const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

test('the preview shows the first frame as soon as the editor opens', async ({ page }) => {
  await project(page, 'Drawn on open');
  const canvas = page.getByTestId('preview-canvas');
  // No seek, no click: the frame under the playhead is drawn on its own.
  await expect(canvas).toHaveAttribute('data-drawn-frame', '0');
  const rgb = await canvasRgb(page);
  let lit = 0;
  for (let i = 0; i < rgb.data.length; i += 3) if (rgb.data[i]! + rgb.data[i + 1]! + rgb.data[i + 2]! > 60) lit++;
  expect(lit / (rgb.data.length / 3)).toBeGreaterThan(0.5);
  await screenshot(page, 'drive-01-open');
});

test('undo and redo update the Inspector fields, including the text being edited', async ({ page }) => {
  await project(page, 'Inspector follows the document');
  await page.getByTestId('overlay-cap-1').click();
  const text = page.getByTestId('text-content');
  await expect(text).toHaveValue('Fresh lemons, squeezed daily');
  await text.fill('Sweet lemons');
  await text.press('Tab');
  await expect(page.getByTestId('overlay-cap-1')).toContainText('Sweet lemons');
  const size = page.getByLabel('Font size');
  const size0 = await size.inputValue();
  await size.fill('80');
  await size.press('Tab');
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(size).toHaveValue(size0);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(text).toHaveValue('Fresh lemons, squeezed daily');
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(text).toHaveValue('Sweet lemons');
  // Undo while the field itself has focus (nothing typed since): the document undoes, the field follows.
  await text.focus();
  await page.keyboard.press('Control+z');
  await expect(text).toHaveValue('Fresh lemons, squeezed daily');
  await saved(page);
});

test('a new selection shows the Inspector from the top (issue 19 #13: the scroll stayed and hid the fields)', async ({ page }) => {
  await project(page, 'Inspector from the top');
  const inspector = page.getByTestId('inspector');
  await page.getByTestId('overlay-cap-1').click();
  await expect(page.getByTestId('text-content')).toBeVisible();
  await inspector.evaluate((el) => ((el as unknown as { scrollTop: number; scrollHeight: number }).scrollTop = (el as unknown as { scrollHeight: number }).scrollHeight));
  expect(await inspector.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop)).toBeGreaterThan(0);
  await page.locator('[data-testid^="clip-"]').first().click();
  await expect(page.getByTestId('text-content')).toHaveCount(0);
  await expect.poll(() => inspector.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop)).toBe(0);
});

test('the toolbar does not move while the save state changes (issue 19 #16)', async ({ page }) => {
  await project(page, 'Toolbar stays put');
  await saved(page);
  // Every change of the save state records where the Undo button is.
  await page.evaluate(() => {
    const w = globalThis as unknown as { undoXs: Record<string, number[]>; document: { querySelector(s: string): { getAttribute(n: string): string | null; getBoundingClientRect(): { x: number } } | null }; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void } };
    w.undoXs = {};
    const state = w.document.querySelector('[data-testid="save-state"]')!;
    const note = () => {
      const s = w.document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') ?? '?';
      const x = w.document.querySelector('button[aria-label^="Undo"]')!.getBoundingClientRect().x;
      (w.undoXs[s] ??= []).push(x);
    };
    note();
    new w.MutationObserver(note).observe((state as unknown as { parentNode: unknown }).parentNode, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByTestId('overlay-cap-1').click();
  await page.getByTestId('text-content').fill('Lemons, fresh');
  await page.getByTestId('text-content').press('Tab');
  await saved(page);
  const xs = await page.evaluate(() => (globalThis as unknown as { undoXs: Record<string, number[]> }).undoXs);
  expect(Object.keys(xs).length).toBeGreaterThan(1); // it saw the state change
  expect(new Set(Object.values(xs).flat()).size).toBe(1);
});

test('shortcuts never fire inside a text field and always elsewhere; items are reached and edited from the keyboard', async ({ page }) => {
  await project(page, 'Keyboard only');
  const goto = page.getByTestId('goto-frame');
  await goto.click();
  await goto.fill('2');
  await goto.press('Enter');
  await expect(page.getByTestId('timecode')).toHaveText('0:02.0');
  // The jump is done: focus leaves the field, so S splits instead of typing an "s".
  await expect(goto).not.toBeFocused();
  await page.keyboard.press('s');
  await expect(page.getByTestId('clip-pattern-2')).toBeVisible();
  await expect(goto).toHaveValue('');

  // Inside a text field S is a letter.
  await page.getByTestId('overlay-cap-1').click();
  const text = page.getByTestId('text-content');
  await text.click();
  await page.keyboard.press('End');
  await page.keyboard.type('s');
  await expect(text).toHaveValue('Fresh lemons, squeezed dailys');
  await expect(page.locator('[data-testid^="clip-"]')).toHaveCount(3);
  await text.press('Escape');
  await expect(text).toHaveValue('Fresh lemons, squeezed daily');

  // Every item is a focusable control: Tab reaches it, Enter selects it, Delete removes it, undo brings it back.
  const bars = page.getByTestId('clip-bars');
  await page.getByTestId('clip-pattern-2').focus();
  await page.keyboard.press('Tab');
  await expect(bars).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(bars).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'drive-02-keyboard');
  await page.keyboard.press('Delete');
  await expect(bars).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('clip-bars')).toBeVisible();
  // A timeline item says what it is to a screen reader.
  await expect(page.getByTestId('overlay-cap-1')).toHaveAccessibleName('Caption: Fresh lemons, squeezed daily');
  await expect(page.getByTestId('audio-vo-2')).toHaveAccessibleName('Voice: voice.wav');
});

test('a crossfade made longer moves everything after the join on every track, and nothing before it; undo moves it all back', async ({ page }) => {
  const projectId = await project(page, 'Sync');
  await page.getByTestId('clip-bars').click();
  const length = page.getByLabel('Length (s)');
  await expect(length).toHaveValue('0.5');
  await length.fill('1');
  await length.press('Tab');
  await saved(page);
  expect(await savedStarts(page, projectId)).toMatchObject({
    // before the join (frame 75): untouched, the music bed from 0 included
    pattern: 0, 'title-1': 5, 'cap-1': 10, 'vo-1': 10, bed: 0,
    // from the join on: 15 frames earlier, like the scene they belong to
    bars: 60, 'logo-1': 85, 'cap-2': 80, 'vo-2': 80, swish: 63,
  });
  await screenshot(page, 'drive-03-crossfade-synced');
  // Undo from the timeline (the clip has focus; inside a field Ctrl+Z is the field's own).
  await page.getByTestId('clip-bars').focus();
  await page.keyboard.press('Control+z');
  await saved(page);
  expect(await savedStarts(page, projectId)).toMatchObject({ bars: 75, 'logo-1': 100, 'cap-2': 95, 'vo-2': 95, swish: 78 });
});

test('the versions list shows every save and restores an older one as the newest', async ({ page }) => {
  await project(page, 'Versions');
  await page.getByTestId('overlay-cap-1').click();
  const text = page.getByTestId('text-content');
  await text.fill('Sour lemons');
  await text.press('Tab');
  await saved(page);
  await page.getByTestId('open-versions').click();
  const dialog = page.getByRole('dialog', { name: 'Versions' });
  await expect(dialog.getByTestId('version').first()).toContainText('Current');
  await expect(dialog.getByTestId('version')).toHaveCount(3); // blank, the fixture, the edit
  await screenshot(page, 'drive-04-versions');
  await dialog.getByTestId('version').nth(1).getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('overlay-cap-1').click();
  await expect(page.getByTestId('text-content')).toHaveValue('Fresh lemons, squeezed daily');
  await page.getByTestId('open-versions').click();
  await expect(page.getByRole('dialog', { name: 'Versions' }).getByTestId('version')).toHaveCount(4);
});

test('one caption style for the whole ad: a caption\'s look and highlight go to every caption in one undo step (issue 16)', async ({ page }) => {
  await project(page, 'Caption style for all');
  await page.getByTestId('overlay-cap-1').click();
  const look = page.getByTestId('caption-look');
  await expect(look).toHaveValue('pop');
  await look.selectOption('boxed');
  await page.getByTestId('caption-look-all').click();
  await expect(page.getByTestId('caption-look-all')).toHaveText('Apply style and highlight to all 2 captions');
  await screenshot(page, 'drive-05-caption-style-all');
  await page.getByTestId('overlay-cap-2').click();
  await expect(look).toHaveValue('boxed');
  // One undo takes back the whole ad's change (cap-1 keeps the look it was given on its own).
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(look).toHaveValue('pop');
  await page.getByTestId('overlay-cap-1').click();
  await expect(look).toHaveValue('boxed');
  await saved(page);
});
