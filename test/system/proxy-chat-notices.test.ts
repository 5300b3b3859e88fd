/**
 * Full system, the AI chat's two notices driven end to end (issue 22): backend contract → projects
 * service → the real Worker in workerd (its ledger holds each call's tokens against the month) →
 * the fake Anthropic. A free account whose month's AI text is used up gets the proxy's real 402
 * (LLM_ALLOWANCE_EXHAUSTED): the simple questions answer with the "allowance" notice (the chat
 * shows "See plans" for it). The service going away (a network hop in front of the Worker is shut,
 * connections cut) gives the "unreachable" notice; when it is back, the AI answers again.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { runFfmpeg } from '../../src/pipeline/ffmpeg';
import type { AdProjectView, ChatMessage } from '../../src/shared/domain/ads';
import { ffmpegPath, makeWorkspace } from '../integration/pipeline-fixtures';
import { startStack, type Stack } from './stack';
import { waitFor } from '../support/wait';

let stack: Stack;
let backend: Backend;
let dir: string;
const creds = { email: `notices${process.pid}-${Date.now()}@zapcut.test`, password: 'correct-horse-battery' };

/** A TCP hop in front of the Worker that can be shut (every connection cut) and opened again on the same port. */
class Hop {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: number) {}
  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok) => server.listen(this.port, '127.0.0.1', ok));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }
  async shut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
    this.server = null;
  }
}
let hop: Hop;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const control = (body: unknown) => fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function say(projectId: string, text: string): Promise<ChatMessage> {
  const { replyId } = await call<{ replyId: string }>('chat/send', { projectId, text });
  return (await call<AdProjectView>('project/get', { id: projectId })).messages.find((m) => m.id === replyId)!;
}

async function newAd(name: string): Promise<string> {
  const brand = await call<{ id: string }>('brand/create', { name, description: 'Coffee for night owls.', colors: ['#F2A65A'] });
  const img = path.join(dir, `${name}.png`);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: img });
  await call('asset/import', { brandId: brand.id, files: [{ path: img }] });
  return (await call<AdProjectView>('project/create', { brandId: brand.id })).id;
}

/** The month's AI text use, as the proxy's ledger has it (read with the creator's own sign-in). */
async function llmUse(): Promise<{ used: number; left: number; held: number }> {
  const login = await fetch(`${stack.proxyUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const me = (await (await fetch(`${stack.proxyUrl}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { llmTokensUsed: number; llmTokensLeft: number; llmTokensHeld: number };
  return { used: me.llmTokensUsed, left: me.llmTokensLeft, held: me.llmTokensHeld };
}

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 10, image: 150, video: 500, speech: 150, music: 300 } });
  hop = new Hop(Number(new URL(stack.proxyUrl).port));
  await hop.open();
  const ws = await makeWorkspace('zapcut-sys-chat-notices-');
  dir = ws.dir;
  process.env.ZAPCUT_KEYCHAIN = 'off';
  backend = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/' });
  await call('settings/update', { proxyUrl: `http://127.0.0.1:${hop.port}` });
  await call('account/signup', creds);
});

afterAll(async () => {
  backend?.close();
  delete process.env.ZAPCUT_KEYCHAIN;
  await hop?.shut();
  await stack?.stop();
});

describe('the AI chat’s notices, end to end', () => {
  it('the service goes away: the simple questions answer with the "unreachable" notice; back, the AI answers again', async () => {
    const id = await newAd('Tide');
    expect((await say(id, 'Tide Cold Brew')).meta.via).toBe('ai');
    await hop.shut();
    try {
      const down = await say(id, 'A cold brew that tastes of the sea air.');
      expect(down.meta).toMatchObject({ via: 'scripted', aiFallback: { reason: 'unreachable' } });
      // The scripted interviewer took the answer and asks the next thing.
      expect(down.content).toMatch(/Who is/u);
    } finally {
      await hop.open();
    }
    const back = await waitFor(() => say(id, 'Sailors on night watch'), (m) => m.meta.via === 'ai', 'the AI answering again', { intervalMs: 500 });
    expect(back.meta.aiFallback).toBeUndefined();
  });

  it('the month’s AI text is used up: the proxy refuses (402) and the chat says so with the allowance notice', async () => {
    const id = await newAd('Ebb');
    const before = await llmUse();
    // One turn of a very long conversation: the provider reports 299,000 input tokens, the ledger
    // settles them (300,000 a month on the free plan).
    await control({ chatInputTokens: 299_000 });
    expect((await say(id, 'Ebb Cold Brew')).meta.via).toBe('ai');
    const spent = await waitFor(llmUse, (u) => u.used >= before.used + 299_000 && u.held === 0, 'the turn settled', { intervalMs: 200 });
    expect(spent.left).toBeLessThan(10_000);
    const refused = await say(id, 'A cold brew for sailors.');
    expect(refused.meta).toMatchObject({ via: 'scripted', aiFallback: { reason: 'allowance' } });
    expect(refused.content).toMatch(/Who is/u);
    // Nothing was held or charged for the refused call.
    expect(await llmUse()).toEqual(spent);
  });
});
