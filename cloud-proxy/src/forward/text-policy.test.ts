import { describe, expect, it } from 'vitest';
import { ProxyError } from '../http/errors';
import { IMAGE_TOKENS, MAX_JSON_DEPTH, TEXT_TIER_LIMITS, admitText } from './text-policy';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ProxyError ? `${e.status} ${e.code}` : String(e);
  }
  return 'admitted';
};

describe('text policy', () => {
  it('holds at least the request bytes plus the whole output, per choice', () => {
    const body = { model: 'gpt-4.1-mini', n: 1, max_completion_tokens: 1000, messages: [{ role: 'user', content: '日本語のテキスト'.repeat(100) }] };
    const bytes = new TextEncoder().encode(JSON.stringify(body)).byteLength;
    expect(admitText('openai:chat', body, 'free').estimate).toBe(bytes + 1000);
    const two = { ...body, n: 2 };
    expect(admitText('openai:chat', two, 'pro').estimate).toBeGreaterThanOrEqual(2000);
  });

  it('counts an image by a fixed amount, not its base64 bytes, and sends OpenAI images at low detail', () => {
    const data = `data:image/jpeg;base64,${'A'.repeat(40_000)}`;
    const chat = { model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: data, detail: 'high' } }] }] };
    const { estimate } = admitText('openai:chat', chat, 'free');
    expect(estimate).toBeLessThan(IMAGE_TOKENS.openai + 400);
    expect(estimate).toBeGreaterThan(IMAGE_TOKENS.openai);
    expect(chat.messages[0]!.content[0]!.image_url.detail).toBe('low');
    expect(chat.messages[0]!.content[0]!.image_url.url).toBe(data);
    const claude = { model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'A'.repeat(40_000) } }] }] };
    expect(admitText('anthropic:messages', claude, 'free').estimate).toBeLessThan(IMAGE_TOKENS.anthropic + 400);
  });

  it('sets the tier’s output cap when none is given (OpenAI) and requires one for Anthropic', () => {
    const chat: Record<string, unknown> = { model: 'gpt-4.1-mini', messages: [] };
    admitText('openai:chat', chat, 'starter');
    expect(chat.max_completion_tokens).toBe(TEXT_TIER_LIMITS.starter.maxOutputTokens);
    const resp: Record<string, unknown> = { model: 'gpt-4.1-mini', input: 'hi' };
    admitText('openai:responses', resp, 'free');
    expect(resp.max_output_tokens).toBe(4096);
    expect(refusal(() => admitText('anthropic:messages', { model: 'claude-haiku-4-5', messages: [] }, 'free'))).toBe('400 VALIDATION');
  });

  it('dated snapshots of listed models pass; unlisted names and look-alikes do not', () => {
    expect(refusal(() => admitText('openai:chat', { model: 'gpt-4.1-mini-2025-04-14', messages: [] }, 'free'))).toBe('admitted');
    expect(refusal(() => admitText('anthropic:messages', { model: 'claude-haiku-4-5-20251001', max_tokens: 5, messages: [] }, 'free'))).toBe('admitted');
    for (const model of ['gpt-4.1-mini-high', 'gpt-4.1-mini-2025', 'o3-pro', 'claude-opus-4-1', 'constructor', '__proto__', 'toString']) {
      expect(refusal(() => admitText('openai:chat', { model, messages: [] }, 'agency')), model).toBe('403 MODEL_NOT_ALLOWED');
    }
  });

  it('refuses JSON nested deeper than the limit with 400 (not a crash)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refusal(() => admitText('openai:chat', { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: deep }] }, 'free'))).toBe('400 VALIDATION');
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH - 4; i++) ok = [ok];
    expect(refusal(() => admitText('openai:chat', { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: ok }] }, 'free'))).toBe('admitted');
  });
});
