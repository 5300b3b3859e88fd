/**
 * Revise after generation (issue 19 #4), in Chromium through the harness: on a finished ad the
 * creator rewrites scene 2's line and the CTA on the Ads page; only those are made again (the
 * scenes' video is the ad's own — same clips, same files), the ad renders again by itself, and a
 * line too long for its scene is flagged with a one-click Shorten. After the ad is ready the chat
 * takes a revision request too ("make the CTA …"), where it used to answer only "your ad is ready",
 * and "Undo this change" under its reply puts the ad back in one step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { expectAccessible } from './a11y';
import { finishedAd } from './ad-support';
import { invoke } from './editor-support';
import { screenshot } from './support';

let harness: HarnessProcess | undefined;
let work: string;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'zapcut-e2e-revise-'));
  const saved = process.env.ZAPCUT_RENDER_SCALE;
  process.env.ZAPCUT_RENDER_SCALE = '0.34';
  try {
    harness = await spawnHarness({ dataDir: join(work, 'data') });
  } finally {
    if (saved === undefined) delete process.env.ZAPCUT_RENDER_SCALE;
    else process.env.ZAPCUT_RENDER_SCALE = saved;
  }
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Doc {
  main: { clips: unknown[] };
  media: Record<string, { sha256?: string }>;
  audio: { role: string; clips: { id: string; media: string }[] }[];
}
const voiceSha = (d: Doc, scene: number) => d.media[d.audio.find((t) => t.role === 'voice')!.clips.find((c) => c.id === `voice-${scene}`)!.media]!.sha256;

test('a finished ad: rewrite a line and the CTA, only they are made again; a long line is flagged and shortened; the chat revises too', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(harness!.url);
  const projectId = await finishedAd(page, work);
  const title = (await invoke<{ title: string }>(page, 'project/get', { id: projectId })).title;
  const before = (await invoke<{ timeline: Doc }>(page, 'editor/open', { projectId })).timeline;
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: `Open ${title}` }).click();
  await expect(page.getByTestId('result')).toBeVisible();

  const panel = page.getByTestId('revise');
  await expect(panel.getByRole('heading', { name: 'Change what the ad says' })).toBeVisible();
  const line2 = panel.getByLabel('Line of scene 2');
  const cta = panel.getByLabel('Call to action (end card)');
  await expect(cta).toHaveValue('Order today');
  const apply = panel.getByTestId('revise-apply');
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveText('Apply changes');
  await line2.fill('Ready when you are.');
  await cta.fill('Order now');
  await expect(apply).toHaveText('Apply 2 changes');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'h19a-revise-01-form');
  await apply.click();
  // Line 2, and the CTA scene's line, which said the old call to action and now says the new one.
  await expect(panel.getByTestId('revise-result')).toContainText('2 lines were spoken again', { timeout: 60_000 });
  // The ad renders again from the new version by itself; then it is up to date.
  await expect(page.getByTestId('result-stale')).toHaveCount(0, { timeout: 120_000 });

  const after = (await invoke<{ timeline: Doc }>(page, 'editor/open', { projectId })).timeline;
  expect(after.main.clips).toEqual(before.main.clips);
  for (const [id, m] of Object.entries(before.media)) if (id.startsWith('scene-')) expect(after.media[id]).toEqual(m);
  expect(voiceSha(after, 2)).not.toBe(voiceSha(before, 2));
  expect(voiceSha(after, 1)).toBe(voiceSha(before, 1));
  const copy = await invoke<{ cta: string; scenes: { line: string }[] }>(page, 'project/copy', { projectId });
  expect(copy.cta).toBe('Order now');
  expect(copy.scenes[1]!.line).toBe('Ready when you are.');
  expect(copy.scenes[2]!.line).toMatch(/^Order now\b/u);
  await expect(line2).toHaveValue('Ready when you are.');
  await expectAccessible(page, 'ad result with the revise form');

  // A line far too long for its scene is flagged, and one click shortens it.
  await line2.fill('Steeped slowly for eighteen hours in small batches with organic beans from two farms, it pours smooth and calm over ice, in milk, or straight from the bottle whenever the long night asks for more.');
  await apply.click();
  const flag = panel.getByTestId('revise-flag');
  await expect(flag).toContainText(/Line 2 takes \d+\.\d s, but scene 2 gives it \d+\.\d s/u, { timeout: 60_000 });
  await flag.scrollIntoViewIfNeeded();
  await screenshot(page, 'h19a-revise-02-flag');
  await flag.getByRole('button', { name: 'Shorten line 2' }).click();
  await expect(flag).toHaveCount(0, { timeout: 60_000 });
  await expect(panel.getByTestId('revise-result')).toContainText('1 line was spoken again');
  const shorter = await line2.inputValue();
  expect(shorter.split(/\s+/u).length).toBeLessThan(36);
  expect(shorter.startsWith('Steeped slowly')).toBe(true);

  // The chat after the ad is ready takes a revision request.
  const box = page.getByLabel('Your answer');
  await box.fill("make the CTA 'Shop the batch'");
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('chat-log')).toContainText('The call to action now reads "Shop the batch".', { timeout: 60_000 });
  await expect(cta).toHaveValue('Shop the batch', { timeout: 20_000 });
  await expect(panel.getByTestId('revise-result')).toHaveCount(0);
  await expect(page.getByTestId('result-stale')).toHaveCount(0, { timeout: 120_000 });
  await screenshot(page, 'h19a-revise-03-chat');

  // One step back from the chat (h19b): "Undo this change" under that reply puts the CTA back as it
  // was, the reply says it was undone, the ad renders again, and the chat box has the focus.
  const undo = page.getByTestId('chat-undo-revision');
  await expect(undo).toHaveText('Undo this change');
  await expect(page.getByTestId('chat-undo-revision')).toHaveCount(1);
  await undo.scrollIntoViewIfNeeded();
  await screenshot(page, 'h19b-revise-03a-chat-undo');
  await undo.click();
  await expect(page.getByTestId('chat-revision-undone')).toHaveText('Undone — the ad is back as it was before this change', { timeout: 20_000 });
  await expect(undo).toHaveCount(0);
  await expect(cta).toHaveValue('Order now', { timeout: 20_000 });
  await expect(box).toBeFocused();
  await expect(page.getByTestId('result-stale')).toHaveCount(0, { timeout: 120_000 });
  expect((await invoke<{ cta: string }>(page, 'project/copy', { projectId })).cta).toBe('Order now');
  await page.getByTestId('chat-revision-undone').scrollIntoViewIfNeeded();
  await screenshot(page, 'h19b-revise-03b-chat-undone');
  await expectAccessible(page, 'chat after undoing a revision');

  // In the editor: a caption's spoken line is spoken again as one undo step; Ctrl+Z puts it back.
  const saved = () => invoke<{ timeline: Doc }>(page, 'editor/open', { projectId }).then((r) => voiceSha(r.timeline, 2));
  const oldSha = await saved();
  await page.getByRole('button', { name: 'Open in the editor' }).click();
  await page.getByTestId('editor').waitFor();
  const caption = page.locator('[data-testid^="overlay-caption-2-"]').first();
  await caption.click();
  const spoken = page.getByLabel('Spoken line of scene 2');
  const oldLine = await spoken.inputValue();
  expect(oldLine).toBe(shorter);
  await spoken.fill('Smooth, calm energy all night.');
  await page.getByTestId('speak-again').click();
  await expect(page.getByTestId('speak-again')).toHaveText('Speak again', { timeout: 60_000 });
  await expect(spoken).toHaveValue('Smooth, calm energy all night.');
  await expect.poll(saved, { timeout: 20_000 }).not.toBe(oldSha);
  await screenshot(page, 'h19a-revise-04-editor');
  await page.locator('[data-testid^="overlay-caption-2-"]').first().click();
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Spoken line of scene 2')).toHaveValue(oldLine);
  await expect.poll(saved, { timeout: 20_000 }).toBe(oldSha);
});
