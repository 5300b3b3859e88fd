/**
 * The product's lettering is told from its drawn lines before the close-up keeps it whole: a
 * label's border, however thick it samples, must not join the word under it to the product's shape.
 */
import { describe, expect, it } from 'vitest';
import { detailRegions, isLettering, withoutLines, type EdgeSteps } from './detail-regions';

const n = 96;
/** A grid of edge cells and their step directions from a painter: 'h' steps up/down only, 'v' left/right only, 'x' both. */
function grid(paint: (x: number, y: number) => 'h' | 'v' | 'x' | null): { edge: Uint8Array; steps: EdgeSteps } {
  const edge = new Uint8Array(n * n);
  const steps: EdgeSteps = { across: new Uint8Array(n * n), along: new Uint8Array(n * n) };
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const k = paint(x, y);
      if (!k) continue;
      const i = y * n + x;
      edge[i] = 1;
      steps.across[i] = k === 'v' || k === 'x' ? 1 : 0;
      steps.along[i] = k === 'h' || k === 'x' ? 1 : 0;
    }
  }
  return { edge, steps };
}

describe('withoutLines', () => {
  // As the README bottle samples: a label's border four cells thick (rows 40–43, across the
  // product), a word right under it (rows 44–52: letters 5 cells wide with a cell between), and
  // upright bands five cells thick at the bottle's sides (its highlight stripe) meeting the border.
  const word = (x: number, y: number) => y >= 44 && y < 53 && x >= 26 && x < 69 && (x - 26) % 6 !== 5;
  const paint = (x: number, y: number) => (y >= 40 && y < 44 && x >= 16 && x < 82 ? 'h' : word(x, y) ? 'x' : (x < 21 || x >= 77) && x >= 16 && x < 82 && y >= 20 && y < 90 ? 'v' : null);

  it('takes out a thick band that steps only one way, so the word under it is its own region and counts as lettering', () => {
    const { edge, steps } = grid(paint);
    const regions = detailRegions(withoutLines(edge, n, steps), n, steps);
    const letters = regions.filter((r) => isLettering(r, n));
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ x0: 26, x1: 69, y0: 44, y1: 53 });
  });

  it('without the step directions (the thin-line rule alone) the band stays and swallows the word', () => {
    const { edge, steps } = grid(paint);
    const regions = detailRegions(withoutLines(edge, n), n, steps);
    expect(regions.filter((r) => isLettering(r, n))).toEqual([]);
  });
});
