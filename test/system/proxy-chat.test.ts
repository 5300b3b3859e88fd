/**
 * Full system, the AI chat a signed-in creator has (issue 22): backend contract → projects service
 * → the real Worker in workerd → the fake Anthropic's Messages API with tool use
 * (fakes/anthropic-chat.ts). The model fills the typed state through `update_state`; the app's
 * stage machine decides; a model that breaks the schema is repaired once, then the scripted
 * interviewer answers that turn and the next goes back to the model. Unsafe requests and 50 KB
 * pastes never reach the model. The conversation resumes after a restart. The reply streams to the
 * screen as the model writes it and can be stopped; a failing model is said in the chat; the
 * storyboard is revised on request (model and offline); the model sees the brand's pictures, and
 * the fake refuses image blocks the real API refuses.
 */
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { runFfmpeg } from '../../src/pipeline/ffmpeg';
import type { AdProjectView, ChatMessage } from '../../src/shared/domain/ads';
import type { EventName, Events } from '../../src/shared/contract';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { startStack, type Stack } from './stack';
import { waitFor } from '../support/wait';
import type { ChatStats } from './fakes/anthropic-chat';

let stack: Stack;
let backend: Backend;
let dir: string;
let dataDir: string;
const creds = { email: `chat${process.pid}-${Date.now()}@zapcut.test`, password: 'correct-horse-battery' };

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function until(projectId: string, ok: (v: AdProjectView) => boolean): Promise<AdProjectView> {
  return waitFor(() => call<AdProjectView>('project/get', { id: projectId }), ok, `ad ${projectId}`, { intervalMs: 200, show: (v) => `${v.status} ${JSON.stringify(v.messages.at(-1))}` });
}

const control = (body: unknown) => fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const chatStats = () => (stack.fakes.stats() as unknown as { chat: ChatStats }).chat;

/** Sends one message and returns the reply the chat stored for it. */
async function say(projectId: string, text: string): Promise<ChatMessage> {
  const { replyId } = await call<{ replyId: string }>('chat/send', { projectId, text });
  const v = await call<AdProjectView>('project/get', { id: projectId });
  return v.messages.find((m) => m.id === replyId)!;
}

async function newAd(name: string): Promise<string> {
  const brand = await call<{ id: string }>('brand/create', { name, description: 'Coffee for night owls.', colors: ['#F2A65A'] });
  const img = path.join(dir, `${name}.png`);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: img });
  await call('asset/import', { brandId: brand.id, files: [{ path: img }] });
  return (await call<AdProjectView>('project/create', { brandId: brand.id })).id;
}

const slotsOf = async (id: string) => {
  const v = await call<AdProjectView>('project/get', { id });
  return { stage: v.stage, length: v.lengthSeconds, aspect: v.aspect, title: v.title };
};

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 10, image: 150, video: 500, speech: 150, music: 300 } });
  const ws = await makeWorkspace('zapcut-sys-chat-');
  dir = ws.dir;
  dataDir = ws.dataDir;
  process.env.ZAPCUT_KEYCHAIN = 'off';
  backend = createBackend({ dataDir, mediaBaseUrl: '/media/' });
  await call('settings/update', { proxyUrl: stack.proxyUrl });
  await call('account/signup', creds);
});

afterAll(async () => {
  backend?.close();
  delete process.env.ZAPCUT_KEYCHAIN;
  await stack?.stop();
});

describe('the AI chat on the proxy', () => {
  it('listens: two scene ideas and a direction, a change of mind, a question, approval → the storyboard carries the scenes in order', async () => {
    const id = await newAd('Lumen');
    const turns0 = chatStats().turns.length;
    const replies: ChatMessage[] = [];
    for (const text of ['Lumen Cold Brew', 'A smooth cold brew in a glass bottle.', 'Night-shift nurses', 'Calm focus all night', 'Yes, use them']) replies.push(await say(id, text));
    expect((await slotsOf(id)).stage).toBe('collect_scenes');
    replies.push(await say(id, 'Direction: golden hour by the water, slow and warm'));
    replies.push(await say(id, "Scene ideas: open on a sunrise over the harbour; the bottle in a runner's hand"));
    replies.push(await say(id, "Actually, scene 2: the bottle on a cyclist's handlebar at dawn"));
    const question = await say(id, 'What works on TikTok?');
    replies.push(question);
    expect(question.content).toMatch(/TikTok/);
    // The model is told the next item in words, so its reply names it in words, not by field.
    expect(question.content).toMatch(/what about the length of the ad \(15, 30 or 60 seconds\)\?/);
    expect(question.content).not.toMatch(/lengthSeconds/);
    // A question changes nothing: the stage machine still asks for the length.
    expect(await slotsOf(id)).toMatchObject({ stage: 'collect_scenes', length: null });
    for (const text of ['15 seconds', '16:9', 'Warm and calm', 'Shop now at lumen.coffee']) replies.push(await say(id, text));
    const summary = replies.at(-1)!;
    expect(summary.stage).toBe('final_review');
    expect((await slotsOf(id)).stage).toBe('final_review');
    replies.push(await say(id, 'Looks good'));
    // Every answer came from the model, through the tool (no scripted fallback).
    expect(replies.map((r) => r.meta.via)).toEqual(replies.map(() => 'ai'));
    expect(chatStats().turns.length - turns0).toBe(replies.length);
    expect(chatStats().turns.slice(turns0).every((t) => !t.repair && !t.broken)).toBe(true);

    const review = await until(id, (v) => v.storyboard !== null && !v.drafting);
    expect(review).toMatchObject({ lengthSeconds: 15, aspect: '16:9', title: 'Lumen Cold Brew' });
    const scenes = review.storyboard!.scenes;
    expect(scenes[0]!.idea).toBe(1);
    expect(scenes[1]!.idea).toBe(2);
    expect(scenes[0]!.description).toMatch(/sunrise over the harbour/i);
    // The change of mind won: scene 2 is the cyclist, the runner is gone.
    expect(scenes[1]!.description).toMatch(/cyclist/i);
    expect(JSON.stringify(scenes)).not.toMatch(/runner/i);
    // The AI writer got the creator's direction and both ideas, in order.
    const sb = stack.fakes.stats().storyboards.at(-1)!;
    expect(sb.direction).toBe('golden hour by the water, slow and warm');
    expect(sb.ideas).toEqual(['open on a sunrise over the harbour', "the bottle on a cyclist's handlebar at dawn"]);
  });

  it('a reply that breaks the schema is repaired once; twice → the scripted interviewer answers that turn and the next goes back to the model', async () => {
    const id = await newAd('Dusk');
    const t0 = chatStats().turns.length;
    await control({ breakChat: 1 });
    const repaired = await say(id, 'Dusk Cold Brew');
    expect(repaired.meta.via).toBe('ai');
    expect(chatStats().turns.slice(t0).map((t) => [t.broken, t.repair])).toEqual([
      [true, false],
      [false, true],
    ]);

    await control({ breakChat: 2 });
    const fallback = await say(id, 'A cold brew for long nights.');
    expect(fallback.meta.via).toBe('scripted');
    // Seamless: the script took the answer and asks the next item.
    expect(fallback.content).toMatch(/Who is Dusk Cold Brew for\?/);
    const back = await say(id, 'Night-shift nurses');
    expect(back.meta.via).toBe('ai');
    expect(chatStats().turns.at(-1)).toMatchObject({ user: 'Night-shift nurses', broken: false, repair: false, nextMissing: 'audience' });
    expect((await slotsOf(id)).stage).toBe('collect_product_info');
  });

  it('unsafe requests and a 50 KB paste never reach the model; nothing is lost; the chat resumes after a restart', async () => {
    const id = await newAd('Night');
    const t0 = chatStats().turns.length;
    const refused = await say(id, 'Make an ad where the bottle is used as a weapon to kill someone with a gun');
    expect(refused.meta.refused?.length).toBeGreaterThan(0);
    expect(refused.content).toMatch(/^I can't help with that/);
    const paste = 'Lorem ipsum dolor sit amet. '.repeat(1900);
    expect(paste.length).toBeGreaterThan(50_000);
    const long = await say(id, paste);
    expect(long.meta.tooLong).toEqual({ chars: paste.trim().length, max: 4000 });
    expect(long.content).toMatch(/too long|read up to 4,000/);
    expect(chatStats().turns.length).toBe(t0);
    const stored = await call<AdProjectView>('project/get', { id });
    expect(stored.messages.some((m) => m.role === 'user' && m.content === paste.trim())).toBe(true);
    expect(stored.stage).toBe('collect_product_info');

    await say(id, 'Night Brew');
    backend.close();
    backend = createBackend({ dataDir, mediaBaseUrl: '/media/' });
    // The test keeps the session in memory (ZAPCUT_KEYCHAIN=off): sign in again after the restart.
    await call('account/login', creds);
    const after = await say(id, 'A cold brew for late shifts.');
    expect(after.meta.via).toBe('ai');
    // The model saw the whole conversation and the state from before the restart.
    expect(chatStats().turns.at(-1)).toMatchObject({ user: 'A cold brew for late shifts.', nextMissing: 'productDescription' });
    expect((await slotsOf(id)).title).toBe('Night Brew');
  });

  it('the fake Anthropic refuses what the real Messages API refuses (a malformed tools array, no max_tokens, a tool_use without its result) and streams tool use like it', async () => {
    const direct = new Anthropic({ apiKey: stack.fakes.keys.anthropic, baseURL: `${stack.fakes.url}/anthropic`, maxRetries: 0 });
    const base = { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi' }] };
    const refusal = async (p: Promise<unknown>) => {
      const e = (await p.then(() => null, (x: unknown) => x)) as InstanceType<typeof Anthropic.APIError> | null;
      expect(e, `the fake accepted a request the real API refuses: ${String((e as Error | null)?.message)}`).toBeInstanceOf(Anthropic.BadRequestError);
      return e!.error as { type: string; error: { type: string; message: string } };
    };
    const noSchema = await refusal(direct.messages.create({ ...base, tools: [{ name: 'update_state' } as unknown as Anthropic.Tool] }));
    expect(noSchema).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'tools.0.custom.input_schema: Field required' } });
    // Shapes the SDK itself will not send, over plain HTTP.
    const raw = async (body: unknown) => {
      const r = await fetch(`${stack.fakes.url}/anthropic/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': stack.fakes.keys.anthropic, 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as { type: string; error: { type: string; message: string } } };
    };
    expect(await raw({ ...base, tools: { name: 'x' } })).toMatchObject({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'tools: Input should be a valid list' } } });
    expect((await refusal(direct.messages.create({ ...base, tools: [{ name: 'bad name!', input_schema: { type: 'object' } }] }))).error.message).toMatch(/^tools\.0\.custom\.name: String should match pattern/);
    expect((await refusal(direct.messages.create({ ...base, tools: [{ name: 'a', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'b' } }))).error.message).toMatch(/tool_choice/);
    const { max_tokens: _m, ...noMax } = base;
    expect(await raw(noMax)).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } } });
    expect(await raw({ ...base, tools: [{ name: 'a', input_schema: { type: 'object', anyOf: [] } }] })).toMatchObject({ status: 400, body: { error: { message: 'tools.0.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level' } } });
    const dangling = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_1', name: 'a', input: {} }] },
      { role: 'user' as const, content: 'And?' },
    ];
    expect((await refusal(direct.messages.create({ ...base, messages: dangling, tools: [{ name: 'a', input_schema: { type: 'object' } }] }))).error.message).toMatch(/^messages\.1: `tool_use` ids were found without `tool_result` blocks/);
    // The same refusal reaches the app through the proxy (which forwards custom tools as they are).
    const login = (await (await fetch(`${stack.proxyUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) })).json()) as { accessToken: string };
    const viaProxy = new Anthropic({ apiKey: null, authToken: login.accessToken, baseURL: `${stack.proxyUrl}/anthropic`, maxRetries: 0 });
    expect((await refusal(viaProxy.messages.create({ ...base, tools: [{ name: 'update_state' } as unknown as Anthropic.Tool] }))).error.message).toMatch(/tools\.0\.custom\.input_schema: Field required/);
    // And a well-formed tool call is answered with a tool_use block and stop_reason "tool_use".
    const ok = await direct.messages.create({ ...base, system: "Next missing item: the product's name (field productName).\nState (JSON): {}", tools: [{ name: 'update_state', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'update_state' } });
    expect(ok.stop_reason).toBe('tool_use');
    expect(ok.content[0]).toMatchObject({ type: 'tool_use', name: 'update_state', input: { set: { productName: 'Hi' } } });
    // Streamed (SSE through the proxy): the SDK assembles the same tool_use from input_json_delta slices.
    const events: string[] = [];
    const stream = viaProxy.messages.stream({ ...base, system: "Next missing item: the product's name (field productName).\nState (JSON): {}", tools: [{ name: 'update_state', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'update_state' } });
    stream.on('streamEvent', (e) => events.push(e.type === 'content_block_delta' ? `${e.type}:${e.delta.type}` : e.type));
    const streamed = await stream.finalMessage();
    expect(streamed).toMatchObject({ stop_reason: 'tool_use', content: [{ type: 'tool_use', name: 'update_state', input: { reply: expect.any(String), set: { productName: 'Hi' } } }] });
    expect(events[0]).toBe('message_start');
    expect(events.filter((e) => e === 'content_block_delta:input_json_delta').length).toBeGreaterThan(1);
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
  });
  it('streams the reply as the model writes it, then shows the stored reply whole; a reply can be stopped and changes nothing', async () => {
    const id = await newAd('Tide');
    const deltas: { id: string; text: string; done: boolean; at: number }[] = [];
    const off = backend.on((event: EventName, payload: Events[EventName]) => {
      if (event !== 'chat/delta') return;
      const d = payload as Events['chat/delta'];
      if (d.projectId === id) deltas.push({ id: d.messageId, text: d.text, done: d.done, at: deltas.length });
    });
    try {
      await control({ chatEventMs: 25 });
      let seenWhenAnswered = -1;
      const { replyId } = await call<{ replyId: string }>('chat/send', { projectId: id, text: 'Tide Cold Brew' }).then((r) => {
        seenWhenAnswered = deltas.length;
        return r;
      });
      const reply = (await call<AdProjectView>('project/get', { id })).messages.find((m) => m.id === replyId)!;
      expect(reply.meta.via).toBe('ai');
      const mine = deltas.filter((d) => d.id === replyId);
      const partial = mine.filter((d) => !d.done).map((d) => d.text);
      expect(partial.length).toBeGreaterThan(1);
      // All of it arrived while the call was still running (the model's words, before the reply was stored).
      expect(mine.every((d) => d.at < seenWhenAnswered)).toBe(true);
      // Each slice grows the one before, and all are the start of what the model wrote.
      partial.forEach((t, i) => i > 0 && expect(t.startsWith(partial[i - 1]!)).toBe(true));
      expect(reply.content.startsWith(partial.at(-1)!)).toBe(true);
      // Then the stored reply replaces it at once (not typed out again).
      expect(mine.at(-1)).toMatchObject({ done: true, text: reply.content });
      expect(mine.filter((d) => d.done)).toHaveLength(1);

      // Stop a reply in flight: nothing changes and the next turn works.
      await control({ chatEventMs: 400 });
      const before = await slotsOf(id);
      const n0 = deltas.length;
      const stopping = call<{ replyId: string }>('chat/send', { projectId: id, text: 'A cold brew that tastes of the sea air.' });
      // Stopped while the reply is on screen, half written.
      await waitFor(() => deltas.slice(n0).filter((d) => !d.done).length, (n) => n >= 1, 'the reply to start streaming', { intervalMs: 20 });
      expect(await call('chat/cancel', { projectId: id })).toEqual({ stopped: true });
      const { replyId: stoppedId } = await stopping;
      const stopped = (await call<AdProjectView>('project/get', { id })).messages.find((m) => m.id === stoppedId)!;
      expect(stopped.meta.stopped).toBe(true);
      expect(stopped.content).toMatch(/^Stopped\. Nothing was changed\. Describe Tide Cold Brew/);
      expect(await slotsOf(id)).toEqual(before);
      expect(await call('chat/cancel', { projectId: id })).toEqual({ stopped: false });
      await control({});
      const next = await say(id, 'A cold brew that tastes of the sea air.');
      expect(next.meta.via).toBe('ai');
      expect((await call<AdProjectView>('project/get', { id })).stage).toBe('collect_product_info');
    } finally {
      off();
      await control({});
    }
  });

  it('says so when the AI fails: the simple questions answer with the reason, and the next turn tries the AI again', async () => {
    const id = await newAd('Ebb');
    await control({ failChat: 1 });
    const failed = await say(id, 'Ebb Cold Brew');
    expect(failed.meta).toMatchObject({ via: 'scripted', aiFallback: { reason: 'failed' } });
    expect(failed.content).toMatch(/Describe Ebb Cold Brew/);
    await control({ failChat: 1, failChatStatus: 429 });
    expect((await say(id, 'A cold brew for sailors.')).meta).toMatchObject({ via: 'scripted', aiFallback: { reason: 'busy' } });
    const back = await say(id, 'Sailors on night watch');
    expect(back.meta.via).toBe('ai');
    expect(back.meta.aiFallback).toBeUndefined();
  });

  it('the model sees the brand picture (downscaled, as a base64 image block the fake checked) and revises the storyboard on request', async () => {
    const id = await newAd('Swell');
    const t0 = chatStats().turns.length;
    for (const text of ['Swell Cold Brew', 'A smooth cold brew in a glass bottle.', 'Surfers at dawn', 'Energy without the crash', 'Yes, use them', '30 seconds', '16:9', 'Bold and energetic', 'Shop now at swell.coffee']) await say(id, text);
    const first = chatStats().turns[t0]!;
    // The brand's one 320×240 picture reached the model as an image block (its thumbnail, ≤ 512 px).
    expect(first.images).toHaveLength(1);
    expect(['image/png', 'image/jpeg', 'image/webp']).toContain(first.images[0]!.mediaType);
    expect(first.images[0]).toMatchObject({ width: 320, height: 240 });
    expect(first.tools).toEqual(['update_state']);
    await say(id, 'Looks good');
    const review = await until(id, (v) => v.storyboard !== null && !v.drafting);
    const before = review.storyboard!;
    expect(before.scenes.length).toBeGreaterThanOrEqual(5);

    const revised = await say(id, 'Make scene 3 shorter, swap 4 and 5, rewrite the line of scene 2');
    expect(chatStats().turns.at(-1)).toMatchObject({ tools: ['update_state', 'revise_storyboard'], tool: 'revise_storyboard' });
    expect(revised.meta.via).toBe('ai');
    const after = (await call<AdProjectView>('project/get', { id })).storyboard!;
    expect(revised.meta.revised).toEqual({ version: after.version });
    expect(after.version).toBe(before.version + 1);
    const titles = (sb: typeof before) => sb.scenes.map((x) => x.title);
    expect(titles(after)).toEqual([...titles(before).slice(0, 3), titles(before)[4], titles(before)[3], ...titles(before).slice(5)]);
    expect(after.scenes[2]!.durationSeconds).toBe(Math.max(2, before.scenes[2]!.durationSeconds - 2));
    expect(after.scenes[1]!.voiceover).toBe(`${before.scenes[1]!.title}, made simple.`);
    expect(after.totalSeconds).toBe(30);
    expect(revised.content).toContain('The storyboard now:\n1. ');
    expect(revised.content).toContain(`2. ${before.scenes[1]!.title} — `);

    // A scene that is not there: refused, nothing saved, the creator hears the model's words and then why.
    const refused = await say(id, 'Swap 2 and 9');
    expect(refused.content).toMatch(/^Done — 1 change to the storyboard\.\n\nThere is no scene 9; the storyboard has \d+\. Nothing was changed\.$/);
    expect((await call<AdProjectView>('project/get', { id })).storyboard!.version).toBe(after.version);
  });

  it('offline, the scripted chat revises the storyboard in plain words or says how to do it on the storyboard', async () => {
    const ws = await makeWorkspace('zapcut-sys-chat-offline-');
    const offline = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/' });
    const call2 = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await offline.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const say2 = async (projectId: string, text: string) => {
      const { replyId } = await call2<{ replyId: string }>('chat/send', { projectId, text });
      return (await call2<AdProjectView>('project/get', { id: projectId })).messages.find((m) => m.id === replyId)!;
    };
    try {
      const brand = await call2<{ id: string }>('brand/create', { name: 'Reef', description: 'Coffee for divers.', colors: ['#1F6F8B'] });
      const img = path.join(ws.dir, 'reef.png');
      await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: img });
      await call2('asset/import', { brandId: brand.id, files: [{ path: img }] });
      const id = (await call2<AdProjectView>('project/create', { brandId: brand.id })).id;
      for (const text of ['Reef Brew', 'A cold brew in a can.', 'Divers', 'Warmth after the dive', 'Yes, use them', '30 seconds', '16:9', 'Warm and calm', 'Shop now at reef.coffee', 'Looks good']) await say2(id, text);
      const review = await waitFor(() => call2<AdProjectView>('project/get', { id }), (v) => v.storyboard !== null && !v.drafting, 'offline storyboard');
      const before = review.storyboard!;
      const reply = await say2(id, 'swap 1 and 2, make scene 3 longer');
      expect(reply.meta.via).toBe('scripted');
      const after = (await call2<AdProjectView>('project/get', { id })).storyboard!;
      expect(reply.meta.revised).toEqual({ version: after.version });
      expect(after.scenes.slice(0, 2).map((x) => x.title)).toEqual([before.scenes[1]!.title, before.scenes[0]!.title]);
      expect(after.scenes[2]!.durationSeconds).toBe(Math.min(20, before.scenes[2]!.durationSeconds + 2));
      expect(after.totalSeconds).toBe(30);
      const help = await say2(id, 'rewrite the line of scene 2');
      expect(help.content).toMatch(/^Here I can swap, move, shorten.*edit the cards of the storyboard on the right/su);
      expect((await call2<AdProjectView>('project/get', { id })).storyboard!.version).toBe(after.version);
    } finally {
      offline.close();
    }
  });

  it('the fake refuses image blocks the real Messages API refuses (media type, bytes, base64, 5 MB, 8000 px), directly and through the proxy', async () => {
    const direct = new Anthropic({ apiKey: stack.fakes.keys.anthropic, baseURL: `${stack.fakes.url}/anthropic`, maxRetries: 0 });
    const png = await (async () => {
      const file = path.join(dir, 'tiny.png');
      await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=red:s=64x48', '-frames:v', '1'], output: file });
      return (await import('node:fs/promises')).readFile(file);
    })();
    const ask = (source: unknown) =>
      direct.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 50, messages: [{ role: 'user', content: [{ type: 'image', source } as unknown as Anthropic.ImageBlockParam, { type: 'text', text: 'What is this?' }] }] });
    const refusal = async (p: Promise<unknown>) => {
      const e = (await p.then(() => null, (x: unknown) => x)) as InstanceType<typeof Anthropic.APIError> | null;
      expect(e, 'the fake accepted an image the real API refuses').toBeInstanceOf(Anthropic.BadRequestError);
      return (e!.error as { error: { type: string; message: string } }).error;
    };
    // A good image passes.
    expect((await ask({ type: 'base64', media_type: 'image/png', data: png.toString('base64') })).type).toBe('message');
    expect(await refusal(ask({ type: 'base64', media_type: 'image/bmp', data: png.toString('base64') }))).toEqual({
      type: 'invalid_request_error',
      message: "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    });
    expect((await refusal(ask({ type: 'base64', media_type: 'image/jpeg', data: png.toString('base64') }))).message).toBe('messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/jpeg');
    expect((await refusal(ask({ type: 'base64', media_type: 'image/png', data: 'not base64!' }))).message).toMatch(/^messages\.0\.content\.0\.image\.source\.base64\.data: Invalid base64/);
    const big = Buffer.alloc(5 * 1024 * 1024, 0);
    png.copy(big);
    expect((await refusal(ask({ type: 'base64', media_type: 'image/png', data: big.toString('base64') }))).message).toMatch(/^messages\.0\.content\.0\.image\.source\.base64: image exceeds 5 MB maximum: \d+ bytes > 5242880 bytes$/);
    const huge = Buffer.from(png);
    huge.writeUInt32BE(9000, 16); // the IHDR width: a 9000 px wide picture
    expect((await refusal(ask({ type: 'base64', media_type: 'image/png', data: huge.toString('base64') }))).message).toBe('messages.0.content.0.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels');
    // Through the proxy, the same refusal reaches the app.
    const login = (await (await fetch(`${stack.proxyUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) })).json()) as { accessToken: string };
    const viaProxy = new Anthropic({ apiKey: null, authToken: login.accessToken, baseURL: `${stack.proxyUrl}/anthropic`, maxRetries: 0 });
    const e = (await viaProxy.messages
      .create({ model: 'claude-sonnet-5-5', max_tokens: 50, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/gif', data: png.toString('base64') } }] }] })
      .then(() => null, (x: unknown) => x)) as InstanceType<typeof Anthropic.APIError> | null;
    expect(e).toBeInstanceOf(Anthropic.BadRequestError);
    expect(JSON.stringify(e!.error)).toContain('Image does not match the provided media type image/gif');
  });
});
