import { describe, expect, it } from 'vitest';
import { costMicros } from './costs';

describe('costMicros', () => {
  it('prices a call from the catalog: per second of video or music, per 1000 characters of speech', () => {
    expect(costMicros('kwaivgi/kling-v2.1', { seconds: 5 })).toEqual({ quantity: 5, unit: 'second', micros: 450_000 }); // 9 ¢/s
    expect(costMicros('meta/musicgen', { seconds: 30 })).toEqual({ quantity: 30, unit: 'second', micros: 300_000 });
    expect(costMicros('minimax/speech-02-turbo', { characters: 250 })).toEqual({ quantity: 0.25, unit: 'kchars', micros: 7_500 }); // 3 ¢ per 1000
  });

  it('an unknown model is unpriced, not guessed', () => {
    expect(costMicros('someone/else', { seconds: 5 })).toEqual({ quantity: 1, unit: 'unpriced', micros: 0 });
  });
});
