/**
 * How many ads a batch should make at once, measured (not asserted): `npm run bench:batch`.
 * The same batch of offline ads (BENCH_ROWS rows, default 4; 15 s; BENCH_SHORT_SIDE, default 540
 * — the `--draft` size) is made at concurrency 1 (A) and at BENCH_CONCURRENCY (B, default 2),
 * interleaved A B A B … (BENCH_PAIRS, default 3 after a dropped warm-up pair), each in a fresh
 * data folder, through the same service `zapcut batch` uses. The ratio is B's wall time ÷ A's
 * (below 1: running ads side by side pays). `zapcut batch`'s default is max(1, floor(cores / 2)).
 * Last line is machine-readable.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../src/backend/backend';
import { defaultConcurrency } from '../src/backend/services/batch/queue';
import { readBatchFile } from '../src/pipeline/batch-file';
import { writeBrief } from '../test/integration/pipeline-fixtures';
import { fmt, paired } from './support/paired';

const ROWS = Math.max(1, Number(process.env.BENCH_ROWS ?? '4'));
const SHORT_SIDE = Number(process.env.BENCH_SHORT_SIDE ?? '540');
const B_CONCURRENCY = Math.max(2, Number(process.env.BENCH_CONCURRENCY ?? '2'));
const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS ?? '3'));

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-batch-'));
  // The machine's own voice is left out: it is the same work either way and not what is measured.
  process.env.ZAPCUT_OFFLINE_VOICE = 'none';
  const base = JSON.parse(await readFile(await writeBrief(dir), 'utf8')) as { product: Record<string, unknown> };
  const file = path.join(dir, 'ads.jsonl');
  await writeFile(file, Array.from({ length: ROWS }, (_, i) => JSON.stringify({ ...base, product: { ...base.product, name: `Luna Brew ${i + 1}` }, lengthSeconds: 15 })).join('\n'));
  const batch = await readBatchFile(file);

  const makeBatch = async (concurrency: number, trial: number): Promise<number> => {
    const dataDir = path.join(dir, `data-${concurrency}-${trial}`);
    const backend = createBackend({ dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false, posts: false } });
    try {
      await mkdir(path.join(dataDir, 'out'), { recursive: true });
      const plan = await backend.batches.open(batch, path.join(dataDir, 'out'), { provider: 'offline', shortSide: SHORT_SIDE });
      const t0 = performance.now();
      const summary = await backend.batches.run(plan, { concurrency, deliver: (r, out) => copyFile(r.exportPath, out) });
      const s = (performance.now() - t0) / 1000;
      const failed = summary.rows.filter((r) => r.status !== 'done');
      if (failed.length) throw new Error(`row ${failed[0]!.row} ${failed[0]!.status}: ${failed[0]!.error}`);
      return s;
    } finally {
      backend.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  };

  console.log(`bench:batch — ${ROWS} offline 15 s ads at short side ${SHORT_SIDE}; A = concurrency 1, B = concurrency ${B_CONCURRENCY}; ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
  const r = await paired(
    PAIRS,
    (i) => makeBatch(1, i),
    (i) => makeBatch(B_CONCURRENCY, i),
  );
  console.log(`  A (1 at a time): median ${r.aMedianS.toFixed(1)} s (${(r.aMedianS / ROWS).toFixed(1)} s per ad); B (${B_CONCURRENCY} at a time): median ${r.bMedianS.toFixed(1)} s (${(r.bMedianS / ROWS).toFixed(1)} s per ad)`);
  console.log(`  B ÷ A wall: ${fmt(r)}; zapcut batch's default here: ${defaultConcurrency()}`);
  await rm(dir, { recursive: true, force: true });
  console.log(`bench:batch rows=${ROWS} cores=${availableParallelism()} concurrency_b=${B_CONCURRENCY} a_s=${r.aMedianS.toFixed(2)} b_s=${r.bMedianS.toFixed(2)} ratio=${r.ratio.toFixed(3)} default=${defaultConcurrency()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
