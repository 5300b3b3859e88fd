import { describe, expect, it } from 'vitest';
import { api, fakeUrl, reserve, signup } from './helpers';

// Issue 14, the smaller items: bodies that used to crash or slip through.

async function fakeSaw(marker: string): Promise<boolean> {
  const r = (await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { bodyHead: string }[] };
  return r.requests.some((q) => q.bodyHead.includes(marker));
}

describe('hardening', () => {
  it('deeply nested JSON in a prediction input or a text call is a 400, not a 500', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const pred = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId, 'content-type': 'application/json' }, rawBody: `{"input":{"prompt":"tea","duration":5,"extra":${deep}}}` });
    expect(pred.status).toBe(400);
    expect(pred.body.error.code).toBe('VALIDATION');
    const chat = await api('/openai/v1/chat/completions', { token: u.accessToken, headers: { 'content-type': 'application/json' }, rawBody: `{"model":"gpt-4.1-mini","messages":[{"role":"user","content":${deep}}]}` });
    expect(chat.status).toBe(400);
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.paidCallsUsed).toBe(0);
  });

  it('one paid OpenAI image call makes one image (n is forced to 1)', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const marker = `n4-${crypto.randomUUID()}`;
    const r = await api('/openai/v1/images/generations', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { model: 'gpt-image-1', prompt: marker, n: 4 } });
    expect(r.status).toBe(200);
    const reqs = ((await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { bodyHead: string }[] }).requests;
    expect(JSON.parse(reqs.find((q) => q.bodyHead.includes(marker))!.bodyHead).n).toBe(1);
    expect(await fakeSaw(marker)).toBe(true);
  });
});
