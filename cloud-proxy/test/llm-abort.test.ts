import { describe, expect, it } from 'vitest';
import { api, eventually, fakeUrl, proxyUrl, signup } from './helpers';
// @ts-expect-error plain ESM fake upstreams
import { PAUSED_REPLY } from '../fakes/upstreams.mjs';

// A creator who presses Stop mid-reply closes the app's connection to the proxy. The proxy must
// then stop the provider's stream (the real API stops generating when its connection goes, and
// bills what it generated) and settle the token hold exactly once: the input the provider reported
// plus the output streamed so far, with the rest of the hold released.

const INPUT = 1000;
/** The fake's streamed reply for PAUSE_AT (fakes/upstreams.mjs): 60 words, one text delta each. */
const WORDS: string[] = (PAUSED_REPLY as string).split(' ');
/** Completed: message_delta reports every word as one output token. */
const EXACT = INPUT + WORDS.length;
/** Stopped after the first n deltas: output ≈ streamed characters / 4 (the meter's rule, usage.ts). */
const afterDeltas = (n: number) => INPUT + Math.max(1, Math.ceil(WORDS.slice(0, n).map((w) => `${w} `).join('').length / 4));
/** Events before the reply's text: message_start, content_block_start. */
const HEAD = 2;

interface Me {
  llmTokensUsed: number;
  llmTokensHeld: number;
  llmTokensLeft: number;
}
const me = async (token: string) => (await api('/v1/me', { token })).body as Me;
/** Streams the fake saw their client close before the end, with how many text deltas it had sent. */
const cancelledStreams = async () => ((await (await fetch(`${fakeUrl()}/__stats`)).json()) as { cancelledStreams: { tag: string; deltas: number }[] }).cancelledStreams;
const release = (tag: string) => fetch(`${fakeUrl()}/__release/${tag}`, { method: 'POST' });

/** Opens a streamed Anthropic call through the proxy and reads until `deltas` text deltas arrived. */
async function openStream(token: string, prompt: string, deltas: number) {
  const abort = new AbortController();
  const res = await fetch(`${proxyUrl()}/anthropic/v1/messages`, {
    method: 'POST',
    signal: abort.signal,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 400, stream: true, messages: [{ role: 'user', content: prompt }] }),
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let seen = '';
  while ((seen.match(/event: content_block_delta/g) ?? []).length < deltas) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  return { seen, stop: () => abort.abort(), reader };
}

describe('Stop mid-stream: the token hold is settled once, to what was used', () => {
  it('a stream stopped after three words is charged input + the words the provider had sent, the provider is stopped and the rest released', async () => {
    const u = await signup();
    const before = await me(u.accessToken);
    const tag = `stop-${crypto.randomUUID().slice(0, 8)}`;
    // message_start, content_block_start and three deltas, then the fake waits.
    const s = await openStream(u.accessToken, `Write the ad. INPUT_TOKENS:${INPUT} PAUSE_AT:${HEAD + 3}:${tag}`, 3);
    expect(s.seen).toContain('"text":"word2 "');
    expect(s.seen).not.toContain('word3');
    // While the reply streams, the whole output cap is held against the month.
    expect((await me(u.accessToken)).llmTokensHeld).toBeGreaterThan(0);
    s.stop();
    // The model goes on writing (one word every 20 ms) into a connection nobody reads.
    await release(tag);

    // The proxy closes the provider's stream (so the provider stops generating and billing)…
    const cancelled = (await eventually(cancelledStreams, (c) => c.some((x) => x.tag === tag))).find((x) => x.tag === tag);
    expect(cancelled).toBeDefined();
    expect(cancelled!.deltas).toBeLessThan(WORDS.length);
    // …and settles once: the reported input + the words streamed, at most what the provider had
    // generated when it was stopped; nothing stays held.
    const after = await eventually(() => me(u.accessToken), (m) => m.llmTokensHeld === 0 && m.llmTokensUsed > 0);
    expect(after.llmTokensHeld).toBe(0);
    expect(after.llmTokensUsed).toBeGreaterThanOrEqual(afterDeltas(3));
    expect(after.llmTokensUsed).toBeLessThanOrEqual(afterDeltas(cancelled!.deltas));
    expect(after.llmTokensUsed).toBeLessThan(EXACT);
    expect(after.llmTokensLeft).toBe(before.llmTokensLeft - after.llmTokensUsed);

    // Exactly once: a later call adds only its own usage.
    const plain = await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] } });
    expect(plain.status).toBe(200);
    const second = plain.body.usage.input_tokens + plain.body.usage.output_tokens;
    const end = await eventually(() => me(u.accessToken), (m) => m.llmTokensUsed > after.llmTokensUsed && m.llmTokensHeld === 0);
    expect(end).toMatchObject({ llmTokensUsed: after.llmTokensUsed + second, llmTokensHeld: 0 });
  });

  it('a stream read to its end is charged the provider’s exact usage even if the client then drops', async () => {
    const u = await signup();
    const tag = `full-${crypto.randomUUID().slice(0, 8)}`;
    // Everything up to message_delta, then the fake holds message_stop back.
    const s = await openStream(u.accessToken, `Write the ad. INPUT_TOKENS:${INPUT} PAUSE_AT:${HEAD + WORDS.length + 2}:${tag}`, WORDS.length);
    while (!s.seen.includes('message_delta')) {
      const { done, value } = await s.reader.read();
      if (done) break;
      s.seen += new TextDecoder().decode(value);
    }
    expect(s.seen).toContain('message_delta');
    s.stop();
    await release(tag);
    const after = await eventually(() => me(u.accessToken), (m) => m.llmTokensHeld === 0 && m.llmTokensUsed > 0);
    expect(after).toMatchObject({ llmTokensHeld: 0, llmTokensUsed: EXACT });
  });

  it('race: Stop and the provider finishing at the same moment, six creators at once — each charged one outcome, never both, nothing held', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => signup()));
    const tags = users.map(() => `race-${crypto.randomUUID().slice(0, 8)}`);
    const streams = await Promise.all(users.map((u, i) => openStream(u.accessToken, `Write the ad. INPUT_TOKENS:${INPUT} PAUSE_AT:${HEAD + 3}:${tags[i]}`, 3)));
    // Stop and release together: the proxy sees either the client leave or the rest of the stream first.
    await Promise.all(streams.map((s, i) => Promise.all([Promise.resolve().then(s.stop), release(tags[i]!)])));
    for (const u of users) {
      const m = await eventually(() => me(u.accessToken), (v) => v.llmTokensHeld === 0 && v.llmTokensUsed > 0);
      expect(m.llmTokensHeld).toBe(0);
      // One settle: from the three words streamed up to the whole reply — two would be over 2000.
      expect(m.llmTokensUsed).toBeGreaterThanOrEqual(afterDeltas(3));
      expect(m.llmTokensUsed).toBeLessThanOrEqual(EXACT);
    }
    // Nothing settles a second time later: another call adds exactly its own usage.
    const u = users[0]!;
    const first = (await me(u.accessToken)).llmTokensUsed;
    const plain = await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] } });
    const second = plain.body.usage.input_tokens + plain.body.usage.output_tokens;
    const end = await eventually(() => me(u.accessToken), (m) => m.llmTokensUsed > first);
    expect(end).toMatchObject({ llmTokensUsed: first + second, llmTokensHeld: 0 });
  });

  it('Stop before the provider answered: the hold is released, not left for the 15-minute expiry', async () => {
    const u = await signup();
    const tag = `early-${crypto.randomUUID().slice(0, 8)}`;
    const abort = new AbortController();
    const pending = fetch(`${proxyUrl()}/anthropic/v1/messages`, {
      method: 'POST',
      signal: abort.signal,
      headers: { authorization: `Bearer ${u.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 400, stream: true, messages: [{ role: 'user', content: `Write the ad. INPUT_TOKENS:${INPUT} HOLD:${tag}` }] }),
    }).catch((e: unknown) => e);
    await eventually(() => me(u.accessToken), (m) => m.llmTokensHeld > 0);
    abort.abort();
    await pending;
    await release(tag);
    const after = await eventually(() => me(u.accessToken), (m) => m.llmTokensHeld === 0, 15_000);
    expect(after.llmTokensHeld).toBe(0);
    // Charged at most what the provider reported (its input and the reply), never the held cap.
    expect(after.llmTokensUsed).toBeLessThanOrEqual(EXACT);
  });
});
