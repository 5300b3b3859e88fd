import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from './redact';

describe('redactText', () => {
  const cases: Array<[string, string, string]> = [
    ['Authorization header', 'GET /v1 Authorization: Bearer abc.def-123456789', 'abc.def-123456789'],
    ['JSON authorization', '{"authorization":"Basic dXNlcjpwYXNz"}', 'dXNlcjpwYXNz'],
    ['bare bearer', 'retrying with bearer 0123456789abcdef', '0123456789abcdef'],
    ['OpenAI key', 'invalid key sk-proj-AbCdEfGhIjKlMnOpQrStUv', 'sk-proj-AbCdEfGhIjKlMnOpQrStUv'],
    ['Anthropic key', 'x sk-ant-api03-aaaaaaaaaaaaaaaaaaaa y', 'sk-ant-api03-aaaaaaaaaaaaaaaaaaaa'],
    ['Replicate token', 'REPLICATE_API_TOKEN r8_0123456789abcdefABCDEF', 'r8_0123456789abcdefABCDEF'],
    ['JWT', 'session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXZhbHVl ok', 'eyJzdWIiOiJ1MSJ9'],
    ['query key', 'fetch https://api.example.com/x?model=a&key=SECRET123&b=2', 'SECRET123'],
    ['query access_token', 'https://h/p?access_token=tok-987654', 'tok-987654'],
    ['url password', 'proxy http://bob:hunter2@proxy.local:8080/', 'hunter2'],
    ['apiKey assignment', 'config apiKey="abcd1234efgh"', 'abcd1234efgh'],
    ['password json', '{"user":"a","password":"pa55word"}', 'pa55word'],
  ];
  for (const [name, input, secret] of cases) {
    it(`removes ${name}`, () => {
      const out = redactText(input);
      expect(out).not.toContain(secret);
      expect(out).toContain(REDACTED);
    });
  }

  it('leaves ordinary text alone', () => {
    const text = 'rendered scene 3 of 5 in 4.2 s (token count 1200) → /data/media/ab/abcdef.mp4';
    expect(redactText(text)).toBe(text);
  });

  it('keeps the surrounding structure readable', () => {
    expect(redactText('Authorization: Bearer abcdefghijk')).toBe(`Authorization: ${REDACTED}`);
    expect(redactText('https://u/p?a=1&token=xyz&b=2')).toBe(`https://u/p?a=1&token=${REDACTED}&b=2`);
  });
});

describe('redactValue', () => {
  it('replaces sensitive keys at any depth without mutating the input', () => {
    const input = { headers: { Authorization: 'Bearer x', 'x-api-key': 'k', accept: 'json' }, body: { sessionToken: 'abc', nested: [{ apiKey: 'z' }] } };
    const copy = structuredClone(input);
    const out = redactValue(input) as typeof input;
    expect(out.headers.Authorization).toBe(REDACTED);
    expect(out.headers['x-api-key']).toBe(REDACTED);
    expect(out.headers.accept).toBe('json');
    expect(out.body.sessionToken).toBe(REDACTED);
    expect(out.body.nested[0]!.apiKey).toBe(REDACTED);
    expect(input).toEqual(copy);
  });

  it('serialises errors with redacted message and stack, and survives cycles', () => {
    const err = Object.assign(new Error('upstream said: invalid sk-abcdefghijklmnopqrstuvwx'), { code: 'E_UP' });
    const cyclic: Record<string, unknown> = { err };
    cyclic.self = cyclic;
    const out = JSON.stringify(redactValue(cyclic));
    expect(out).not.toContain('sk-abcdefghijklmnopqrstuvwx');
    expect(out).toContain('E_UP');
    expect(out).toContain('[circular]');
    expect(out).toContain('"stack"');
  });
});
