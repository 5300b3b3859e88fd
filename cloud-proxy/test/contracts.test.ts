/**
 * The fakes bite: every catalog model's recorded schema refuses a known-bad request the way
 * Replicate does, and each fault issue 17 found in the old code is refused (or, through the
 * Worker, reported truthfully). Its own fake upstreams and Worker, because it switches the
 * fakes into failure modes (a missing model, an operator out of credit) other files must not see.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
// @ts-expect-error plain ESM helper
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
// @ts-expect-error plain ESM fakes
import { FAKE_KEYS, startFakeUpstreams } from '../fakes/upstreams.mjs';
import { catalog } from '../../src/shared/models/catalog';
import type { StartedWorker } from './globalSetup';
import { JWT_SECRET } from './constants';
import { PNG_URI, api, eventually, signup } from './helpers';

let fakes: { url: string; baseUrls: Record<string, string>; close(): Promise<void> };
let worker: StartedWorker;
beforeAll(async () => {
  fakes = await startFakeUpstreams();
  const dir = join(inject('tmpDir'), 'contracts');
  const envFile = join(dir, 'contracts.env');
  writeEnvFile(envFile, { JWT_SECRET, OPENAI_API_KEY: FAKE_KEYS.openai, ANTHROPIC_API_KEY: FAKE_KEYS.anthropic, REPLICATE_API_TOKEN: FAKE_KEYS.replicate, ...fakes.baseUrls, SUNO_BASE_URL: '', ...inject('emailEnv') });
  worker = await startWorker({ persistTo: join(dir, 'state'), envFile });
});
afterAll(async () => {
  await worker?.stop();
  await fakes?.close();
});

/** Straight to the fake Replicate, as the Worker would call it. */
const replicate = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  api(path, { base: `${fakes.url}/replicate/v1`, method, body, headers: { authorization: `Bearer ${FAKE_KEYS.replicate}` } });
const control = (c: object) => fetch(`${fakes.url}/__control`, { method: 'POST', body: JSON.stringify(c) });
const poll = (id: string) => eventually(() => replicate(`/predictions/${id}`), (r) => ['succeeded', 'failed', 'canceled'].includes(r.body.status));

/** For each catalog model: a request its published schema refuses (and why). */
const KNOWN_BAD: Record<string, { input: Record<string, unknown>; field: string; type: string }> = {
  'kwaivgi/kling-v2.1': { input: { prompt: 'tea', duration: 5 }, field: 'input', type: 'required' }, // no start_image
  'minimax/hailuo-02': { input: { prompt: 'tea', duration: 8 }, field: 'input.duration', type: 'enum' },
  'google/veo-3.1': { input: { prompt: 'tea', aspect_ratio: '1:1' }, field: 'input.aspect_ratio', type: 'enum' },
  'openai/sora-2': { input: { prompt: 'tea', seconds: 10 }, field: 'input.seconds', type: 'enum' },
  'black-forest-labs/flux-1.1-pro': { input: { prompt: 'tea', safety_tolerance: 9 }, field: 'input.safety_tolerance', type: 'number_lte' },
  'minimax/speech-02-turbo': { input: { voice_id: 'English_expressive_narrator' }, field: 'input', type: 'required' }, // no text
  'meta/musicgen': { input: { prompt: 'jazz', duration: '30' }, field: 'input.duration', type: 'invalid_type' },
};

describe('the fake Replicate refuses what Replicate refuses', () => {
  const models = catalog.filter((m) => m.provider === 'replicate' && m.capability !== 'training');
  it('has a known-bad request for every catalog model', () => {
    expect(Object.keys(KNOWN_BAD).sort()).toEqual(models.map((m) => m.slug).sort());
  });

  it.each(models.map((m) => [m.slug, m] as const))('%s: a known-bad input → 422 Input validation failed, in Replicate\'s shape', async (slug, m) => {
    const bad = KNOWN_BAD[slug]!;
    const r = m.replicate!.endpoint === 'official' ? await replicate(`/models/${slug}/predictions`, { input: bad.input }) : await replicate('/predictions', { version: m.replicate!.version, input: bad.input });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ status: 422, title: 'Input validation failed', invalid_fields: [{ field: bad.field, type: bad.type }] });
    expect(r.body.detail).toMatch(/^- input/);
  });

  it('the trainer refuses a training without its images; an unknown path is 404', async () => {
    const trainer = catalog.find((m) => m.capability === 'training')!;
    const r = await replicate(`/models/${trainer.slug}/versions/${trainer.replicate!.version}/trainings`, { destination: 'zapcut/brand-styles', input: { trigger_word: 'TOK' } });
    expect(r.status).toBe(422);
    expect(r.body.invalid_fields[0]).toMatchObject({ type: 'required', description: 'input_images is required' });
    expect((await replicate('/models/kwaivgi/kling-v2.1/predict')).status).toBe(404);
    expect((await replicate('/deployments/zapcut/kling/predictions', { input: {} })).status).toBe(404);
  });
});

describe('each fault issue 17 found is refused by the fakes', () => {
  it('1. MusicGen (a community model) by name on the models endpoint → 404; by its pinned version → created', async () => {
    const byName = await replicate('/models/meta/musicgen/predictions', { input: { prompt: 'jazz', duration: 8 } });
    expect(byName).toMatchObject({ status: 404, body: { detail: 'The requested resource could not be found.', status: 404 } });
    const musicgen = catalog.find((m) => m.slug === 'meta/musicgen')!;
    expect((await replicate('/predictions', { version: `meta/musicgen:${musicgen.replicate!.version}`, input: { prompt: 'jazz', duration: 8 } })).status).toBe(201);
    const unknownVersion = await replicate('/predictions', { version: 'f'.repeat(64), input: { prompt: 'jazz' } });
    expect(unknownVersion.body).toMatchObject({ status: 422, title: 'Invalid version or not permitted' });
    const modelNotVersion = await replicate('/predictions', { model: 'meta/musicgen', input: { prompt: 'jazz' } });
    expect(modelNotVersion.body.invalid_fields.map((f: { description: string }) => f.description)).toEqual(['version is required', 'Additional property model is not allowed']);
  });

  it('2. the old Suno adapter shape (POST /generate, GET /tasks/{id}) does not exist at the gateway', async () => {
    const auth = { authorization: `Bearer ${FAKE_KEYS.suno}` };
    expect((await api('/generate', { base: `${fakes.url}/suno`, headers: auth, body: { prompt: 'x', duration: 30, make_instrumental: true } })).status).toBe(404);
    expect((await api('/tasks/abc', { base: `${fakes.url}/suno`, headers: auth })).status).toBe(404);
    const noCallback = await api('/api/v1/generate', { base: `${fakes.url}/suno`, headers: auth, body: { prompt: 'x', customMode: false, instrumental: true, model: 'V4_5' } });
    expect(noCallback.body).toMatchObject({ code: 400, msg: 'callBackUrl is required' });
  });

  it('3. models the app lists run; models only the old proxy listed do not exist', async () => {
    expect((await replicate('/models/google/veo-3.1')).status).toBe(200);
    expect((await replicate('/models/openai/sora-2')).status).toBe(200);
    expect((await replicate('/models/google/veo-3-fast/predictions', { input: { prompt: 'tea' } })).status).toBe(404);
  });

  it('4. model constraints: Hailuo 10 s at 1080p, Kling end_image without pro and a Sora reference of the wrong size fail; Veo has no 1:1', async () => {
    const hailuo = await replicate('/models/minimax/hailuo-02/predictions', { input: { prompt: 'tea', duration: 10, resolution: '1080p', first_frame_image: PNG_URI } });
    expect(hailuo.status).toBe(201);
    expect((await poll(hailuo.body.id)).body).toMatchObject({ status: 'failed', error: expect.stringMatching(/768p/) });
    const ok = await replicate('/models/minimax/hailuo-02/predictions', { input: { prompt: 'tea', duration: 10, resolution: '768p', first_frame_image: PNG_URI } });
    expect((await poll(ok.body.id)).body.status).toBe('succeeded');
    const kling = await replicate('/models/kwaivgi/kling-v2.1/predictions', { input: { prompt: 'tea', start_image: PNG_URI, end_image: PNG_URI, mode: 'standard' } });
    expect((await poll(kling.body.id)).body).toMatchObject({ status: 'failed', error: expect.stringMatching(/pro/) });
    const sora = await replicate('/models/openai/sora-2/predictions', { input: { prompt: 'tea', seconds: 4, aspect_ratio: 'landscape', input_reference: PNG_URI } });
    expect((await poll(sora.body.id)).body).toMatchObject({ status: 'failed', error: expect.stringMatching(/Inpaint image must match the requested width and height/) });
    expect((await replicate('/models/google/veo-3.1/predictions', { input: { prompt: 'tea', aspect_ratio: '1:1' } })).status).toBe(422);
  });

  it('5. a training whose destination model does not exist → 404 at the provider (the proxy says so)', async () => {
    await control({ destination: false });
    try {
      const trainer = catalog.find((m) => m.capability === 'training')!;
      const direct = await replicate(`/models/${trainer.slug}/versions/${trainer.replicate!.version}/trainings`, { destination: 'zapcut/brand-styles', input: { input_images: 'https://example.com/x.zip' } });
      expect(direct.body).toMatchObject({ status: 404, detail: 'The specified training destination does not exist' });
      const u = await signup(worker.url);
      const r = await api('/v1/trainings', { base: worker.url, token: u.accessToken, headers: { 'idempotency-key': 'contract-5' }, body: { brandKey: 'brand-1', images: [PNG_URI], triggerWord: 'ZAPBRAND' } });
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'PROVIDER_ERROR', message: 'The specified training destination does not exist' });
    } finally {
      await control({});
    }
  });

  it('6. an operator-side billing refusal reaches the user as 503 "not charged", with the paid call given back — never PAYMENT_REQUIRED', async () => {
    const u = await signup(worker.url);
    const v = await api('/v1/videos', { base: worker.url, token: u.accessToken, body: { lengthSeconds: 15 }, headers: { 'idempotency-key': 'op-1' } });
    await control({ operator: { replicate: true, openai: true, anthropic: true } });
    try {
      const r = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { base: worker.url, token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'tea', duration: 5, start_image: PNG_URI } } });
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { provider: 'replicate', status: 402 } });
      expect(r.body.error.message).toMatch(/not charged/);
      expect(JSON.stringify(r.body)).not.toMatch(/billing|Insufficient credit/);
      expect((await api(`/v1/videos/${v.body.videoId}`, { base: worker.url, token: u.accessToken })).body.paidCallsUsed).toBe(0);
      const img = await api('/openai/v1/images/generations', { base: worker.url, token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { model: 'gpt-image-1', prompt: 'a bottle' } });
      expect(img.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { provider: 'openai', status: 429 } });
      const chat = await api('/anthropic/v1/messages', { base: worker.url, token: u.accessToken, body: { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } });
      expect(chat.status).toBe(503);
      expect((await api(`/v1/videos/${v.body.videoId}`, { base: worker.url, token: u.accessToken })).body.paidCallsUsed).toBe(0);
    } finally {
      await control({});
    }
  });
});
