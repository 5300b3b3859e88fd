import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TextProvider, TextRequest } from '../providers/types';
import { checkJson, completeJson, extractJson } from './model-json';

const ctx = { signal: new AbortController().signal, workDir: '/tmp', idempotencyKey: 'k' };
const Shape = z.object({ n: z.number() });

describe('extractJson', () => {
  it('takes JSON out of fences and prose', () => {
    expect(extractJson('```json\n{"n":1}\n```')).toEqual({ n: 1 });
    expect(extractJson('Here you go: {"n": 2} — enjoy')).toEqual({ n: 2 });
    expect(() => extractJson('no json')).toThrow();
  });
  it('reports schema problems as text a model can act on', () => {
    const r = checkJson('{"n":"x"}', Shape);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toMatch(/n/);
  });
});

describe('completeJson', () => {
  const scripted = (answers: string[]): TextProvider & { requests: TextRequest[] } => {
    const requests: TextRequest[] = [];
    return { model: 'm', requests, complete: async (req) => (requests.push(req), { text: answers[requests.length - 1]!, costCents: 2 }) };
  };
  it('repairs once, telling the model what was wrong', async () => {
    const t = scripted(['{"n": oops', '{"n": 3}']);
    const r = await completeJson('bible', t, { task: 'bible', system: 's', user: 'u', input: {} }, Shape, ctx);
    expect(r).toEqual({ value: { n: 3 }, costCents: 4, repaired: true });
    expect(t.requests[1]!.repair?.previous).toBe('{"n": oops');
    expect(t.requests[1]!.repair?.problems).toMatch(/Not valid JSON/);
  });
  it('fails after a second bad answer without a third call', async () => {
    const t = scripted(['nope', '{"n":"still wrong"}', '{"n":1}']);
    await expect(completeJson('prompts', t, { task: 'prompts', system: 's', user: 'u', input: {} }, Shape, ctx)).rejects.toThrow(/Stage "prompts".*malformed JSON twice/);
    expect(t.requests).toHaveLength(2);
  });
});
