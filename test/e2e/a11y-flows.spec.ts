/**
 * The accessibility scan beyond the still screens (issue 19): the dialogs (new brand, new ad, the
 * editor's versions and export), the ad's chat (idle, with a reply pending and while it is typed
 * out), and the generation view while the ad is being made — zero WCAG 2.2 A/AA violations by axe-core in each, with a screenshot of what was scanned.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { expectAccessible } from './a11y';
import { screenshot, sharedHarnessUrl } from './support';
import { driveTimeline, importFiles, invoke, makeDriveFiles, openBlank, showInEditor } from './editor-support';

let work: string;
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'zapcut-a11y-flows-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the dialogs pass the WCAG AA scan: new brand, new ad, the editor’s versions and export', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(sharedHarnessUrl());
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'Brands' }).click();
  await page.getByRole('button', { name: 'New brand' }).first().click();
  await expect(page.getByRole('dialog', { name: 'New brand' })).toBeVisible();
  await expectAccessible(page, 'new brand dialog');
  await screenshot(page, 'h19b-a11y-new-brand');
  await page.keyboard.press('Escape');

  await invoke(page, 'brand/create', { name: 'Scanned', description: 'A brand for the scan.', colors: ['#1D3557'] });
  await page.reload();
  await nav.getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: 'New ad' }).first().click();
  const newAd = page.getByRole('dialog');
  await expect(newAd).toBeVisible();
  await expectAccessible(page, 'new ad dialog');
  await screenshot(page, 'h19b-a11y-new-ad');
  await page.keyboard.press('Escape');

  const files = await makeDriveFiles(work);
  const p = await openBlank(page, 'Scanned edit');
  const media = await importFiles(page, p.projectId, Object.values(files));
  await invoke(page, 'editor/save', { projectId: p.projectId, timeline: driveTimeline(media, files) });
  await showInEditor(page, p.projectId);
  await page.getByRole('button', { name: 'Versions' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'versions dialog');
  await screenshot(page, 'h19b-a11y-versions');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'export dialog');
  await screenshot(page, 'h19b-a11y-export');
  await page.keyboard.press('Escape');
});

/**
 * Holds the chat's reply on the real WebSocket (the test decides when it arrives): while `holding`,
 * the `chat/send` result, the `chat/delta` slices and `project/changed` wait; `oneSlice` lets the
 * reply's first slice through (the reply is seen typing); `release` delivers the rest in order.
 */
async function replyGate(page: Page) {
  const gate = { holding: false, allow: 0, sends: new Set<number>(), queued: [] as string[], release: () => {}, oneSlice: () => {}, allButSlices: () => {} };
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const r = JSON.parse(String(m)) as { id: number; channel: string };
      if (gate.holding && r.channel === 'chat/send') gate.sends.add(r.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id?: number; event?: string; payload?: { done?: boolean } };
      const held = gate.holding && ((msg.id !== undefined && gate.sends.has(msg.id)) || msg.event === 'chat/delta' || msg.event === 'project/changed');
      if (!held) return ws.send(m);
      if (msg.event === 'chat/delta' && !msg.payload?.done && gate.allow > 0) {
        gate.allow--;
        return ws.send(m);
      }
      gate.queued.push(String(m));
    });
    const isSlice = (m: string) => {
      const msg = JSON.parse(m) as { event?: string; payload?: { done?: boolean } };
      return msg.event === 'chat/delta' && !msg.payload?.done;
    };
    // The first slice of the reply (now, or as soon as it comes).
    gate.oneSlice = () => {
      const i = gate.queued.findIndex(isSlice);
      if (i < 0) gate.allow = 1;
      else ws.send(gate.queued.splice(i, 1)[0]!);
    };
    // Everything but the slices: the reply is stored and shown, still being typed out.
    gate.allButSlices = () => {
      const rest = gate.queued.filter((m) => (JSON.parse(m) as { event?: string }).event !== 'chat/delta');
      gate.queued = gate.queued.filter((m) => !rest.includes(m));
      for (const m of rest) ws.send(m);
    };
    gate.release = () => {
      gate.holding = false;
      for (const m of gate.queued.splice(0)) ws.send(m);
    };
  });
  return gate;
}

test('the ad’s chat and the generation view while the ad is being made pass the WCAG AA scan', async ({ page }) => {
  test.setTimeout(240_000);
  const gate = await replyGate(page);
  await page.goto(sharedHarnessUrl());
  const bottle = join(work, 'bottle.png');
  await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x4A3121:s=200x300', '-vf', 'drawbox=x=iw/4:y=ih/3:w=iw/2:h=ih/4:color=0xE8C07D:t=fill', '-frames:v', '1'], output: bottle });
  const brand = await invoke<{ id: string }>(page, 'brand/create', { name: 'Running Co', description: 'Cold brew coffee.', colors: ['#1B3A4B', '#F2C14E'] });
  await invoke(page, 'asset/import', { brandId: brand.id, files: [{ path: bottle }] });
  const p = await invoke<{ id: string }>(page, 'project/create', { brandId: brand.id });
  for (const text of ['Running Cold Brew', 'A smooth cold brew coffee in a glass bottle.', 'Night owls', 'Calm energy for late work']) {
    await invoke(page, 'chat/send', { projectId: p.id, text });
  }
  const title = (await invoke<{ title: string }>(page, 'project/get', { id: p.id })).title;
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Ads' }).click();
  await page.getByRole('button', { name: `Open ${title}` }).click();
  await expect(page.getByRole('textbox').last()).toBeVisible();
  await expectAccessible(page, 'the ad’s chat');
  await screenshot(page, 'h19b-a11y-chat');
  // The chat opens ready to type into (issue 19 #13).
  const box = page.getByRole('textbox', { name: 'Your answer' });
  await expect(box).toBeFocused();

  // While the reply is pending (sent, nothing back yet) and while it is typed out, the chat is
  // scanned too (h19b); the reply then gives the box the focus back.
  gate.holding = true;
  await box.fill('Yes, use them');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('chat-user-pending')).toHaveText(/Yes, use them/u);
  await expect(page.getByTestId('chat-thinking')).toBeVisible();
  await expectAccessible(page, 'the ad’s chat while the reply is pending');
  await screenshot(page, 'h19b-a11y-chat-pending');
  // One slice of the reply through: it shows as it is written (as a signed-in AI reply streams
  // before it is stored).
  gate.oneSlice();
  await expect(page.getByTestId('chat-assistant-live')).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page, 'the ad’s chat while the reply streams');
  await screenshot(page, 'h19b-a11y-chat-streaming');
  // Then stored and still being typed out (as a scripted reply is).
  gate.allButSlices();
  await expect(page.getByTestId('chat-assistant-live')).toHaveCount(0);
  await expect(page.getByTestId('chat-user-pending')).toHaveCount(0);
  await expect(page.getByTestId('chat-user').last()).toHaveText(/Yes, use them/u);
  await expect(page.getByTestId('chat-assistant').last()).not.toContainText('pre-roll');
  await expectAccessible(page, 'the ad’s chat while a stored reply is typed out');
  await screenshot(page, 'h19b-a11y-chat-typing');
  gate.release();
  await expect(page.getByTestId('chat-user-pending')).toHaveCount(0);
  await expect(page.getByTestId('chat-user').last()).toHaveText(/Yes, use them/u);
  await expect(box).toBeFocused();

  for (const text of ['15 seconds', '16:9', 'Calm and warm', 'Order today at luna.coffee', 'Looks good, draft it']) {
    await invoke(page, 'chat/send', { projectId: p.id, text });
  }
  await expect.poll(async () => (await invoke<{ storyboard: unknown; drafting: boolean }>(page, 'project/get', { id: p.id })).storyboard !== null, { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => (await invoke<{ drafting: boolean }>(page, 'project/get', { id: p.id })).drafting, { timeout: 60_000 }).toBe(false);
  await invoke(page, 'storyboard/approve', { projectId: p.id, offline: true });
  const generation = page.getByTestId('generation');
  await expect(generation).toBeVisible({ timeout: 30_000 });
  expect((await invoke<{ status: string }>(page, 'project/get', { id: p.id })).status).not.toBe('ready');
  await expectAccessible(page, 'generation view while running');
  await screenshot(page, 'h19b-a11y-generation-running');
  // Stop the run: the shared harness has other specs to serve.
  await generation.getByRole('button', { name: 'Cancel' }).click();
});
