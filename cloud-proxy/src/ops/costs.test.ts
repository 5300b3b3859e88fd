import { describe, expect, it } from 'vitest';
import { costMicros } from './costs';
import { TEXT_PRICES } from './prices';
import { TEXT_MODELS } from '../forward/text-policy';

describe('costMicros', () => {
  it('prices a call from the catalog: per second of video or music, per 1000 characters of speech', () => {
    expect(costMicros('kwaivgi/kling-v2.1', { seconds: 5 })).toEqual({ quantity: 5, unit: 'second', micros: 450_000 }); // 9 ¢/s
    expect(costMicros('meta/musicgen', { seconds: 30 })).toEqual({ quantity: 30, unit: 'second', micros: 300_000 });
    expect(costMicros('minimax/speech-02-turbo', { characters: 250 })).toEqual({ quantity: 0.25, unit: 'kchars', micros: 7_500 }); // 3 ¢ per 1000
  });

  it('an unknown model is unpriced, not guessed', () => {
    expect(costMicros('someone/else', { seconds: 5 })).toEqual({ quantity: 1, unit: 'unpriced', micros: 0 });
  });

  it('prices a text call per input and output token; a dated snapshot as its model', () => {
    // Claude Haiku 4.5: $1 / $5 per million tokens.
    expect(costMicros('anthropic/claude-haiku-4-5', { tokens: { input: 100_000, output: 2_000 } })).toEqual({ quantity: 102_000, unit: 'tokens', micros: 110_000 });
    expect(costMicros('openai/gpt-4.1-mini-2025-04-14', { tokens: { input: 1_000, output: 1_000 } })).toEqual({ quantity: 2_000, unit: 'tokens', micros: 2_000 });
    expect(costMicros('openai/o1-pro', { tokens: { input: 10, output: 10 } })).toEqual({ quantity: 20, unit: 'unpriced', micros: 0 });
  });

  it('every text model the proxy forwards has a price', () => {
    const allowed = Object.entries(TEXT_MODELS).flatMap(([provider, models]) => Object.keys(models).map((m) => `${provider}/${m}`));
    expect(allowed.filter((m) => !Object.hasOwn(TEXT_PRICES, m))).toEqual([]);
  });
});
