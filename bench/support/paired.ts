/**
 * Side-by-side timing for the benches: the two sides run interleaved (A B A B …) in one process,
 * so a machine that gets busier or quieter during the run affects both alike, and the result is
 * the median of the per-pair ratios B÷A with their spread (min, quartiles, max). One pair is
 * taken as a warm-up and dropped when there are more than two.
 */
export interface PairedResult {
  pairs: number;
  /** Median of the pairwise ratios b/a. */
  ratio: number;
  /** Spread of the pairwise ratios. */
  min: number;
  q1: number;
  q3: number;
  max: number;
  aMedianS: number;
  bMedianS: number;
}

const quantile = (sorted: number[], q: number) => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
};

/** Runs `a` and `b` alternately `pairs` times (each returns its own measured seconds). */
export async function paired(pairs: number, a: (i: number) => Promise<number>, b: (i: number) => Promise<number>, log: (line: string) => void = console.log): Promise<PairedResult> {
  const as: number[] = [];
  const bs: number[] = [];
  const total = pairs > 2 ? pairs + 1 : pairs;
  for (let i = 0; i < total; i++) {
    const sa = await a(i);
    const sb = await b(i);
    const warmup = total > pairs && i === 0;
    log(`  pair ${i + 1}/${total}${warmup ? ' (warm-up, dropped)' : ''}: A ${sa.toFixed(2)} s, B ${sb.toFixed(2)} s, B/A ${(sb / sa).toFixed(3)}`);
    if (warmup) continue;
    as.push(sa);
    bs.push(sb);
  }
  const ratios = as.map((x, i) => bs[i]! / x).sort((x, y) => x - y);
  const med = (xs: number[]) => quantile([...xs].sort((x, y) => x - y), 0.5);
  return {
    pairs: ratios.length,
    ratio: quantile(ratios, 0.5),
    min: ratios[0]!,
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    max: ratios[ratios.length - 1]!,
    aMedianS: med(as),
    bMedianS: med(bs),
  };
}

export const fmt = (r: PairedResult) => `median ${r.ratio.toFixed(3)} (pairs ${r.pairs}, min ${r.min.toFixed(3)}, q1 ${r.q1.toFixed(3)}, q3 ${r.q3.toFixed(3)}, max ${r.max.toFixed(3)})`;
