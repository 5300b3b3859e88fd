import { describe, expect, it } from 'vitest';
import { api, eventually, fakeUrl, setTier, signup } from './helpers';

// Issue 14 (high): the AI text allowance is reserved before the call (input bytes + the most output
// the call may produce), settled to the metered usage after, and refused when it does not fit;
// text models are allowlisted per tier and max_tokens, n and tools capped.

const used = async (token: string) => (await api('/v1/me', { token })).body.llmTokensUsed as number;

async function fakeSaw(marker: string): Promise<{ bodyHead: string } | undefined> {
  const r = (await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { bodyHead: string }[] };
  return r.requests.find((q) => q.bodyHead.includes(marker));
}

describe('AI text allowance', () => {
  it('at 250 k of 300 k, 25 parallel calls that each use their whole output: the account never passes 300 k', async () => {
    const u = await signup();
    const warm = await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'INPUT_TOKENS:249996 a long conversation' }] } });
    expect(warm.status).toBe(200);
    expect(await eventually(() => used(u.accessToken), (n) => n >= 250_000)).toBe(250_000);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4.1-mini', max_completion_tokens: 4000, messages: [{ role: 'user', content: `USE_MAX_OUTPUT storyboard ${i} ${'x'.repeat(400)}` }] } })),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['402 LLM_ALLOWANCE_EXHAUSTED']));
    const final = await eventually(() => used(u.accessToken), (n) => n >= 250_000 + ok.length * 4000);
    expect(final).toBeLessThanOrEqual(300_000);
    // Settled to what was used, not what was held: every admitted call used 4000 output tokens + its input.
    expect(final).toBe(250_000 + ok.reduce((s, r) => s + (r.body.usage.total_tokens as number), 0));
    console.log(`text allowance race: 25 parallel at 250k/300k → ${ok.length} admitted, ${refused.length} refused, final ${final}`);
  });

  it('text models are allowlisted per tier; the allowance names what fits', async () => {
    const u = await signup();
    for (const [path, model] of [['/openai/v1/chat/completions', 'o1-pro'], ['/openai/v1/chat/completions', 'gpt-4o'], ['/anthropic/v1/messages', 'claude-opus-4-1'], ['/openai/v1/responses', 'gpt-5-pro']] as const) {
      const r = await api(path, { token: u.accessToken, body: { model, max_tokens: 100, max_output_tokens: 100, messages: [{ role: 'user', content: 'hi' }], input: 'hi' } });
      expect(r.status, model).toBe(403);
      expect(r.body.error.code).toBe('MODEL_NOT_ALLOWED');
    }
    // The app's own models work on every tier; a paid tier opens the larger ones.
    expect((await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] } })).status).toBe(200);
    expect((await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4.1-mini-2025-04-14', messages: [{ role: 'user', content: 'hi' }] } })).status).toBe(200);
    await setTier(u.id, 'pro');
    expect((await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] } })).status).toBe(200);
  });

  it('max_tokens, n and tools are capped; a missing output cap is set to the tier’s', async () => {
    const u = await signup();
    const chat = (body: Record<string, unknown>) => api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], ...body } });
    for (const body of [
      { max_completion_tokens: 100_000 },
      { max_tokens: 50_000 },
      { n: 4 },
      { tools: [{ type: 'web_search' }] },
      { web_search_options: {} },
      { tools: Array.from({ length: 9 }, (_, i) => ({ type: 'function', function: { name: `f${i}`, parameters: { type: 'object' } } })) },
    ]) {
      const r = await chat(body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    const responses = await api('/openai/v1/responses', { token: u.accessToken, body: { model: 'gpt-4.1-mini', input: 'hi', previous_response_id: 'resp_123' } });
    expect(responses.status).toBe(400);
    const claudeTool = await api('/anthropic/v1/messages', { token: u.accessToken, body: { model: 'claude-haiku-4-5', max_tokens: 100, tools: [{ type: 'web_search_20250305', name: 'web_search' }], messages: [{ role: 'user', content: 'hi' }] } });
    expect(claudeTool.status).toBe(400);
    const marker = `cap-${crypto.randomUUID()}`;
    expect((await chat({ messages: [{ role: 'user', content: marker }] })).status).toBe(200);
    expect(JSON.parse((await fakeSaw(marker))!.bodyHead.replace(/\s+$/, '')).max_completion_tokens).toBe(4096);
    const withTool = await chat({ tools: [{ type: 'function', function: { name: 'save', parameters: { type: 'object' } } }] });
    expect(withTool.status).toBe(200);
  });
});
