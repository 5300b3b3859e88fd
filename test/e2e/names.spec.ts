/**
 * Issue 19 #13, names and units, seen in Chromium: the editor names things by what they are — a
 * scene clip "Scene 2", a product picture stored under its hash "Product picture 1" — never by an
 * internal id or a hash, also in a refused edit's reason; time reads in seconds (m:ss.s) by
 * default, frames on demand (the transport's "Frames" toggle, remembered after a reload).
 * Screenshots at 1440×900 and 1280×720 go to the sheets folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Timeline } from '../../src/shared/timeline';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor, type DriveFiles } from './editor-support';

let work: string;
let files: DriveFiles;
const sheets = process.env.ZAPCUT_SHEETS_DIR;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'zapcut-names-'));
  files = await makeDriveFiles(work);
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The drive timeline as a generated ad names it: main clips "scene-N", the picture "product-1" stored under its hash. */
function generatedLike(tl: Timeline): { tl: Timeline; hash: string } {
  const hash = tl.media.logo!.sha256!;
  tl.media['product-1'] = { ...tl.media.logo!, name: `${hash}.png` };
  delete tl.media.logo;
  tl.media['scene-1'] = { ...tl.media.a!, name: 'Scene 1' };
  tl.media['scene-2'] = { ...tl.media.b!, name: 'Scene 2' };
  delete tl.media.a;
  delete tl.media.b;
  tl.main.clips = tl.main.clips.map((c, i) => ({ ...c, id: `scene-${i + 1}`, media: `scene-${i + 1}` }));
  for (const tr of tl.overlays) for (const it of tr.items) if (it.kind === 'image') it.media = 'product-1';
  return { tl, hash };
}

async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h });
    const p = await screenshot(page, `${name}-${w}x${h}`);
    if (sheets) {
      mkdirSync(sheets, { recursive: true });
      await page.screenshot({ path: path.join(sheets, path.basename(p)) });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the editor names items by what they are, also in a refusal, and speaks seconds unless frames are asked for', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sharedHarnessUrl());
  await page.evaluate(() => (globalThis as unknown as { localStorage: { removeItem(k: string): void } }).localStorage.removeItem('zapcut.editor.timeUnit'));
  const p = await openBlank(page, 'Named');
  const media = await importFiles(page, p.projectId, Object.values(files));
  const { tl, hash } = generatedLike(driveTimeline(media, files));
  await invoke(page, 'editor/save', { projectId: p.projectId, timeline: tl });
  await showInEditor(page, p.projectId);

  // Names: the picture is "Product picture 1", the clips "Scene 1/2"; no hash, no id on the screen.
  await expect(page.getByTestId('overlay-logo-1')).toHaveAccessibleName('Picture: Product picture 1');
  await expect(page.getByTestId('overlay-logo-1')).toContainText('Product picture 1');
  await expect(page.getByTestId('clip-scene-2')).toHaveAccessibleName('Video clip: Scene 2');
  await page.getByTestId('overlay-logo-1').click();
  await expect(page.getByTestId('inspector')).toContainText('Product picture 1');
  expect(await page.locator('body').innerText()).not.toContain(hash.slice(0, 12));

  // Time in seconds: the playhead, the length, a jump typed as seconds.
  await expect(page.getByTestId('timecode')).toHaveText('0:00.0');
  await expect(page.getByTestId('total-time')).toHaveText('0:05.5');
  const goto = page.getByTestId('goto-frame');
  await goto.fill('1.5');
  await goto.press('Enter');
  await expect(page.getByTestId('timecode')).toHaveText('0:01.5');
  await expect(page.getByTestId('playhead')).toHaveAttribute('data-frame', '45');
  await page.getByTestId('clip-scene-2').click();
  await expect(page.getByTestId('inspector')).toContainText('3.0 s');
  await expect(page.getByLabel('Length (s)')).toHaveValue('0.5');

  // A refused split (the playhead is before the selected clip) names the scene and says times, not "scene-2" and frames.
  await page.keyboard.press('Home');
  await page.keyboard.press('s');
  const notice = page.getByTestId('edit-notice');
  await expect(notice).toContainText('Scene 2');
  await expect(notice).toContainText('0:02.5');
  await expect(notice).not.toContainText('scene-2');
  await expect(notice).not.toContainText(/\bframe\b/);
  await shoot(page, 'h19b-13-names-seconds');

  // Refused edits say lengths in seconds (h19a): a command's own refusal ("a 120-frame crossfade")
  // and the timeline check's, worded from its code — not the check's English run through a
  // rewording ("dip-to-black into Scene 2 (9.0 s (9.00 s)) is longer…", from `main clip "scene-2" (270 frames (9.00 s))`).
  await page.getByTestId('clip-scene-2').click();
  await page.getByLabel('Length (s)').fill('4');
  await expect(notice).toHaveText("Can't do that: a 4.0 s crossfade is longer than Scene 2 (3.0 s); shorten it");
  await page.getByRole('radio', { name: 'Dip to black' }).click();
  await page.getByLabel('Length (s)').fill('9');
  await expect(notice).toHaveText("Can't do that: The dip to black into Scene 2 (9.0 s) is longer than twice a clip it joins; shorten it.");
  expect(await notice.innerText()).not.toMatch(/scene-\d|"[a-z]+-\d+"|\bframes?\b|\(\d+\.\d+ s \(/u);
  await screenshot(page, 'h19a-13-refused-dip');
  await page.getByRole('radio', { name: 'Crossfade' }).click();
  await expect(page.getByRole('radio', { name: 'Crossfade' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByLabel('Length (s)')).toHaveValue('0.5');

  // Frames on demand, remembered after a reload.
  await page.getByTestId('time-unit').click();
  await expect(page.getByTestId('time-unit')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('timecode')).toHaveText('00:00:00');
  await expect(page.getByLabel('Length (frames)')).toHaveValue('15');
  await expect(page.getByTestId('inspector')).toContainText('90 f');
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Editor' }).click();
  await expect(page.getByTestId('total-time')).toHaveText('00:05:15');
  await page.getByTestId('time-unit').click();
  await expect(page.getByTestId('total-time')).toHaveText('0:05.5');
});
