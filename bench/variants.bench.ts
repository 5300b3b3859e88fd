/**
 * One paid shoot, many ads (issue 23), measured: `npm run bench:variants`. One 30 s offline ad
 * (16:9, BENCH_SCALE of 1080p, default 0.5) is made once; then a 3 hooks × 2 CTAs × 2 aspects set
 * (12 variants) through the service `zapcut variants` uses. Printed: the set's wall time, each
 * variant's time, the provider calls the set made by capability (scene = video + picture jobs;
 * paid = every job a paid family would bill: voice, video, picture, music), and the time of one
 * variant's render (B: the same exportTimeline call the set makes, on the hookB-cta2 16:9
 * timeline) ÷ one plain libx264 encode of the same length and size (A: the ad's own picture,
 * veryfast CRF 23 as the timeline asks), interleaved A B A B … (BENCH_PAIRS, default 3 after a
 * dropped warm-up pair), median and spread. Last line is machine-readable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../src/backend/backend';
import { closeDatabase, openDatabase } from '../src/backend/storage/database';
import { currentTimelineId, timelineJson } from '../src/backend/storage/repos/timelines';
import { loadBrief } from '../src/pipeline/brief';
import { exportTimeline } from '../src/pipeline/compose/export';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { probeMedia } from '../src/pipeline/ffmpeg/probe';
import { runFfmpeg } from '../src/pipeline/ffmpeg/run';
import { defaultResolution } from '../src/pipeline/generate';
import { offlineFamily } from '../src/pipeline/providers/offline';
import type { JobProvider, ProviderFamily } from '../src/pipeline/providers/types';
import { writeBrief } from '../test/integration/pipeline-fixtures';
import { fmt, paired } from './support/paired';

const SCALE = Number(process.env.BENCH_SCALE ?? '0.5');
const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS ?? '3'));

/**
 * The offline family with every job and text call counted by capability; the brand-style preview
 * the finished ad starts in the background is counted apart (its key names it).
 */
function counted(family: ProviderFamily, calls: Record<string, number>): ProviderFamily {
  const tally = (name: string, key: string) => {
    // Only the brand-style preview is set apart (by its key); any other call — a scene made by mistake — counts against the set.
    const k = key.includes(':style-preview-') ? `other.${name}` : name;
    calls[k] = (calls[k] ?? 0) + 1;
  };
  const count = <R>(name: string, job: JobProvider<R>): JobProvider<R> => ({
    ...job,
    submit: (req, ctx) => {
      tally(name, ctx.idempotencyKey);
      return job.submit(req, ctx);
    },
  });
  return {
    ...family,
    name: family.name,
    text: {
      model: family.text.model,
      complete: (req, ctx) => {
        tally(`text.${req.task}`, ctx.idempotencyKey);
        return family.text.complete(req, ctx);
      },
    },
    image: count('image', family.image),
    video: count('video', family.video),
    speech: family.speech && count('speech', family.speech),
    music: count('music', family.music),
    sfx: count('sfx', family.sfx),
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-variants-'));
  const dataDir = path.join(dir, 'data');
  process.env.ZAPCUT_DATA_DIR = dataDir;
  process.env.ZAPCUT_RENDER_SCALE = String(SCALE);
  const bins = resolveBinaries();
  const calls: Record<string, number> = {};
  const backend = createBackend({ dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false }, pipeline: { families: { offline: counted(offlineFamily({ ffmpegPath: bins.ffmpegPath }), calls) } } });
  try {
    const brief = await loadBrief(await writeBrief(dir, { lengthSeconds: 30, cta: 'Order today at luna.coffee' }));
    const resolution = defaultResolution('16:9', SCALE);
    console.log(`bench:variants — one 30 s offline ad at ${resolution.width}×${resolution.height}, then 3 hooks × 2 CTAs × 2 aspects; ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
    const t0 = performance.now();
    const runId = backend.runs.create(brief, { provider: 'offline', resolution }).id;
    const outcome = await backend.runs.execute(runId);
    if (outcome.status !== 'succeeded') throw new Error(`the ad was not made: ${outcome.status}`);
    const adS = (performance.now() - t0) / 1000;
    const before = { ...calls };
    console.log(`  the ad: ${adS.toFixed(1)} s (calls: ${JSON.stringify(before)})`);

    const plan = await backend.variants.plan(runId, { hooks: 3, ctas: 2, aspects: ['16:9', '9:16'] });
    console.log(plan.quote.replace(/^/gm, '  '));
    const stamps: { name: string; at: number }[] = [];
    const s0 = performance.now();
    const set = await backend.variants.make(plan, { onProgress: (p) => p.phase === 'rendering' && stamps.push({ name: p.name ?? '', at: performance.now() }) });
    const setS = (performance.now() - s0) / 1000;
    const delta = Object.fromEntries(Object.keys({ ...calls, ...before }).map((k) => [k, (calls[k] ?? 0) - (before[k] ?? 0)]).filter(([, n]) => n !== 0));
    const sceneCalls = (delta.video ?? 0) + (delta.image ?? 0);
    const paidCalls = (delta.speech ?? 0) + (delta.video ?? 0) + (delta.image ?? 0) + (delta.music ?? 0);
    const per = stamps.map((s, i) => ({ name: s.name, s: (s.at - (i ? stamps[i - 1]!.at : s0)) / 1000 }));
    console.log(`  the set: ${set.variants.length} variants in ${setS.toFixed(1)} s (${(setS / set.variants.length).toFixed(1)} s per variant, writing and voicing included); calls made: ${JSON.stringify(delta)}`);
    for (const p of per) console.log(`    ${p.name.padEnd(40)} ${p.s.toFixed(1)} s`);

    // A: a plain encode of the ad's own picture (same length and size); B: one variant's export.
    const variant = set.variants.find((v) => v.hook === 'B' && v.cta === 2 && v.aspect === '16:9')!;
    const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
    const doc = JSON.parse(timelineJson(db, currentTimelineId(db, variant.projectId)!)!) as { media: Record<string, { sha256?: string }> };
    const adFile = (await backend.pipeline.media.resolve(set.variants[0]!.exportSha256))!.path;
    closeDatabase(db);
    const probe = await probeMedia(bins.ffprobePath, adFile);
    const timed = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return (performance.now() - t) / 1000;
    };
    const shortSide = Math.min(resolution.width, resolution.height);
    const r = await paired(
      PAIRS,
      () => timed(() => runFfmpeg({ ffmpegPath: bins.ffmpegPath, args: ['-i', adFile, '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'], output: path.join(dir, 'plain.mp4') })),
      () =>
        timed(() =>
          exportTimeline(doc, {
            out: path.join(dir, 'variant.mp4'),
            preset: '16:9',
            shortSide,
            thumbnail: false,
            ffmpegPath: bins.ffmpegPath,
            ffprobePath: bins.ffprobePath,
            textCacheDir: path.join(dir, 'text-cache'),
            metadata: { zapcut_variant: variant.id },
            resolveMedia: async (id) => (await backend.pipeline.media.resolve(doc.media[id]!.sha256!))!.path,
          }),
        ),
      (l) => console.log(`  ${l}`),
    );
    console.log(`  one variant's render (B, ${r.bMedianS.toFixed(1)} s) ÷ one plain encode of ${(probe.durationS ?? 0).toFixed(1)} s at ${resolution.width}×${resolution.height} (A, ${r.aMedianS.toFixed(1)} s): ${fmt(r)}`);
    const background = Object.entries(delta).filter(([k]) => k.startsWith('other.'));
    console.log(`  new scene calls ${sceneCalls}, new paid calls ${paidCalls} (voice lines ${delta.speech ?? 0}), text calls ${delta['text.variants'] ?? 0}${background.length ? `; meanwhile, not the set's: ${background.map(([k, n]) => `${k.slice(6)} ${n}`).join(', ')} (the brand-style preview the finished ad starts)` : ''}`);
    console.log(`bench:variants variants=${set.variants.length} new_scene_calls=${sceneCalls} new_paid_calls=${paidCalls} per_variant_ratio=${r.ratio.toFixed(3)} spread=${r.min.toFixed(3)}..${r.max.toFixed(3)} set_s=${setS.toFixed(1)} per_variant_s=${(setS / set.variants.length).toFixed(2)} scale=${SCALE}`);
  } finally {
    backend.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
