import { describe, expect, it } from 'vitest';
import { PNG_URI, admin, api, eventually, fakeUrl, proxyUrl, reserve, signup } from './helpers';

async function fakeRequests(): Promise<{ method: string; path: string; authorization: string | null; xApiKey: string | null; bodyHead: string }[]> {
  return ((await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: never[] }).requests;
}

async function llmUsed(token: string): Promise<number> {
  return (await api('/v1/me', { token })).body.llmTokensUsed as number;
}

describe('forwarding to fake upstreams that speak the providers’ APIs', () => {
  it('OpenAI chat: swaps the user token for the key, strips upstream headers, meters usage', async () => {
    const u = await signup();
    const r = await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write a tagline for a water bottle.' }] } });
    expect(r.status).toBe(200);
    expect(r.body.object).toBe('chat.completion');
    expect(r.headers.get('openai-organization')).toBeNull();
    expect(r.headers.get('set-cookie')).toBeNull();
    const seen = (await fakeRequests()).filter((q) => q.path === '/openai/v1/chat/completions');
    expect(seen.length).toBeGreaterThan(0);
    for (const q of seen) expect(q.authorization).toBe('Bearer sk-fake-openai-000000000000');
    expect(await eventually(() => llmUsed(u.accessToken), (n) => n > 0)).toBe(r.body.usage.total_tokens);
  });

  it('OpenAI chat streaming passes SSE through and meters the usage chunk exactly', async () => {
    const u = await signup();
    const res = await fetch(`${proxyUrl()}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Storyboard please' }] }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = text.split('\n\n').filter((e) => e.startsWith('data: ')).map((e) => e.slice(6));
    expect(events.at(-1)).toBe('[DONE]');
    const usage = JSON.parse(events.at(-2)!).usage;
    expect(usage.total_tokens).toBeGreaterThan(0);
    const used = await eventually(() => llmUsed(u.accessToken), (n) => n > 0);
    expect(used).toBe(usage.total_tokens);
  });

  it('a stream cut mid-way is still metered', async () => {
    const u = await signup();
    const res = await fetch(`${proxyUrl()}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'CUT_STREAM please' }] }),
    });
    expect(res.status).toBe(200);
    let received = '';
    let broke = false;
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
    } catch {
      broke = true;
    }
    expect(received).toContain('chat.completion.chunk');
    expect(received).not.toContain('[DONE]');
    expect(received).toContain('UPSTREAM_STREAM_CUT');
    expect(broke || !received.includes('"usage"')).toBe(true);
    const used = await eventually(() => llmUsed(u.accessToken), (n) => n > 0);
    expect(used).toBeGreaterThan(0);

    const a = await fetch(`${proxyUrl()}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'CUT_STREAM now' }] }),
    });
    await a.text().catch(() => '');
    const after = await eventually(() => llmUsed(u.accessToken), (n) => n > used);
    expect(after).toBeGreaterThan(used);
  });

  it('Anthropic messages (plain and streamed) use x-api-key and are metered', async () => {
    const u = await signup();
    const r = await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Creative bible for a tea brand' }] } });
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('message');
    const seen = (await fakeRequests()).filter((q) => q.path === '/anthropic/v1/messages');
    expect(seen.length).toBeGreaterThan(0);
    for (const q of seen) expect(q).toMatchObject({ xApiKey: 'sk-ant-fake-000000000000', authorization: null });
    const expected = r.body.usage.input_tokens + r.body.usage.output_tokens;
    expect(await eventually(() => llmUsed(u.accessToken), (n) => n > 0)).toBe(expected);
    const s = await fetch(`${proxyUrl()}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 200, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const sse = await s.text();
    expect(sse).toContain('event: message_stop');
    const start = JSON.parse(/event: message_start\ndata: (.*)/.exec(sse)![1]!).message.usage.input_tokens as number;
    const deltas = [...sse.matchAll(/event: message_delta\ndata: (.*)/g)].map((m) => JSON.parse(m[1]!).usage.output_tokens as number);
    const streamed = start + deltas.at(-1)!;
    const total = await eventually(() => llmUsed(u.accessToken), (n) => n > expected);
    expect(total).toBe(expected + streamed);
  });

  it('Responses API is metered; speech is a paid media call that commits its video', async () => {
    const u = await signup();
    const r = await api('/openai/v1/responses', { token: u.accessToken, body: { model: 'gpt-4.1-mini', input: 'Summarise the brief' } });
    expect(r.status).toBe(200);
    expect(await eventually(() => llmUsed(u.accessToken), (n) => n > 0)).toBe(r.body.usage.total_tokens);
    const v = await reserve(u.accessToken, 15);
    const speech = await fetch(`${proxyUrl()}/openai/v1/audio/speech`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.accessToken}`, 'content-type': 'application/json', 'x-zapcut-video': v.body.videoId },
      body: JSON.stringify({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Stay cool all day.' }),
    });
    expect(speech.status).toBe(200);
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await speech.arrayBuffer()).subarray(0, 3).toString()).toBe('ID3');
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body).toMatchObject({ status: 'committed', paidCallsUsed: 1 });
  });

  it('only allowlisted paths are forwarded; provider errors come back with a code and no key', async () => {
    const u = await signup();
    const models = await api('/openai/v1/models', { token: u.accessToken });
    expect(models.status).toBe(404);
    expect(models.body.error.code).toBe('PATH_NOT_ALLOWED');
    expect((await api('/openai/v1/files', { token: u.accessToken, body: {} })).status).toBe(404);
    const err = await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'UPSTREAM_400' }] } });
    expect(err.status).toBe(400);
    expect(err.body.error.code).toBe('PROVIDER_ERROR');
    expect(err.body.error.details).toEqual({ provider: 'openai', status: 400 });
    expect(JSON.stringify(err.body)).not.toContain('sk-fake-openai');
    expect(err.body.error.message).toContain('[redacted]');
    expect((await api('/openai/v1/chat/completions', { body: { model: 'x' } })).status).toBe(401);
  });

  it('Replicate: create → poll through the proxy → succeeded commits the video; cancel works', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const created = await api('/replicate/v1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { version: 'kwaivgi/kling-v2.1', input: { prompt: 'our bottle on a sunny beach', duration: 5, start_image: 'https://cdn.example.com/bottle.png' } } });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('starting');
    expect(created.body.urls.get).toBe(`/replicate/v1/predictions/${created.body.id}`);
    const statuses: string[] = [];
    for (let i = 0; i < 5 && statuses.at(-1) !== 'succeeded'; i++) statuses.push((await api(created.body.urls.get, { token: u.accessToken })).body.status);
    expect(statuses).toEqual(['processing', 'succeeded']);
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body).toMatchObject({ status: 'committed', paidCallsUsed: 1 });

    // Under a catalog name, only the catalog's pinned versions run: any other version id could be any code.
    const anyHash = `any-${crypto.randomUUID()}`;
    const unpinned = await api('/replicate/v1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { version: `kwaivgi/kling-v2.1:${'a'.repeat(64)}`, input: { prompt: anyHash, duration: 5 } } });
    expect(unpinned.status).toBe(403);
    expect(unpinned.body.error.code).toBe('MODEL_NOT_ALLOWED');
    expect(unpinned.body.error.message).toMatch(/pinned/);
    expect((await fakeRequests()).some((q) => q.bodyHead.includes(anyHash))).toBe(false);
    // A community model (MusicGen) runs only as the catalog's pinned version, on /v1/predictions,
    // however the client asked for it.
    const marker = `cap-${crypto.randomUUID()}`;
    const byName = await api('/replicate/v1/models/meta/musicgen/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: marker, duration: 8 } } });
    expect(byName.status).toBe(201);
    const sent = (await fakeRequests()).find((q) => q.bodyHead.includes(marker));
    expect(sent).toMatchObject({ method: 'POST', path: '/replicate/v1/predictions' });
    expect(sent!.bodyHead).toContain('"version":"671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb"');
    const otherVersion = await api('/replicate/v1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { version: `meta/musicgen:${'a'.repeat(64)}`, input: { prompt: 'x' } } });
    expect(otherVersion.status).toBe(403);
    expect(otherVersion.body.error.code).toBe('MODEL_NOT_ALLOWED');
    expect((await api('/replicate/v1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { version: 'a'.repeat(64), input: { prompt: 'x' } } })).status).toBe(400);
    const toCancel = await api('/replicate/v1/models/minimax/hailuo-02/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'slow pan over the bottle', duration: 6, resolution: '1080p', first_frame_image: PNG_URI } } });
    const cancelled = await api(`/replicate/v1/predictions/${toCancel.body.id}/cancel`, { token: u.accessToken, method: 'POST' });
    expect(cancelled.body.status).toBe('canceled');
  });

  it("another user's prediction → 404; models outside the catalog → 403; clip checks against the video", async () => {
    const owner = await signup();
    const v = await reserve(owner.accessToken, 15);
    const p = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: owner.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'a cup of tea', duration: 5, start_image: PNG_URI } } });
    const other = await signup();
    const stolen = await api(`/replicate/v1/predictions/${p.body.id}`, { token: other.accessToken });
    expect(stolen.status).toBe(404);
    expect((await api(`/replicate/v1/predictions/${p.body.id}/cancel`, { token: other.accessToken, method: 'POST' })).status).toBe(404);
    const ov = await reserve(other.accessToken, 15);
    expect((await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: other.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'tea', duration: 5 } } })).status).toBe(404);
    const offCatalog = await api('/replicate/v1/models/someone/expensive-model/predictions', { token: other.accessToken, headers: { 'x-zapcut-video': ov.body.videoId }, body: { input: { prompt: 'tea' } } });
    expect(offCatalog.status).toBe(403);
    expect(offCatalog.body.error.code).toBe('MODEL_NOT_ALLOWED');
    const tooLong = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: other.accessToken, headers: { 'x-zapcut-video': ov.body.videoId }, body: { input: { prompt: 'tea', duration: 30 } } });
    expect(tooLong.status).toBe(400);
    const fourK = await api('/replicate/v1/models/google/veo-3.1/predictions', { token: other.accessToken, headers: { 'x-zapcut-video': ov.body.videoId }, body: { input: { prompt: 'tea', resolution: '4k' } } });
    expect(fourK.body.error.code).toBe('RESOLUTION_NOT_IN_TIER');
    // Models the app never uses are not allowed either (one catalog: src/shared/models).
    for (const old of ['google/veo-3-fast', 'bytedance/seedance-1-lite', 'minimax/speech-02-hd']) {
      const r = await api(`/replicate/v1/models/${old}/predictions`, { token: other.accessToken, headers: { 'x-zapcut-video': ov.body.videoId }, body: { input: { prompt: 'tea' } } });
      expect(r.body.error.code, old).toBe('MODEL_NOT_ALLOWED');
    }
    expect((await api(`/v1/videos/${ov.body.videoId}`, { token: other.accessToken })).body.paidCallsUsed).toBe(0);
  });

  it('private, loopback and link-local image URLs are refused and never reach the provider', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    // Other test files share the fake upstream, so look for this test's marker, not a count.
    const marker = `bottle-${crypto.randomUUID()}`;
    for (const url of ['https://127.0.0.1/a.png', 'https://169.254.169.254/latest/meta-data', 'https://10.0.0.5/x.png', 'https://[::1]/x.png', 'https://localhost/x.png', 'https://2130706433/x.png', 'http://cdn.example.com/x.png', 'https://192.168.1.1/router.png']) {
      const r = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: marker, duration: 5, start_image: url } } });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe('URL_NOT_ALLOWED');
    }
    expect((await fakeRequests()).some((q) => q.bodyHead.includes(marker))).toBe(false);
    // A small real PNG as a data URI is fine; junk bytes are not.
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    expect((await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'bottle', duration: 5, start_image: png } } })).status).toBe(201);
    const junk = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'bottle', duration: 5, start_image: `data:image/png;base64,${Buffer.from('#!/bin/sh echo hi').toString('base64')}` } } });
    expect(junk.status).toBe(415);
  });

  it('uploads need a live video of the uploader and are limited per video (paid-call cap + 4 in parallel → exactly the cap); checked by magic bytes; oversized bodies → 413', async () => {
    const u = await signup();
    const pngBytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const marker = `up-${crypto.randomUUID()}`;
    const png = () => {
      const form = new FormData();
      form.set('content', new Blob([pngBytes], { type: 'image/png' }), `${marker}.png`);
      return form;
    };
    const upload = (rawBody: FormData, videoId?: string) => api('/replicate/v1/files', { token: u.accessToken, rawBody, headers: videoId ? { 'x-zapcut-video': videoId } : {} });
    // (Other files upload too: count this test's own files by name.)
    const uploadsSeen = async () => (await fakeRequests()).filter((q) => q.path === '/replicate/v1/files' && q.bodyHead.includes(marker)).length;
    const before = await uploadsSeen();
    expect(before).toBe(0);

    // No video, another user's video, a video given back: refused before Replicate sees a byte.
    const none = await upload(png());
    expect(none.status).toBe(402);
    expect(none.body.error).toMatchObject({ code: 'VIDEO_REQUIRED', message: expect.stringContaining('X-Zapcut-Video') });
    const other = await signup();
    const theirs = await reserve(other.accessToken, 15);
    expect((await upload(png(), theirs.body.videoId)).status).toBe(404);
    const gone = await reserve(u.accessToken, 15);
    expect((await api(`/v1/videos/${gone.body.videoId}/fail`, { token: u.accessToken, body: {} })).body.status).toBe('refunded');
    const refunded = await upload(png(), gone.body.videoId);
    expect(refunded.status).toBe(409);
    expect(refunded.body.error.code).toBe('VIDEO_NOT_ACTIVE');
    expect(await uploadsSeen()).toBe(before);

    const v = await reserve(u.accessToken, 15);
    const ok = await upload(png(), v.body.videoId);
    expect(ok.status).toBe(201);
    expect(ok.body.urls.get).toMatch(/^https:\/\/api\.replicate\.com\/v1\/files\//);
    const fake = new FormData();
    fake.set('content', new Blob(['<svg onload=alert(1)>'], { type: 'image/png' }), 'x.png');
    expect((await upload(fake, v.body.videoId)).status).toBe(415);

    // A video allows as many uploads as its paid calls (a 15 s video: 20 — 4 per 5 s plus 8 for
    // the keyframes): cap + 4 at once on a fresh one → exactly cap.
    const w = await reserve(u.accessToken, 15);
    const cap = w.body.paidCallsCap as number;
    expect(cap).toBe(20);
    const race = await Promise.all(Array.from({ length: cap + 4 }, () => upload(png(), w.body.videoId)));
    expect(race.filter((r) => r.status === 201)).toHaveLength(cap);
    const refusedUploads = race.filter((r) => r.status !== 201);
    expect(refusedUploads.map((r) => r.status)).toEqual([402, 402, 402, 402]);
    expect(refusedUploads[0]!.body.error.code).toBe('UPLOAD_LIMIT');
    expect(await uploadsSeen()).toBe(before + 1 + cap);

    const big = await api('/v1/videos', { token: u.accessToken, headers: { 'idempotency-key': 'big' }, body: { lengthSeconds: 15, pad: 'x'.repeat(70 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const bigChat = await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(300 * 1024) }] } });
    expect(bigChat.status).toBe(413);
    const bigUpload = new FormData();
    bigUpload.set('content', new Blob([new Uint8Array(10 * 1024 * 1024 + 100_000)]), 'big.png');
    expect((await upload(bigUpload, v.body.videoId)).status).toBe(413);
  });

  it('music goes to the Replicate music model when Suno is not configured', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const task = await api('/music/v1/generate', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'upbeat acoustic guitar, summer', durationSeconds: 15 } });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ provider: 'replicate', status: 'queued', audioUrl: null });
    const done = await eventually(() => api(`/music/v1/tasks/${task.body.id}`, { token: u.accessToken }), (r) => r.body.status === 'succeeded');
    expect(done.body.audioUrl).toMatch(/^https:\/\/replicate\.delivery\//);
    // MusicGen is a community model: run by its pinned version (the models endpoint would 404).
    const created = (await fakeRequests()).filter((q) => q.path === '/replicate/v1/predictions' && q.bodyHead.includes('upbeat acoustic guitar'));
    expect(created).toHaveLength(1);
    expect(created[0]!.bodyHead).toContain('671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb');
  });

  it('paid media prompts are screened with the shared rules; violations are recorded and refused', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const r = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'Spider-Man drinks our soda, better than Acme Cola', duration: 5 } } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('SAFETY_BLOCKED');
    expect(r.body.error.details.map((d: { category: string }) => d.category).sort()).toEqual(['competitor_brands', 'copyrighted_characters']);
    const img = await api('/openai/v1/images/generations', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { model: 'gpt-image-1', prompt: 'a topless model holding the bottle' } });
    expect(img.body.error.code).toBe('SAFETY_BLOCKED');
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.paidCallsUsed).toBe(0);
    // A negative prompt names what to avoid, so it is not screened.
    const neg = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'tea steaming on a wooden table', negative_prompt: 'gore, nudity, guns, blurry', duration: 5, start_image: PNG_URI } } });
    expect(neg.status).toBe(201);
    const list = await api(`/admin/violations?userId=${u.id}`, { token: await admin() });
    const cats = list.body.violations.map((x: { category: string }) => x.category).sort();
    expect(cats).toEqual(['competitor_brands', 'copyrighted_characters', 'nudity']);
    expect(list.body.violations[0]).toMatchObject({ userId: u.id, email: u.email });
  });
});
