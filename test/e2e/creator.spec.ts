/**
 * The creator flow (issue 7) in Chromium against the real backend on the offline provider:
 * a new brand → Ads → New ad → chat (with a kind refusal) → creative bible → storyboard review
 * (blocked scene + safe alternative, length fix, reorder) → the scenes' pictures, approved → generation → the finished ad playing,
 * a 1:1 variant and an export. Then: restart the harness during a generation and find it resumed.
 * Renders run at a fifth of full size (ZAPCUT_RENDER_SCALE) to stay fast on two shared cores.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { spawnHarness, type HarnessProcess } from '../harness/process';
import { probeMedia, resolveBinaries } from '../../src/pipeline/ffmpeg';
import { makeProductImages, screenshot } from './support';
import { expectAccessible } from './a11y';

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let fixturesDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(async () => {
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  dataDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-creator-'));
  fixturesDir = mkdtempSync(join(tmpdir(), 'zapcut-e2e-creator-fx-'));
  harness = await spawnHarness({ dataDir });
});

test.afterAll(async () => {
  await harness?.close();
  delete process.env.ZAPCUT_RENDER_SCALE;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fixturesDir, { recursive: true, force: true });
});

/** Any console error or uncaught page error fails the flow (CSP violations included). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

const lastAssistant = (page: Page) => page.getByTestId('chat-assistant').last();

/** Types an answer and waits until the reply has streamed in completely. */
async function answer(page: Page, text: string, expectReply: string | RegExp) {
  const box = page.getByRole('textbox', { name: 'Your answer' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByTestId('chat-user').last()).toContainText(text);
  await expect(lastAssistant(page)).toContainText(expectReply);
}

async function pick(page: Page, option: string, expectReply: string | RegExp) {
  await page.getByTestId('chat-options').getByRole('button', { name: option }).click();
  await expect(lastAssistant(page)).toContainText(expectReply);
}

async function chatToStoryboard(page: Page, product: string, opts: { refuse?: boolean; ideas?: boolean } = {}) {
  await expect(lastAssistant(page)).toContainText('Which product is this ad for?');
  await answer(page, product, `Describe ${product}`);
  if (opts.refuse) {
    await answer(page, 'It shows a man shooting people with a gun.', "I can't help with that");
    await expect(lastAssistant(page)).toContainText('Refused by the content rules');
    await expect(lastAssistant(page)).toContainText(`Describe ${product}`);
    await screenshot(page, 'creator-03-chat-refusal');
  }
  await answer(page, 'Cold brew coffee, steeped for 18 hours, in a glass bottle.', 'Who is');
  await answer(page, 'Night-shift nurses and students', 'one benefit');
  await answer(page, 'Calm focus that lasts all night', 'product image');
  await pick(page, 'Yes, use them', 'How long should your ad be?');
  await expect(lastAssistant(page)).toContainText('15 s works best for Stories, Reels and TikTok; 30 s for feed posts; 60 s for YouTube pre-roll');
  if (opts.refuse) await screenshot(page, 'creator-04-chat-length-question');
  await pick(page, '15 s · Stories, Reels, TikTok', 'Which format?');
  await pick(page, '9:16 vertical', 'What tone');
  await pick(page, 'Warm and calm', 'what should viewers do');
  await answer(page, 'Shop now at lumen.coffee', "Here's the brief");
  if (opts.refuse) {
    await screenshot(page, 'creator-05-chat-summary');
    // A 50 KB paste: told at once, nothing sent, nothing lost.
    const box = page.getByRole('textbox', { name: 'Your answer' });
    const paste = 'Our story. '.repeat(4600).trim();
    await box.fill(paste);
    await expect(page.getByTestId('chat-too-long')).toContainText('This message is 50,599 characters; the chat reads up to 4,000 at a time.');
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await screenshot(page, 'creator-05a-chat-too-long');
    await expect(box).toHaveValue(paste);
    await box.fill('');
    // The creator's own scenes are offered, and skippable.
    await pick(page, 'Add my scene ideas', 'List your scene ideas in the order they should play');
    await screenshot(page, 'creator-05b-chat-scene-ideas');
    await pick(page, 'Skip', "Here's the brief");
  }
  if (opts.ideas) {
    await pick(page, 'Add a creative direction', 'Describe the look and feel');
    await answer(page, 'Golden hour by the water, slow and warm', '• Direction: Golden hour by the water, slow and warm');
    await pick(page, 'Add my scene ideas', 'List your scene ideas');
    await answer(page, 'Open on a sunrise over the harbour; the bottle in a runner’s hand', 'Noted your 2 scenes, in this order.');
    await expect(lastAssistant(page)).toContainText('• Your scenes: 1. Open on a sunrise over the harbour 2. the bottle in a runner’s hand');
    await screenshot(page, 'creator-05c-chat-summary-with-scenes');
  }
  await page.getByTestId('chat-options').getByRole('button', { name: 'Looks good, draft it' }).click();
  await expect(page.getByTestId('chat-assistant').filter({ hasText: 'Drafting your creative bible' })).toHaveCount(1);
  await expect(page.getByTestId('storyboard')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('scene-card').first()).toBeVisible();
}

async function videoPlays(page: Page) {
  const video = page.getByTestId('ad-video');
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v) => (v as unknown as { duration: number }).duration), { timeout: 30_000 }).toBeGreaterThan(14);
  const t0 = await video.evaluate(async (v) => {
    const el = v as unknown as { muted: boolean; currentTime: number; play(): Promise<void> };
    el.muted = true;
    el.currentTime = 2; // seeking goes through Range requests on the media protocol
    await el.play();
    return el.currentTime;
  });
  expect(t0).toBeGreaterThanOrEqual(1.9);
  await expect.poll(() => video.evaluate((v) => (v as unknown as { currentTime: number }).currentTime), { timeout: 15_000 }).toBeGreaterThan(t0 + 0.5);
  await video.evaluate((v) => (v as unknown as { pause(): void }).pause());
}

test('from a new brand to the finished ad playing', async ({ page }) => {
  test.setTimeout(420_000);
  const problems = watchProblems(page);
  const images = await makeProductImages(fixturesDir);
  await page.goto(harness!.url);

  // Ads with no brand yet: the empty state sends the creator to set one up.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await expect(page.getByRole('heading', { name: 'Set up a brand first' })).toBeVisible();
  await screenshot(page, 'creator-00-ads-no-brand');
  await page.getByRole('button', { name: 'Set up a brand' }).click();

  await page.getByRole('button', { name: 'New brand' }).click();
  const dialog = page.getByRole('dialog', { name: 'New brand' });
  await dialog.getByLabel('Name', { exact: true }).fill('Lumen ☕️');
  await dialog.getByLabel('Description').fill('Small-batch coffee for night owls.');
  await dialog.getByRole('button', { name: 'Create brand' }).click();
  await expect(page.getByTestId('brand-title')).toHaveText('Lumen ☕️');
  await page.getByTestId('image-file-input').setInputFiles(images.gradient);
  await expect(page.getByTestId('image-thumbnail')).toHaveCount(1);

  // Ads → New ad → pick the brand.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await expect(page.getByRole('heading', { name: 'Make your first ad' })).toBeVisible();
  await screenshot(page, 'creator-01-ads-empty');
  await page.getByRole('button', { name: 'New ad' }).click();
  const newAd = page.getByRole('dialog', { name: 'New ad' });
  await expect(newAd.getByRole('radio', { name: /Lumen/u })).toHaveAttribute('aria-checked', 'true');
  await screenshot(page, 'creator-02-new-ad-dialog');
  await newAd.getByRole('button', { name: 'Start the chat' }).click();
  // The chat opens ready to type into (issue 19 #13).
  await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeFocused();
  // Leaving a new ad before answering keeps one draft named for what it is — not "Lumen ☕️ ·
  // Briefing · Lumen ☕️" — and "New ad" again reopens it instead of leaving another (issue 19 #11).
  await expect(lastAssistant(page)).toContainText('Which product is this ad for?');
  await page.getByRole('button', { name: 'All ads' }).click();
  await expect(page.getByTestId('ad-card')).toHaveCount(1);
  await expect(page.getByTestId('ad-card').getByRole('heading')).toHaveText('New Lumen ☕️ ad');
  await page.getByRole('button', { name: 'New ad' }).click();
  await page.getByRole('dialog', { name: 'New ad' }).getByRole('button', { name: 'Start the chat' }).click();
  await expect(lastAssistant(page)).toContainText('Which product is this ad for?');
  await page.getByRole('button', { name: 'All ads' }).click();
  await expect(page.getByTestId('ad-card')).toHaveCount(1);
  await page.getByRole('button', { name: 'Open New Lumen ☕️ ad' }).click();

  await chatToStoryboard(page, 'Lumen Cold Brew', { refuse: true });
  await expect(page.getByTestId('bible-card')).toBeVisible();
  await expect(page.getByTestId('storyboard-total')).toContainText('Total 15 s of 15 s');
  await page.mouse.move(0, 0);
  await screenshot(page, 'creator-06-review');
  await expectAccessible(page, 'storyboard review');

  // Creative bible: adjust a colour; it is saved for the brand.
  await page.getByRole('button', { name: 'Adjust' }).click();
  await page.getByLabel('Colour 1 hex value').fill('#1D3557');
  await screenshot(page, 'creator-07-bible-edit');
  await page.getByRole('button', { name: 'Save bible' }).click();
  await expect(page.getByTestId('bible-colors').getByRole('listitem').first()).toContainText('#1D3557');

  // A scene that breaks the rules: inline safety result with a one-click safe alternative.
  const first = page.getByTestId('scene-card').first();
  const desc = first.getByLabel('What we see');
  await desc.fill(`${await desc.inputValue()} Then a man starts shooting people with a gun.`);
  await expect(first.getByTestId('scene-safety')).toContainText('breaks the content rules');
  await expect(first.getByTestId('scene-alternative')).not.toContainText('gun');
  await first.getByTestId('scene-safety').evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
  await expect(page.getByRole('button', { name: 'Approve and generate' })).toBeDisabled();
  await screenshot(page, 'creator-08-scene-blocked');
  await first.getByRole('button', { name: 'Use the safe alternative' }).click();
  await expect(first.getByTestId('scene-safety')).toHaveCount(0);

  // A voice line too long for its scene is flagged before anything is generated (issue 19):
  // 55 words take ~22 s to say; one click shortens it to what the scene can hold.
  const line = first.getByLabel('Voiceover line');
  const original = await line.inputValue();
  await line.fill(Array.from({ length: 11 }, () => 'Smooth cold brew for long calm nights.').join(' ').split(' ').slice(0, 55).join(' '));
  await expect(first.getByTestId('voice-fit')).toHaveAttribute('data-fits', 'false');
  await expect(first.getByTestId('voice-fit')).toContainText('takes about 22 s to say');
  await first.getByTestId('voice-fit').evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
  await screenshot(page, 'creator-08b-voice-too-long');
  await first.getByRole('button', { name: 'Shorten the line' }).click();
  await expect(first.getByTestId('voice-fit')).toHaveAttribute('data-fits', 'true');
  await line.fill(original);

  // Durations must add up: +2 s is flagged, "Fit to length" fixes it.
  const duration = first.getByLabel('Duration (seconds)');
  await duration.fill(String(Number(await duration.inputValue()) + 2));
  await expect(page.getByTestId('storyboard-total')).toContainText('2 s too long');
  await expect(page.getByRole('button', { name: 'Approve and generate' })).toBeDisabled();
  await screenshot(page, 'creator-09-length-mismatch');
  await page.getByRole('button', { name: 'Fit to length' }).click();
  await expect(page.getByTestId('storyboard-total')).toContainText('Fits the length');

  // Reorder with the keyboard: focus "move scene 2 up" and press Enter.
  const secondTitle = await page.getByTestId('scene-card').nth(1).getByLabel('Title').inputValue();
  await page.getByRole('button', { name: 'Move scene 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scene-card').first().getByLabel('Title')).toHaveValue(secondTitle);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // Deleting a scene can be undone (issue 19 #11: it went at once, with no way back): the
  // storyboard says which scene went, focus lands on Undo, and Undo brings it back in its place.
  const sceneCount = await page.getByTestId('scene-card').count();
  const lastTitle = await page.getByTestId('scene-card').last().getByLabel('Title').inputValue();
  await page.getByRole('button', { name: `Delete scene ${sceneCount}` }).click();
  await expect(page.getByTestId('scene-card')).toHaveCount(sceneCount - 1);
  await expect(page.getByTestId('scene-deleted')).toContainText(`Scene ${sceneCount} deleted: “${lastTitle}”`);
  await expect(page.getByTestId('scene-deleted').getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scene-card')).toHaveCount(sceneCount);
  await expect(page.getByTestId('scene-card').last().getByLabel('Title')).toHaveValue(lastTitle);
  await expect(page.getByTestId('scene-deleted')).toHaveCount(0);
  await expect(page.getByTestId('storyboard-total')).toContainText('Fits the length');

  // Cost before you generate: no account → offline, free.
  await expect(page.getByTestId('run-cost-note')).toHaveText('Free — generated on this computer');
  // See the pictures first (issue 21): the run stops after its keyframes, the storyboard comes back
  // with each scene's start and end picture from the media protocol, and approving goes on.
  const askFirst = page.getByRole('checkbox', { name: 'Show me the pictures before making the video' });
  await expect(askFirst).not.toBeChecked(); // offline: off by default (on by default on the paid path)
  await askFirst.check();
  await page.getByRole('button', { name: 'Approve and generate' }).click();
  await expect(page.getByTestId('pictures-review')).toBeVisible({ timeout: 90_000 });
  const cards = page.getByTestId('picture-card');
  const sceneTotal = await cards.count();
  expect(sceneTotal).toBeGreaterThan(1);
  await expect(page.getByTestId('keyframe')).toHaveCount(2 * sceneTotal, { timeout: 90_000 });
  for (const src of await page.getByTestId('keyframe').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { src: string }).src))) expect(src).toMatch(/\/media\/[0-9a-f]{64}$/); // the harness serves the media protocol at /media/
  await expect.poll(() => page.getByTestId('keyframe').first().evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId('pictures-cost')).toContainText(`Approving makes ${sceneTotal} scenes, the voice and the music on this computer: free.`);
  await page.mouse.move(0, 0);
  await screenshot(page, 'creator-10a-pictures');
  await expectAccessible(page, 'the pictures review');
  // Make one picture again: a new image replaces it, the run stops for approval again. The review
  // counts the changes placed (data-changes) and says when every picture is there (data-state).
  const review = page.getByTestId('pictures-review');
  const placed = async (changes: number) => {
    await expect(review).toHaveAttribute('data-changes', String(changes), { timeout: 90_000 });
    await expect(review).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  };
  const assistant = page.getByTestId('chat-assistant');
  await expect(review).toHaveAttribute('data-changes', '0');
  await expect(assistant.filter({ hasText: 'The pictures of every scene are ready' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Make “Scene 1 ends” again' }).click();
  await placed(1);
  // The chat says what changed, once — not "every picture is ready" again.
  await expect(assistant.filter({ hasText: "Scene 1's end picture (where scene 2 starts) was made again" })).toHaveCount(1);
  await expect(page.getByTestId('keyframe')).toHaveCount(2 * sceneTotal, { timeout: 90_000 });
  await expect(page.getByTestId('approve-pictures')).toBeEnabled();
  // Change one picture (issue 21): put a product picture in its place, then go back.
  await page.getByRole('button', { name: 'Change “Scene 2 starts”' }).click();
  await expect(page.getByTestId('picture-change')).toBeVisible();
  await expectAccessible(page, 'the picture change dialog');
  await screenshot(page, 'h21-change-dialog');
  await page.getByTestId('picture-product').first().click();
  await placed(2);
  await expect(page.getByTestId('keyframe')).toHaveCount(2 * sceneTotal, { timeout: 90_000 });
  await expect(page.getByTestId('picture-card').nth(1)).toContainText('product picture');
  await page.mouse.move(0, 0);
  await screenshot(page, 'h21-product-picture-in-place');
  await page.getByRole('button', { name: 'Change “Scene 2 starts”' }).click();
  await page.getByTestId('picture-undo').click();
  await placed(3);
  await expect(assistant.filter({ hasText: 'The pictures of every scene are ready' })).toHaveCount(1);
  await expect(assistant.filter({ hasText: "Scene 1's end picture (where scene 2 starts) is now a product picture" })).toHaveCount(1);
  await expect(assistant.filter({ hasText: "Scene 1's end picture (where scene 2 starts) is back to the one before" })).toHaveCount(1);
  await expect(page.getByTestId('picture-card').nth(1)).not.toContainText('product picture');
  await page.mouse.move(0, 0);
  await screenshot(page, 'h21-after-undo');
  // Approve from the keyboard.
  await page.getByTestId('approve-pictures').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('generation')).toBeVisible();
  // Issue 19 #10: the header's badge and the panel's percent are one number. Every DOM change
  // while the ad is made compares them (they were 0 % against 3 %: two sources).
  await page.evaluate(() => {
    const w = globalThis as unknown as { progressSeen: { agree: string[]; disagree: string[] }; document: { body: unknown; querySelector(s: string): { textContent: string | null } | null }; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void } };
    w.progressSeen = { agree: [], disagree: [] };
    const percentIn = (sel: string) => /(\d+)\s*%/u.exec(w.document.querySelector(sel)?.textContent ?? '')?.[1];
    new w.MutationObserver(() => {
      const header = percentIn('[data-testid="ad-status"]');
      const body = percentIn('[data-testid="run-percent"]');
      if (header === undefined || body === undefined) return;
      if (header !== body) w.progressSeen.disagree.push(`header ${header} % / body ${body} %`);
      else if (!w.progressSeen.agree.includes(body)) w.progressSeen.agree.push(body);
    }).observe(w.document.body, { subtree: true, childList: true, characterData: true });
  });
  await expect(page.getByTestId('run-stages').locator('[data-state=running]').first()).toBeVisible();
  await expect(page.getByTestId('scene-thumbnail').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('run-cost')).toContainText('Cost so far: $0.00');
  await page.mouse.move(0, 0);
  await screenshot(page, 'creator-10-generating');

  // Result: the ad plays (duration known, time advances after a seek).
  await expect(page.getByTestId('result')).toBeVisible({ timeout: 120_000 });
  const progressSeen = await page.evaluate(() => (globalThis as unknown as { progressSeen: { agree: string[]; disagree: string[] } }).progressSeen);
  expect(progressSeen.disagree).toEqual([]);
  expect(progressSeen.agree.length).toBeGreaterThan(2); // it watched the percent move
  await videoPlays(page);
  const renderedBeforeEdit = await page.getByTestId('ad-video').getAttribute('src');
  await screenshot(page, 'creator-11-result');
  await expectAccessible(page, 'the finished ad');
  // The generation result carries the quality check of the ad's video: mastered, no voice cut.
  const quality = page.getByTestId('quality-report');
  await expect(quality).toHaveAttribute('data-ok', /^(true|false)$/, { timeout: 60_000 });
  await expect(quality.getByTestId('quality-item-loudness')).toHaveAttribute('data-status', 'pass');
  await expect(quality.getByTestId('quality-item-voice-cut')).toHaveAttribute('data-status', 'pass');
  // The harness renders at a reduced scale, below every network's minimum frame: the summary says so.
  await expect(quality.getByTestId('quality-summary')).toHaveText(/no network takes it as it is|Ready to post/);
  await quality.scrollIntoViewIfNeeded();
  await screenshot(page, 'creator-11b-quality-check');
  await page.getByTestId('result').evaluate((el) => el.scrollIntoView({ block: 'start' }));

  // Another format from the same timeline.
  await page.getByRole('button', { name: 'Create 1:1' }).click();
  await expect(page.getByRole('button', { name: '1:1', exact: true })).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('ad-video').evaluate((v) => (v as unknown as { videoWidth: number; videoHeight: number }).videoWidth / Math.max(1, (v as unknown as { videoHeight: number }).videoHeight)), { timeout: 20_000 }).toBeCloseTo(1, 1);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300); // let the format buttons finish their colour transition
  await screenshot(page, 'creator-12-variant-square');

  // Export into a chosen folder (the one export dialog, issue 19 #12).
  const out = join(fixturesDir, 'Lumen ad 1x1 720p.mp4');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exp = page.getByRole('dialog', { name: 'Export video' });
  await expect(exp.getByRole('checkbox', { name: /1:1/ })).toBeChecked();
  await exp.getByLabel('Folder').fill(fixturesDir);
  await exp.getByLabel('File name').fill('Lumen ad');
  await exp.getByRole('button', { name: /720p/ }).click();
  await screenshot(page, 'creator-13-export-dialog');
  await exp.getByTestId('export-start').click();
  await expect(exp.getByTestId('export-result')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(exp.getByTestId('export-path')).toHaveText(out);
  expect(existsSync(out)).toBe(true);
  expect(statSync(out).size).toBeGreaterThan(10_000);
  expect(readFileSync(out).subarray(4, 8).toString()).toBe('ftyp');
  await exp.getByRole('button', { name: 'Close', exact: true }).last().click();

  // Open in the editor: the Editor screen takes over with this project.
  await page.getByRole('button', { name: 'Open in the editor' }).click();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('button', { name: 'Editor' })).toHaveAttribute('aria-current', 'page');
  // Edit it there: the first scene goes (ripple delete).
  const firstScene = page.locator('[data-testid^="clip-"]').first();
  await firstScene.click();
  await page.keyboard.press('Shift+Delete');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await nav.getByRole('button', { name: 'Ads' }).click();
  // The Ads nav item opens the list (issue 19 #11: it reopened the last ad).
  await expect(page.getByRole('button', { name: 'New ad' })).toBeVisible();
  await expect(page.getByTestId('ad-card')).toHaveCount(1);
  await page.getByRole('button', { name: 'Open Lumen Cold Brew' }).click();

  // One ad, one truth (issue 19): back in Ads the result says it is out of date, renders the
  // edited timeline on its own, and then plays, shows and exports the edited ad.
  await expect(page.getByTestId('result-stale')).toBeVisible();
  await screenshot(page, 'creator-13b-result-updating');
  await expect(page.getByTestId('result-stale')).toHaveCount(0, { timeout: 150_000 });
  const renderedAfterEdit = await page.getByTestId('ad-video').getAttribute('src');
  expect(renderedAfterEdit).not.toBe(renderedBeforeEdit);
  const edited = join(fixturesDir, 'Lumen ad edited 9x16 720p.mp4');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Export video' });
  await again.getByLabel('Folder').fill(fixturesDir);
  await again.getByLabel('File name').fill('Lumen ad edited');
  await again.getByRole('button', { name: /720p/ }).click();
  await again.getByTestId('export-start').click();
  await expect(again.getByTestId('export-result')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  // The exported file is the edited ad: the first scene is gone, so it is shorter than the player's pre-edit length.
  const seconds = async (file: string) => (await probeMedia(resolveBinaries().ffprobePath, file)).durationS ?? 0;
  expect(await seconds(edited)).toBeLessThan((await seconds(out)) - 1);
  await again.getByRole('button', { name: 'Close', exact: true }).last().click();

  // The list shows it finished.
  await page.getByRole('button', { name: 'All ads' }).click();
  await expect(page.getByTestId('ad-card')).toHaveCount(1);
  await expect(page.getByTestId('ad-status')).toHaveText('Ready');
  await page.mouse.move(0, 0);
  await screenshot(page, 'creator-14-ads-list');
  expect(problems).toEqual([]);
});

test('restarting during generation resumes the run', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchProblems(page);
  await page.goto(harness!.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: 'New ad' }).click();
  // Count the reply's streamed slices (the bridge's own event API, as the app uses it).
  await page.evaluate(() => {
    const w = globalThis as unknown as { zapcut: { on(e: string, l: (p: { text: string }) => void): void }; deltas: string[] };
    w.deltas = [];
    w.zapcut.on('chat/delta', (p) => w.deltas.push(p.text));
  });
  await page.getByRole('dialog', { name: 'New ad' }).getByRole('button', { name: 'Start the chat' }).click();
  await chatToStoryboard(page, 'Lumen Night Roast', { ideas: true });
  // The creator's scenes open the storyboard, in their order.
  await expect(page.getByTestId('scene-card').nth(0).getByRole('textbox', { name: 'What we see' })).toHaveValue(/sunrise over the harbour/iu);
  await expect(page.getByTestId('scene-card').nth(1).getByRole('textbox', { name: 'What we see' })).toHaveValue(/runner’s hand/iu);
  const deltas = await page.evaluate(() => (globalThis as unknown as { deltas: string[] }).deltas);
  expect(deltas.length).toBeGreaterThan(20);
  expect(deltas[0]!.length).toBeLessThan(deltas.find((d) => d.startsWith('Hi!') && d.includes('Which product'))!.length);
  // The brand's adjusted bible is reused for its next ad.
  await expect(page.getByTestId('bible-colors').getByRole('listitem').first()).toContainText('#1D3557');
  await page.getByRole('button', { name: 'Approve and generate' }).click();

  // Cancel keeps what is done; retry continues from there.
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  // What a cancel made, in scenes — not "cancelled at 54 %" with no scene done (issue 19 #10).
  await expect(page.getByTestId('run-cancelled')).toHaveText(/^Generation was cancelled after [0-9] of [0-9] scenes\./u);
  await expect(page.getByTestId('run-scenes-made')).toHaveText(/^[0-9] of [0-9] scenes made$/u);
  await expect(page.getByTestId('run-percent')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await screenshot(page, 'creator-16-cancelled');
  await page.getByRole('button', { name: 'All ads' }).click();
  const cancelledCard = page.getByTestId('ad-card').filter({ hasText: 'Lumen Night Roast' });
  await expect(cancelledCard.getByTestId('ad-status')).toHaveText('Cancelled');
  await cancelledCard.getByRole('button', { name: 'Open Lumen Night Roast' }).click();
  await page.getByRole('button', { name: 'Retry from where it stopped' }).click();
  await expect(page.getByTestId('scene-thumbnail').first()).toBeVisible({ timeout: 90_000 });
  // Scene 1's memo row as it stands before the quit (its thumbnail shows, so it is done). Its
  // attempt is 1, or 2 when the cancel above landed while it was running — the retry then ran it
  // again — so what the restart must keep is this row, not a fixed count.
  const scene1 = () => {
    const db = new Database(join(dataDir, 'zapcut.sqlite'), { readonly: true });
    try {
      return db
        .prepare("SELECT s.status, s.attempt, s.started_at AS startedAt FROM run_steps s JOIN runs r ON r.id = s.run_id JOIN ad_projects p ON p.id = r.project_id WHERE p.title = 'Lumen Night Roast' AND s.step_id = 'scene:1'")
        .get() as { status: string; attempt: number; startedAt: string };
    } finally {
      db.close();
    }
  };
  const beforeQuit = scene1();
  expect(beforeQuit.status).toBe('done');

  // Quit mid-run (the harness process ends), start again on the same data folder.
  const restartAt = new Date().toISOString();
  // The page leaves first: requests it has in flight to the quitting process (a thumbnail, the
  // event stream) would otherwise fail with ERR_EMPTY_RESPONSE and count as the app's errors.
  await page.goto('about:blank');
  await harness!.close();
  harness = await spawnHarness({ dataDir });
  await page.goto(harness.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  const card = page.getByTestId('ad-card').filter({ hasText: 'Lumen Night Roast' });
  await expect(card.getByTestId('ad-status')).toContainText('Generating');
  await screenshot(page, 'creator-15-list-after-restart');
  await card.getByRole('button', { name: 'Open Lumen Night Roast' }).click();
  await expect(page.getByTestId('result')).toBeVisible({ timeout: 120_000 });
  await videoPlays(page);
  // The conversation survived the restart too.
  await expect(page.getByTestId('chat-user').filter({ hasText: 'Lumen Night Roast' })).toHaveCount(1);

  // Resumed, not restarted: steps finished before the quit were replayed from the memo.
  const db = new Database(join(dataDir, 'zapcut.sqlite'), { readonly: true });
  try {
    const run = db.prepare("SELECT r.id, r.status FROM runs r JOIN ad_projects p ON p.id = r.project_id WHERE p.title = 'Lumen Night Roast'").all() as { id: string; status: string }[];
    expect(run).toEqual([{ id: expect.any(String), status: 'succeeded' }]);
    const step = (id: string) => db.prepare('SELECT started_at AS s, attempt AS a FROM run_steps WHERE run_id = ? AND step_id = ?').get(run[0]!.id, id) as { s: string; a: number };
    expect(step('scene:1').s < restartAt).toBe(true);
    // Replayed, not run again: the row is the one it was before the quit.
    expect(scene1()).toEqual(beforeQuit);
    expect(step('export:9x16').s > restartAt).toBe(true);
  } finally {
    db.close();
  }
  expect(problems).toEqual([]);
});
