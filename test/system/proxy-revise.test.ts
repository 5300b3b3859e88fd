/**
 * Full system, revising a finished ad in the chat while signed in (issue 19 #4): backend contract →
 * projects service → the real Worker in workerd → the fake Anthropic's Messages API. Once the ad is
 * ready the model is offered `revise_ad` with what the ad says; its typed changes (checked with
 * zod, not read out of free text) change the ad's timeline — the CTA on the end card, a shorter
 * line spoken again by the ad's voice — and nothing else is made again.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { runFfmpeg } from '../../src/pipeline/ffmpeg';
import type { AdProjectView, ChatMessage } from '../../src/shared/domain/ads';
import type { AdCopy } from '../../src/shared/domain/revise';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { startStack, type Stack } from './stack';
import { waitFor } from '../support/wait';
import type { ChatStats } from './fakes/anthropic-chat';

let stack: Stack;
let backend: Backend;
let dir: string;
const creds = { email: `revise${process.pid}-${Date.now()}@zapcut.test`, password: 'correct-horse-battery' };

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const until = (id: string, ok: (v: AdProjectView) => boolean) => waitFor(() => call<AdProjectView>('project/get', { id }), ok, `ad ${id}`, { intervalMs: 300, timeoutMs: 240_000, show: (v) => `${v.status} ${v.drafting}` });
const chatStats = () => (stack.fakes.stats() as unknown as { chat: ChatStats }).chat;
async function say(projectId: string, text: string): Promise<ChatMessage> {
  const { replyId } = await call<{ replyId: string }>('chat/send', { projectId, text });
  return (await call<AdProjectView>('project/get', { id: projectId })).messages.find((m) => m.id === replyId)!;
}

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 10, image: 150, video: 500, speech: 150, music: 300 } });
  const ws = await makeWorkspace('zapcut-sys-revise-');
  dir = ws.dir;
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  backend = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/' });
  await call('settings/update', { proxyUrl: stack.proxyUrl });
  await call('account/signup', creds);
}, 120_000);

afterAll(async () => {
  backend?.close();
  delete process.env.ZAPCUT_KEYCHAIN;
  delete process.env.ZAPCUT_RENDER_SCALE;
  await stack?.stop();
});

describe('revising a finished ad through the AI chat', () => {
  it("the model's revise_ad call changes the CTA and re-speaks a shorter line; nothing else is made", async () => {
    const brand = await call<{ id: string }>('brand/create', { name: 'Tide', description: 'Coffee for night owls.', colors: ['#1B3A4B', '#F2C14E'] });
    const img = path.join(dir, 'tide.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x4A3121:s=200x300', '-vf', 'drawbox=x=iw/4:y=ih/3:w=iw/2:h=ih/4:color=0xE8C07D:t=fill', '-frames:v', '1'], output: img });
    await call('asset/import', { brandId: brand.id, files: [{ path: img }] });
    const id = (await call<AdProjectView>('project/create', { brandId: brand.id })).id;
    for (const text of ['Tide Cold Brew', 'A smooth cold brew in a glass bottle.', 'Night owls', 'Calm energy for late work', 'Yes, use them', '15 seconds', '16:9', 'Calm and warm', 'Order today at tide.coffee', 'Looks good']) await say(id, text);
    await until(id, (v) => v.storyboard !== null && !v.drafting);
    await call('storyboard/approve', { projectId: id, offline: true });
    await until(id, (v) => v.status === 'ready');
    const before = await call<AdCopy>('project/copy', { projectId: id });
    const line2 = before.scenes[1]!.line;
    expect(line2.split(/\s+/u).length).toBeGreaterThanOrEqual(4);
    const paidBefore = stack.fakes.stats();

    const reply = await say(id, "The call to action should be 'Order tonight'; shorten line 2");
    // Asked through the model, answered with the typed tool (not read out of its words).
    expect(chatStats().turns.at(-1)).toMatchObject({ tools: ['update_state', 'revise_ad'], tool: 'revise_ad' });
    expect(reply.meta.via).toBe('ai');
    expect(reply.meta.adRevised?.version).toBeGreaterThan(0);
    expect(reply.content).toMatch(/^On it — 2 changes to your ad\.\n\n/u);
    expect(reply.content).toContain('The call to action now reads "Order tonight".');
    // Line 2, and line 3: it said the old call to action, so it says the new one.
    expect(reply.content).toContain('Line 3 is now "Order tonight at tide.coffee."');
    expect(reply.content).toMatch(/2 lines were spoken again by the ad's voice/u);
    const after = await call<AdCopy>('project/copy', { projectId: id });
    expect(after.cta).toBe('Order tonight');
    expect(after.scenes[1]!.line.split(/\s+/u).length).toBeLessThan(line2.split(/\s+/u).length);
    expect(after.scenes[0]).toEqual(before.scenes[0]);
    // No provider call was made for it: the voice is the ad's own (offline) engine, no scene or picture through the proxy.
    const paidAfter = stack.fakes.stats();
    expect(paidAfter.created).toEqual(paidBefore.created);
    expect(paidAfter.calls.length).toBe(paidBefore.calls.length);
    expect(paidAfter.refused).toEqual([]);

    // A change the ad cannot take: the model's words, then why, and nothing changed.
    const refused = await say(id, 'Title of scene 9: Late nights');
    expect(refused.content).toMatch(/^On it — 1 change to your ad\.\n\nThere is no scene 9; the ad has \d+\. Nothing was changed\.$/u);
    expect(await call<AdCopy>('project/copy', { projectId: id })).toEqual(after);
  }, 400_000);
});
