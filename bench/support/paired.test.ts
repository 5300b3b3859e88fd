import { describe, expect, it } from 'vitest';
import { paired } from './paired';

describe('paired', () => {
  it('interleaves the sides, drops the warm-up pair and takes the median of the pairwise ratios', async () => {
    const order: string[] = [];
    const aS = [9, 1, 2, 4];
    const bS = [9, 2, 3, 2];
    const r = await paired(
      3,
      async (i) => (order.push(`A${i}`), aS[i]!),
      async (i) => (order.push(`B${i}`), bS[i]!),
      () => undefined,
    );
    expect(order).toEqual(['A0', 'B0', 'A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
    // pairs 1..3: 2/1, 3/2, 2/4 → sorted 0.5, 1.5, 2
    expect(r).toMatchObject({ pairs: 3, ratio: 1.5, min: 0.5, max: 2, aMedianS: 2, bMedianS: 2 });
  });
});
