import { createServer, type IncomingMessage } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../ffmpeg/binaries';
import { runFfmpeg } from '../../ffmpeg/run';
import { TrainedStyle } from '../../style/trained-style';
import type { CallContext } from '../types';
import type { ProxyAuth } from './api';
import { proxyTraining } from './training';

const { ffmpegPath } = resolveBinaries();

/** A tiny stand-in for the proxy's /v1/trainings routes: starting → processing → succeeded/failed. */
function fakeProxy() {
  const trainings = new Map<string, { polls: number; fail: boolean; brandKey: string; canceled?: boolean }>();
  const seen: { method: string; url: string; auth: string; idempotencyKey?: string; body?: { brandKey: string; images: string[]; triggerWord: string } }[] = [];
  let expiredOnce = true;
  const read = (req: IncomingMessage) => new Promise<string>((r) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => r(s));
  });
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const raw = await read(req);
    const body = raw ? JSON.parse(raw) : undefined;
    seen.push({ method: req.method!, url: req.url!, auth: String(req.headers.authorization), idempotencyKey: req.headers['idempotency-key'] as string | undefined, body });
    // The first poll meets an expired token: the provider must refresh once and carry on.
    if (req.method === 'GET' && expiredOnce) {
      expiredOnce = false;
      return send(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } });
    }
    if (req.headers.authorization !== 'Bearer good-token-123' && req.headers.authorization !== 'Bearer fresh-token-456') return send(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } });
    if (req.method === 'POST' && req.url === '/v1/trainings') {
      if ([...trainings.values()].some((t) => t.brandKey === body.brandKey && t.polls < 2)) return send(409, { error: { code: 'TRAINING_RUNNING', message: 'A style training for this brand is already running.' } });
      const id = `tr_${trainings.size + 1}`;
      trainings.set(id, { polls: 0, fail: body.triggerWord.includes('FAIL'), brandKey: body.brandKey });
      return send(201, { trainingId: id, status: 'starting' });
    }
    const c = /^\/v1\/trainings\/([^/]+)\/cancel$/.exec(req.url!);
    const tc = c && req.method === 'POST' && trainings.get(c[1]!);
    // Like the proxy: a training that already succeeded stays as it is and says so.
    if (tc && tc.polls >= 2 && !tc.fail && !tc.canceled) return send(200, { trainingId: c[1], brandKey: tc.brandKey, status: 'succeeded', output: { version: `zapcut/brand-styles:${'a'.repeat(64)}`, weights: null } });
    if (tc) {
      Object.assign(tc, { canceled: true, polls: 99 });
      return send(200, { trainingId: c[1], brandKey: tc.brandKey, status: 'canceled' });
    }
    const m = /^\/v1\/trainings\/([^/]+)$/.exec(req.url!);
    const t = m && trainings.get(m[1]!);
    if (!t) return send(404, { error: { code: 'NOT_FOUND', message: 'No such training for this account.' } });
    if (t.canceled) return send(200, { trainingId: m[1], brandKey: t.brandKey, status: 'canceled' });
    t.polls += 1;
    if (t.polls < 2) return send(200, { trainingId: m[1], brandKey: t.brandKey, status: t.polls === 0 ? 'starting' : 'processing' });
    return send(200, t.fail ? { trainingId: m[1], brandKey: t.brandKey, status: 'failed', error: 'fake trainer error' } : { trainingId: m[1], brandKey: t.brandKey, status: 'succeeded', output: { version: `zapcut/brand-styles:${'a'.repeat(64)}`, weights: 'https://replicate.delivery/x/trained_model.tar' } });
  });
  return { server, seen };
}

let dir: string;
let baseUrl: string;
let fake: ReturnType<typeof fakeProxy>;
let image: string;
const auth = (): ProxyAuth => ({ baseUrl, accessToken: async () => 'good-token-123', refreshed: async () => 'fresh-token-456' });
const ctx = (): CallContext => ({ signal: new AbortController().signal, workDir: dir, idempotencyKey: 'style:row1:training' });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-proxy-training-'));
  image = path.join(dir, 'frame.png');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=96x54', '-frames:v', '1'], output: image });
  fake = fakeProxy();
  await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', () => r()));
  const addr = fake.server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => fake.server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

describe('proxy training provider', () => {
  it('sends JPEG data URIs with the brand and trigger word, then polls (refreshing an expired token) to a lora TrainedStyle file', async () => {
    const p = proxyTraining({ auth: auth(), ffmpegPath, poll: { initialMs: 5, maxMs: 20 } });
    const req = { images: [image, image], triggerWord: 'ZPCABC123', brandKey: 'brand-1' };
    const sub = await p.submit(req, ctx());
    expect(sub).toEqual({ jobId: 'tr_1', costCents: 0 });
    const post = fake.seen.find((s) => s.method === 'POST')!;
    expect(post.body!.brandKey).toBe('brand-1');
    // The attempt's key: a resent start is the same training at the proxy, not another from the month's allowance.
    expect(post.idempotencyKey).toBe('style:row1:training');
    expect(post.body!.triggerWord).toBe('ZPCABC123');
    expect(post.body!.images).toHaveLength(2);
    for (const uri of post.body!.images) {
      expect(uri).toMatch(/^data:image\/jpeg;base64,/);
      expect(Buffer.from(uri.split(',')[1]!, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }

    // A restart re-polls with only the recorded id: a fresh provider instance, same job id.
    const again = proxyTraining({ auth: auth(), ffmpegPath, poll: { initialMs: 5, maxMs: 20 } });
    const out = await again.wait(sub.jobId, req, ctx());
    const style = TrainedStyle.parse(JSON.parse(await readFile(out.files[0]!, 'utf8')));
    expect(style).toEqual({ kind: 'lora', version: `zapcut/brand-styles:${'a'.repeat(64)}`, weights: 'https://replicate.delivery/x/trained_model.tar', triggerWord: 'ZPCABC123' });
    const polls = fake.seen.filter((s) => s.method === 'GET');
    expect(polls.map((s) => s.auth)).toContain('Bearer fresh-token-456');
    expect(polls.length).toBeGreaterThanOrEqual(3);
  });

  it('a failed training is reported with its reason and is not retried blindly; a second running one is refused', async () => {
    const p = proxyTraining({ auth: auth(), ffmpegPath, poll: { initialMs: 5, maxMs: 20 } });
    const req = { images: [image], triggerWord: 'ZPCFAIL', brandKey: 'brand-2' };
    const sub = await p.submit(req, ctx());
    await expect(p.submit(req, ctx())).rejects.toMatchObject({ code: 'VALIDATION', details: { proxyCode: 'TRAINING_RUNNING', status: 409 } });
    await expect(p.wait(sub.jobId, req, ctx())).rejects.toMatchObject({ code: 'PROVIDER', retryable: false, message: expect.stringContaining('fake trainer error') });
    await expect(p.wait('tr_missing', req, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('cancel stops the training at the proxy: the brand is free again and a later poll says it was cancelled', async () => {
    const p = proxyTraining({ auth: auth(), ffmpegPath, poll: { initialMs: 5, maxMs: 20 } });
    const req = { images: [image], triggerWord: 'ZPCCANCEL', brandKey: 'brand-3' };
    const sub = await p.submit(req, ctx());
    expect(await p.cancel!(sub.jobId)).toEqual({ finished: false });
    expect(fake.seen.at(-1)).toMatchObject({ method: 'POST', url: `/v1/trainings/${sub.jobId}/cancel` });
    await expect(p.wait(sub.jobId, req, ctx())).rejects.toMatchObject({ code: 'PROVIDER', message: expect.stringContaining('was cancelled') });
    expect((await p.submit(req, ctx())).jobId).not.toBe(sub.jobId);
    await expect(p.cancel!('tr_missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('cancel after the training succeeded says it had finished (nothing stopped)', async () => {
    const p = proxyTraining({ auth: auth(), ffmpegPath, poll: { initialMs: 5, maxMs: 20 } });
    const req = { images: [image], triggerWord: 'ZPCDONE', brandKey: 'brand-4' };
    const sub = await p.submit(req, ctx());
    await p.wait(sub.jobId, req, ctx());
    expect(await p.cancel!(sub.jobId)).toEqual({ finished: true });
  });
});
