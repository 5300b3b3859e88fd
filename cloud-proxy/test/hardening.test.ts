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

  it('the URL guard, in the Worker: IPv6, IPv4-in-IPv6, other schemes and odd spellings never reach a provider', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const marker = `guard-${crypto.randomUUID()}`;
    // Each passed the old guard (it only looked at strings starting with http(s)://, and knew three IPv6 forms).
    for (const url of ['https://[::127.0.0.1]/x.png', 'https://[64:ff9b::a9fe:a9fe]/latest/meta-data', 'https://[fec0::1]/x.png', 'https://[2002:7f00:1::]/x.png', 'ftp://10.0.0.5/x.png', 'gopher://127.0.0.1:6379/_INFO', 'https:/127.0.0.1/x.png', '//169.254.169.254/latest/meta-data', ' https://127.0.0.1/x.png']) {
      const r = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: marker, duration: 5, start_image: url } } });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code, url).toBe('URL_NOT_ALLOWED');
    }
    // Image URLs in text calls are fetched by OpenAI and Anthropic: the same guard (the old code forwarded them unchecked).
    const chat = await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: [{ type: 'text', text: marker }, { type: 'image_url', image_url: { url: 'https://[::ffff:7f00:1]/x.png' } }] }] } });
    expect(chat.status).toBe(400);
    expect(chat.body.error.code).toBe('URL_NOT_ALLOWED');
    const claude = await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://169.254.169.254/latest/meta-data' } }, { type: 'text', text: marker }] }] } });
    expect(claude.status).toBe(400);
    expect(claude.body.error.code).toBe('URL_NOT_ALLOWED');
    expect(await fakeSaw(marker)).toBe(false);
    // A public https image URL still goes through.
    const ok = await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: [{ type: 'text', text: marker }, { type: 'image_url', image_url: { url: 'https://cdn.example.com/bottle.png' } }] }] } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
