import { describe, expect, it } from 'vitest';
import { offlineVariantLines, writeVariantLines, type VariantLinesInput } from './lines';
import type { TextProvider } from '../providers/types';

const input: VariantLinesInput = {
  brand: 'Luna Coffee',
  product: 'Luna Cold Brew',
  benefit: 'calm, steady energy',
  audience: 'busy professionals',
  language: 'en',
  cta: { action: 'Order today', url: 'luna.coffee' },
  opening: { title: 'Calm, steady energy', line: 'Meet Luna Cold Brew, from Luna Coffee.', maxWords: 8 },
  closing: { line: 'Order today at luna.coffee.', maxWords: 6 },
  hooks: 2,
  ctas: 1,
};

const model = (answer: unknown): TextProvider & { calls: number } => ({
  model: 'test/model',
  calls: 0,
  async complete() {
    this.calls++;
    return { text: JSON.stringify(answer), costCents: 2 };
  },
});
const call = { signal: new AbortController().signal, workDir: '/tmp', idempotencyKey: 'r:variants' };

describe('variant lines', () => {
  it('the offline writer gives new hooks and CTAs within the word budget, never the ad’s own', () => {
    const lines = offlineVariantLines({ ...input, hooks: 3, ctas: 2 });
    expect(lines.hooks).toHaveLength(3);
    expect(lines.ctas).toHaveLength(2);
    for (const h of lines.hooks) {
      expect(h.line.split(/\s+/).length).toBeLessThanOrEqual(8);
      expect(h.title).not.toBe(input.opening.title);
    }
    expect(lines.ctas.map((c) => c.action)).not.toContain('Order today');
    expect(lines.ctas[0]!.line).toMatch(/luna\.coffee\.$/);
  });

  it('keeps the model’s safe, new, short lines; an unsafe, repeated or too long one is replaced by the offline writer’s and named', async () => {
    const text = model({
      hooks: [
        { title: 'Miracle cure', line: 'A miracle cure in a bottle.' },
        { title: 'Calm, steady energy', line: 'Again the same.' },
        { title: 'Mornings, sorted', line: 'Mornings, sorted: Luna Cold Brew.' },
      ],
      ctas: [{ action: 'Grab a bottle', line: 'Grab a bottle at luna.coffee, right now, today, before it is gone forever.' }],
    });
    const r = await writeVariantLines(text, input, call);
    expect(text.calls).toBe(1);
    expect(r.via).toBe('model');
    expect(r.hooks[0]).toEqual({ title: 'Mornings, sorted', line: 'Mornings, sorted: Luna Cold Brew.' });
    expect(r.hooks).toHaveLength(2);
    expect(r.hooks.map((h) => h.title)).not.toContain('Miracle cure');
    expect(r.ctas).toHaveLength(1);
    expect(r.ctas[0]!.action).not.toBe('Grab a bottle');
    expect(r.notes.join('\n')).toMatch(/"Miracle cure" was not used: it breaks the content rules/);
    expect(r.notes.join('\n')).toMatch(/"Calm, steady energy" was not used: it repeats/);
    expect(r.notes.join('\n')).toMatch(/"Grab a bottle" was not used: 13 words, its voice has time for 6/);
  });

  it('a malformed answer is repaired once, then the set fails with a clear error', async () => {
    const text = model({ hooks: 'nope' });
    await expect(writeVariantLines(text, input, call)).rejects.toThrow(/malformed JSON twice/);
    expect(text.calls).toBe(2);
  });
});

describe('offline hooks', () => {
  it('a long audience is not read out as a hook ("Made for you")', () => {
    const [first] = offlineVariantLines({ ...input, audience: 'busy professionals aged 25 to 40', hooks: 1 }).hooks;
    expect(first).toEqual({ title: 'Made for you', line: 'Made for you. This is Luna Cold Brew.' });
    expect(offlineVariantLines({ ...input, opening: { ...input.opening, maxWords: 10 }, hooks: 1 }).hooks[0]).toEqual({ title: 'For busy professionals', line: 'Made for busy professionals. This is Luna Cold Brew.' });
  });
});
