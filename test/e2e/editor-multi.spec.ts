/**
 * Multi-select in the timeline (issue 19): Shift-click (or Shift+Enter on a focused item) selects
 * several items; the Inspector says how many; delete, nudge (Alt+→), drag and the text style act on
 * all of them, each as one undo step. Before, a click replaced the selection and every edit
 * touched one item.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PRESET_SIZES, type Timeline, type TextItem } from '../../src/shared/timeline';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, savedStarts, seekPreview, showInEditor, type DriveFiles } from './editor-support';

let work: string;
let files: DriveFiles;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'zapcut-editor-multi-'));
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

const three = (s: Record<string, number>) => [s['cap-1'], s['cap-2'], s['vo-1']];
const looks = async (page: Page, id: string) => {
  const tl = (await invoke<{ timeline: Timeline }>(page, 'editor/open', { projectId: id })).timeline;
  return tl.overlays.flatMap((o) => o.items).filter((i): i is TextItem => i.kind === 'text' && i.id.startsWith('cap-')).map((i) => i.style.look ?? 'pop');
};

test('several items selected: the Inspector counts them; nudge, style, delete and drag act on all, one undo step each', async ({ page }) => {
  const id = await project(page, 'Multi-select');
  await page.getByTestId('overlay-cap-1').click();
  await page.getByTestId('overlay-cap-2').click({ modifiers: ['Shift'] });
  await page.getByTestId('audio-vo-1').click({ modifiers: ['Shift'] });
  const many = page.getByTestId('many-selected');
  await expect(many).toContainText('3 items selected');
  await expect(page.getByTestId('overlay-cap-2')).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'h19a-multi-01-three');

  // Alt+Shift+→: all three move one second later together; one Ctrl+Z puts all three back.
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect.poll(async () => three(await savedStarts(page, id))).toEqual([40, 125, 40]);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => three(await savedStarts(page, id))).toEqual([10, 95, 10]);

  // The style of every selected text, one step.
  await page.keyboard.press('Control+y');
  await expect.poll(async () => three(await savedStarts(page, id))).toEqual([40, 125, 40]);
  await page.getByTestId('many-look').selectOption('boxed');
  await expect.poll(() => looks(page, id)).toEqual(['boxed', 'boxed']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => looks(page, id)).toEqual(['pop', 'pop']);

  // Delete removes all three; one undo brings all three back.
  await page.keyboard.press('Delete');
  await expect.poll(async () => three(await savedStarts(page, id))).toEqual([undefined, undefined, undefined]);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => three(await savedStarts(page, id))).toEqual([40, 125, 40]);

  // From the keyboard: Enter selects a focused item, Shift+Enter adds the next.
  await page.getByTestId('overlay-cap-1').focus();
  await page.keyboard.press('Enter');
  await expect(many).toHaveCount(0);
  await page.getByTestId('overlay-cap-2').focus();
  await page.keyboard.press('Shift+Enter');
  await expect(many).toContainText('2 items selected');

  // Dragging one of them moves both by the same amount.
  const box = (await page.getByTestId('overlay-cap-1').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await savedStarts(page, id))['cap-1']).toBeGreaterThan(40);
  const moved = await savedStarts(page, id);
  expect(moved['cap-2']! - moved['cap-1']!).toBe(85);
  expect(moved['vo-1']).toBe(40);
  await screenshot(page, 'h19a-multi-02-dragged');
});

test('on-canvas text editing: double-click a title on the preview, Enter keeps it as one undo step, Escape cancels', async ({ page }) => {
  const id = await project(page, 'Inline text');
  const titleText = async () => {
    const tl = (await invoke<{ timeline: Timeline }>(page, 'editor/open', { projectId: id })).timeline;
    return (tl.overlays.flatMap((o) => o.items).find((i) => i.id === 'title-1') as TextItem).text;
  };
  await seekPreview(page, 30);
  // The title is selected from the timeline so its frame on the preview shows where to double-click.
  await page.getByTestId('overlay-title-1').click();
  const handle = page.getByTestId('overlay-handle');
  await handle.dblclick();
  const inline = page.getByTestId('inline-text');
  await expect(inline).toBeFocused();
  await expect(inline).toHaveValue('Big news');
  // The field is the text's own box on the preview, at the text's size (it was a 13 px field):
  // at least as wide and tall as the title's frame, the font as large as the title is drawn.
  const frame = (await handle.boundingBox())!;
  const field = (await inline.boundingBox())!;
  expect(field.width).toBeGreaterThanOrEqual(frame.width - 1);
  expect(field.height).toBeGreaterThanOrEqual(frame.height - 1);
  expect(field.x + field.width).toBeLessThanOrEqual((await page.getByTestId('preview-canvas').boundingBox())!.x + (await page.getByTestId('preview-canvas').boundingBox())!.width + 1);
  const drawn = await (async () => {
    const tl = (await invoke<{ timeline: Timeline }>(page, 'editor/open', { projectId: id })).timeline;
    const title = tl.overlays.flatMap((o) => o.items).find((i) => i.id === 'title-1') as TextItem;
    return (title.style.fontSize * (await page.getByTestId('preview-canvas').boundingBox())!.width) / PRESET_SIZES[tl.output.preset].width;
  })();
  const fontPx = Number.parseFloat(await inline.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(Math.max(14, drawn * 0.85));
  expect(fontPx).toBeLessThanOrEqual(Math.max(14, drawn * 1.15));
  await inline.fill('Huge news');
  await screenshot(page, 'h19a-inline-01-editing');
  await page.keyboard.press('Enter');
  await expect(inline).toHaveCount(0);
  await expect.poll(titleText).toBe('Huge news');
  // One undo step puts the old text back.
  await page.keyboard.press('Control+z');
  await expect.poll(titleText).toBe('Big news');

  // Escape cancels: nothing changes.
  await handle.dblclick();
  await page.getByTestId('inline-text').fill('Never kept');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inline-text')).toHaveCount(0);
  await expect(page.getByTestId('overlay-title-1')).toContainText('Big news');
  await expect.poll(titleText).toBe('Big news');
});

test('Shift+←/→ on a focused item grows the selection along its track, and back; never inside a text field', async ({ page }) => {
  await project(page, 'Shift arrows');
  const many = page.getByTestId('many-selected');
  const playhead = page.getByTestId('playhead');
  const pressed = (id: string) => page.getByTestId(id);
  await page.getByTestId('overlay-cap-1').focus();
  await page.keyboard.press('Enter');
  const frame = await playhead.getAttribute('data-frame');
  // Shift+→: the next caption joins; focus follows it; the playhead stays (no one-second step).
  await page.keyboard.press('Shift+ArrowRight');
  await expect(many).toContainText('2 items selected');
  await expect(pressed('overlay-cap-1')).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed('overlay-cap-2')).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed('overlay-cap-2')).toBeFocused();
  await expect(playhead).toHaveAttribute('data-frame', frame!);
  // Only the same track: nothing after the last caption, the title on its own track stays out.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(many).toContainText('2 items selected');
  await expect(pressed('overlay-title-1')).toHaveAttribute('aria-pressed', 'false');
  await screenshot(page, 'h19a-shift-arrows-01-two');
  // Shift+← back over the selected neighbour shrinks the selection again.
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(many).toHaveCount(0);
  await expect(pressed('overlay-cap-2')).toHaveAttribute('aria-pressed', 'false');
  await expect(pressed('overlay-cap-1')).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed('overlay-cap-1')).toBeFocused();
  // The video track, and from an item that was only focused: both clips.
  await page.getByTestId('clip-bars').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(pressed('clip-pattern')).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed('clip-bars')).toHaveAttribute('aria-pressed', 'true');
  await expect(many).toContainText('3 items selected');
  // Inside a text field Shift+→ selects text, never items.
  const goto = page.getByTestId('goto-frame');
  await goto.fill('1.5');
  await goto.press('Shift+ArrowLeft');
  await expect(many).toContainText('3 items selected');
  await expect(goto).toBeFocused();
});

test('clicking a timeline item takes the keyboard from the Inspector field last typed in: Delete removes the item, not a letter', async ({ page }) => {
  await project(page, 'Click takes focus');
  await page.getByTestId('overlay-cap-2').click();
  const text = page.getByTestId('inspector').getByLabel('Text', { exact: true });
  await text.click();
  await expect(text).toBeFocused();
  // Pressing the item moves the keyboard to it (the press's preventDefault used to keep it in the field).
  await page.getByTestId('overlay-cap-2').click();
  await expect(page.getByTestId('overlay-cap-2')).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('overlay-cap-2')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('overlay-cap-2')).toHaveCount(1);
});
