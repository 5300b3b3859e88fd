/**
 * Backend speed, measured (not asserted): `npm run bench:backend`.
 *  - dispatch round trips on a library of 50 brands × 4 images (brand/list, brand/get, brand/create)
 *  - product image import at typical and extreme sizes (probe + strict decode + thumbnail [+ working copy])
 *  - media requests (full file and 1 MiB ranges)
 * Prints a table and writes bench/results/backend.json. Uses a temp data folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../src/backend/backend';
import { makeImage } from '../src/backend/media-import/fixtures';
import type { Asset, Brand } from '../src/shared/domain';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zapcut-bench-'));
  const backend = createBackend({ dataDir: join(dir, 'data'), mediaBaseUrl: '/media/' });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await backend.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  const rows: { what: string; n: number; medianMs: number }[] = [];
  try {
    const src = join(dir, 'src');
    mkdirSync(src);
    const small = [0, 1, 2, 3].map((i) => makeImage(join(src, `p${i}.png`), `color=c=0x${(i * 40).toString(16).padStart(2, '0')}3366:s=64x64`));

    const creates: number[] = [];
    let sample: Brand | undefined;
    for (let i = 0; i < 50; i++) {
      const [ms, b] = await time(() => call<Brand>('brand/create', { name: `Brand ${i} 🍋`, colors: ['#112233'] }));
      creates.push(ms);
      sample = b;
      await call('asset/import', { brandId: b.id, files: small.map((path) => ({ path })) });
    }
    rows.push({ what: 'brand/create', n: creates.length, medianMs: median(creates) });

    const lists: number[] = [];
    for (let i = 0; i < 30; i++) lists.push((await time(() => call<Brand[]>('brand/list', {})))[0]);
    rows.push({ what: 'brand/list (50 brands × 4 images)', n: lists.length, medianMs: median(lists) });
    const gets: number[] = [];
    for (let i = 0; i < 100; i++) gets.push((await time(() => call('brand/get', { id: sample!.id })))[0]);
    rows.push({ what: 'brand/get', n: gets.length, medianMs: median(gets) });

    const brand = await call<Brand>('brand/create', { name: 'Import bench' });
    const cases: [string, string, string[]][] = [
      ['import 1920×1080 JPEG', 'testsrc2=s=1920x1080', ['-q:v', '3']],
      ['import 4000×3000 JPEG (phone photo)', 'testsrc2=s=4000x3000', ['-q:v', '3']],
      ['import 6000×4000 JPEG (→ 4096 working copy)', 'testsrc2=s=6000x4000', ['-q:v', '3']],
      ['import 12000×12000 PNG (→ 4096 working copy)', 'color=c=0x3366cc:s=12000x12000', ['-pix_fmt', 'gray', '-compression_level', '1']],
    ];
    let photo: Asset | undefined;
    for (const [what, lavfi, extra] of cases) {
      const runs: number[] = [];
      const n = what.includes('12000') ? 1 : 3;
      for (let i = 0; i < n; i++) {
        // A fresh file each run (a different noise seed, like a camera's sensor noise) so nothing dedupes.
        const noise = extra.includes('gray') ? [] : ['-vf', `noise=alls=12:allf=u:all_seed=${i + 1}`];
        const file = makeImage(join(src, `case-${rows.length}-${i}${extra.includes('gray') ? '.png' : '.jpg'}`), lavfi, [...noise, ...extra]);
        const [ms, assets] = await time(() => call<Asset[]>('asset/import', { brandId: brand.id, files: [{ path: file }] }));
        runs.push(ms);
        if (what.includes('4000×3000')) photo ??= assets[0];
      }
      rows.push({ what, n, medianMs: median(runs) });
    }

    const full: number[] = [];
    const ranged: number[] = [];
    for (let i = 0; i < 50; i++) {
      full.push((await time(async () => (await backend.handleMediaRequest(new Request(`http://h${photo!.url}`))).arrayBuffer()))[0]);
      ranged.push((await time(async () => (await backend.handleMediaRequest(new Request(`http://h${photo!.url}`, { headers: { Range: 'bytes=0-1048575' } }))).arrayBuffer()))[0]);
    }
    rows.push({ what: `media GET full (${(photo!.bytes / 1024 / 1024).toFixed(1)} MiB)`, n: full.length, medianMs: median(full) });
    rows.push({ what: 'media GET Range 1 MiB (206)', n: ranged.length, medianMs: median(ranged) });
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.table(rows.map((r) => ({ ...r, medianMs: Number(r.medianMs.toFixed(2)) })));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/backend.json', JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
}

await main();
