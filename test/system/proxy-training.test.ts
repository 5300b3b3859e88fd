/**
 * The app's proxy training provider → the real Worker in workerd (POST /v1/trainings builds the
 * zip, starts the allowlisted trainer) → the proxy's own fake Replicate (trainings lifecycle).
 * Checks that what the app sends fits the Worker's limits and what comes back is a usable style.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the proxy's own tests and `npm run proxy:dev`
import { randomJwtSecret, startWorker, writeEnvFile } from '../../cloud-proxy/scripts/worker-process.mjs';
// @ts-expect-error plain ESM fake (the proxy's tests use it too)
import { startFakeUpstreams } from '../../cloud-proxy/fakes/upstreams.mjs';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import { proxyTraining } from '../../src/pipeline/providers/proxy/training';
import type { ProxyAuth } from '../../src/pipeline/providers/proxy/api';
import { TrainedStyle } from '../../src/pipeline/style/trained-style';
import { ffmpegPath } from '../integration/pipeline-fixtures';

let dir: string;
let worker: { url: string; stop(): Promise<void> };
let fakes: { baseUrls: Record<string, string>; keys: Record<string, string>; close(): Promise<void> };
const images: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-sys-training-'));
  fakes = await startFakeUpstreams();
  const envFile = path.join(dir, 'worker.env');
  writeEnvFile(envFile, { JWT_SECRET: randomJwtSecret(), REPLICATE_API_TOKEN: fakes.keys.replicate, OPENAI_API_KEY: fakes.keys.openai, ANTHROPIC_API_KEY: fakes.keys.anthropic, ...fakes.baseUrls });
  worker = await startWorker({ persistTo: path.join(dir, 'state'), envFile, stdio: 'pipe' });
  // 15 frames like the brand-style job picks (product images + best frames), at 1280×720.
  for (let i = 0; i < 15; i++) {
    const f = path.join(dir, `frame-${i}.png`);
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=1,hue=h=${i * 24}`, '-frames:v', '1'], output: f });
    images.push(f);
  }
});
afterAll(async () => {
  await worker?.stop();
  await fakes?.close();
  await rm(dir, { recursive: true, force: true });
});

async function signedIn(): Promise<ProxyAuth> {
  const r = await fetch(`${worker.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `trainer-${Date.now()}-${Math.random().toString(36).slice(2)}@zapcut.test`, password: 'correct-horse-battery' }) });
  expect(r.status).toBe(201);
  const { accessToken } = (await r.json()) as { accessToken: string };
  return { baseUrl: worker.url, accessToken: async () => accessToken, refreshed: async () => accessToken };
}

describe('brand-style training through the real proxy', () => {
  it('15 training images → trained lora style; a second one for the same brand is refused while it runs; a failure says why and is given back; a resent start is the same training', async () => {
    const auth = await signedIn();
    const p = proxyTraining({ auth, ffmpegPath, poll: { initialMs: 20, maxMs: 100 } });
    // The engine's key: one per training attempt.
    const ctxFor = (attempt: string) => ({ signal: new AbortController().signal, workDir: dir, idempotencyKey: `style:sys-${attempt}:training` });
    const ctx = ctxFor('ok');

    // A failure first: the free plan's one training a month is given back, so the next one runs.
    const failing = { images: images.slice(0, 3), triggerWord: 'ZPCFAIL_TRAINING', brandKey: 'brand-sys' };
    const f = await p.submit(failing, ctxFor('fail'));
    await expect(p.wait(f.jobId, failing, ctxFor('fail'))).rejects.toMatchObject({ code: 'PROVIDER', retryable: false, message: expect.stringContaining('fake trainer error') });

    const req = { images, triggerWord: 'ZPCSYS01', brandKey: 'brand-sys' };
    const sub = await p.submit(req, ctx);
    expect(sub.costCents).toBe(0);
    // Sent again with the same key (a retry after a lost answer): the same training, not a second.
    expect((await p.submit(req, ctx)).jobId).toBe(sub.jobId);
    await expect(p.submit(req, ctxFor('second'))).rejects.toMatchObject({ code: 'VALIDATION', details: { proxyCode: 'TRAINING_RUNNING', status: 409 } });

    const out = await p.wait(sub.jobId, req, ctx);
    const style = TrainedStyle.parse(JSON.parse(await readFile(out.files[0]!, 'utf8')));
    expect(style).toMatchObject({ kind: 'lora', triggerWord: 'ZPCSYS01' });
    expect(style.kind === 'lora' && style.version).toMatch(/^zapcut\/brand-styles:[0-9a-f]{64}$/);
    // That was the month's one: the next is refused with what to do.
    await expect(p.submit({ ...req, brandKey: 'brand-sys-2' }, ctxFor('third'))).rejects.toMatchObject({ details: { proxyCode: 'TRAINING_QUOTA', status: 402 } });

    // Another account cannot read this training.
    const other = proxyTraining({ auth: await signedIn(), ffmpegPath, poll: { initialMs: 20, maxMs: 100 } });
    await expect(other.wait(sub.jobId, req, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
