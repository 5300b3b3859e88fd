/**
 * bench:pipeline — how well the engine overlaps work. A 30 s ad (5 scenes) runs against the
 * scripted fake provider with fixed latencies per call (real SQLite, real FFmpeg on tiny media).
 *
 *   ratio            = wall ÷ critical path, where the critical path is the longest dependency
 *                      chain of the steps' measured durations (provider latency + local work).
 *                      1.00 means nothing waited that did not have to. Target ≤ 1.05.
 *   sequential_ratio = wall ÷ the fully sequential plan (every step's measured duration summed).
 *   plan_ratio       = wall ÷ critical path of the fixed latencies alone (local work excluded).
 *
 * Then (issue 21) the same ads made sequentially and keyframe-anchored, interleaved, for 30 s and
 * 60 s, with the latencies scaled down (bench/keyframes-parallel.ts): the last line adds
 *   parallel_ratio        = keyframe-parallel wall ÷ sequential wall (30 s ad, median)
 *   continuity_parallel   = mean SSIM at the scene joins, keyframe-parallel (higher = more continuous)
 *   continuity_sequential = the same, sequential
 *   goal_generation       = keyframe-parallel generation wall (first keyframe → last scene accepted)
 *                           ÷ (keyframe stage + slowest scene), 30 s ad, median: the goal, ≤ 1.3
 *   goal_wall             = the same with the whole wall (timeline + export included)
 *   parallel_ratio_generation = keyframe-parallel ÷ sequential, generation walls
 *   scale                 = BENCH_SCALE, the factor the fakes' latencies are divided by (default 40)
 * (`--reps N`, default 3; `--only-30` skips the 60 s ad).
 *
 * `npm run bench:pipeline -- --offline` instead renders the example brief as a 30 s 1080p ad
 * with the offline family and prints wall time and CPU seconds (this process + FFmpeg children).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../src/backend/backend';
import type { ProviderFamily } from '../src/pipeline/providers/types';
import { loadBrief } from '../src/pipeline/brief';
import { ProgressTracker } from '../src/pipeline/engine/progress';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { makeSyntheticImage } from '../src/pipeline/ffmpeg/synthetic';
import { runToEnd } from '../src/pipeline/generate';
import { fakeFamily } from '../src/pipeline/providers/fake';
import { buildSteps } from '../src/pipeline/stages/pipeline';
import { planScenes } from '../src/pipeline/stages/plan';
import { writeFile } from 'node:fs/promises';
import { SCALE, keyframeBench } from './keyframes-parallel';

/** The backend every caller builds, over the bench's data folder, with extra families; nothing resumed on start. */
function openBackend(families: Record<string, ProviderFamily> = {}): Backend {
  return createBackend({ dataDir: process.env.ZAPCUT_DATA_DIR!, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false }, pipeline: { families } });
}

const latencyMs = { text: 400, image: 800, videoPerSecond: 250, videoFixed: 1500, speech: 500, music: 3000, sfx: 600 };

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-pipeline-'));
  process.env.ZAPCUT_DATA_DIR = path.join(dir, 'data');
  const { ffmpegPath } = resolveBinaries();
  await makeSyntheticImage(ffmpegPath, path.join(dir, 'p.png'), { color: '0x4A3121', width: 64, height: 96 });
  await writeFile(
    path.join(dir, 'brief.json'),
    JSON.stringify({
      brand: { name: 'Bench Co', description: 'Benchmarks.' },
      product: { name: 'Bench', description: 'A bench.', audience: 'engineers', benefit: 'numbers', images: ['p.png'] },
      lengthSeconds: 30,
    }),
  );
  const family = fakeFamily({ latencyMs }, { ffmpegPath });
  const backend = openBackend({ fake: family });
  const brief = await loadBrief(path.join(dir, 'brief.json'));
  const run = backend.runs.create(brief, { provider: 'fake', resolution: { width: 160, height: 90 } });

  const started = new Map<string, number>();
  const durations = new Map<string, number>();
  const t0 = performance.now();
  await runToEnd(backend.pipeline, run.id, {
    onEvent: (e) => {
      if (e.type !== 'step') return;
      if (e.status === 'started') started.set(e.stepId, performance.now());
      if (e.status === 'done') durations.set(e.stepId, (performance.now() - started.get(e.stepId)!) / 1000);
    },
  });
  const wall = (performance.now() - t0) / 1000;

  // Only the graph and expectations are read here (no step is run), so a partial env is enough.
  const env = { family, plan: planScenes(30), brief, resolution: { width: 160, height: 90 } } as unknown as Parameters<typeof buildSteps>[0];
  const planned = buildSteps(env).map((s) => ({ id: s.id, deps: s.deps, expectedSeconds: s.expectedSeconds }));
  const measured = planned.map((s) => ({ ...s, expectedSeconds: durations.get(s.id) ?? 0 }));
  const critical = ProgressTracker.criticalPath(measured);
  const sequential = ProgressTracker.sequential(measured);
  const planCritical = ProgressTracker.criticalPath(planned);

  for (const s of measured) console.log(`  ${s.id.padEnd(12)} ${s.expectedSeconds.toFixed(2)} s (latency plan ${planned.find((p) => p.id === s.id)!.expectedSeconds.toFixed(2)} s)`);
  console.log(`wall ${wall.toFixed(2)} s, critical path ${critical.toFixed(2)} s (plan latencies alone ${planCritical.toFixed(2)} s), sequential ${sequential.toFixed(2)} s`);
  console.log(`plan_ratio=${(wall / planCritical).toFixed(3)}`);
  backend.close();
  await rm(dir, { recursive: true, force: true });
  // Issue 21: sequential vs keyframe-anchored scenes, side by side (bench/keyframes-parallel.ts).
  const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 3;
  const kf = await keyframeBench(resolveBinaries(), reps, process.argv.includes('--only-30') ? [30] : [30, 60]);
  console.log(
    `bench:pipeline ratio=${(wall / critical).toFixed(3)} sequential_ratio=${(wall / sequential).toFixed(3)} parallel_ratio=${kf.parallelRatio.toFixed(3)} continuity_parallel=${kf.continuityParallel.toFixed(3)} continuity_sequential=${kf.continuitySequential.toFixed(3)} goal_generation=${kf.goalGeneration.toFixed(3)} goal_wall=${kf.goalWall.toFixed(3)} parallel_ratio_generation=${kf.parallelRatioGeneration.toFixed(3)} scale=${SCALE}`,
  );
}

/** CPU seconds used so far by this process and its reaped children (Linux /proc; else self only). */
async function cpuSeconds(): Promise<number> {
  const self = process.cpuUsage();
  let children = 0;
  try {
    const { readFile: rf } = await import('node:fs/promises');
    const fields = (await rf('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ = 100)
  } catch {
    /* not Linux */
  }
  return (self.user + self.system) / 1e6 + children;
}

async function offline(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-offline-'));
  process.env.ZAPCUT_DATA_DIR = path.join(dir, 'data');
  const backend = openBackend();
  const brief = await loadBrief(path.resolve('resources/briefs/example.json'), { lengthSeconds: 30, aspect: '16:9' });
  const run = backend.runs.create(brief, { provider: 'offline' });
  const cpu0 = await cpuSeconds();
  const t0 = performance.now();
  const r = await runToEnd(backend.pipeline, run.id);
  const wall = (performance.now() - t0) / 1000;
  const cpu = (await cpuSeconds()) - cpu0;
  backend.close();
  await rm(dir, { recursive: true, force: true });
  console.log(`offline 30 s 1080p ad: ${(r.export.durationMs / 1000).toFixed(1)} s, ${(r.export.bytes / 1e6).toFixed(1)} MB`);
  console.log(`bench:pipeline offline_1080p_30s wall=${wall.toFixed(1)}s cpu=${cpu.toFixed(1)}s`);
}

void (process.argv.includes('--offline') ? offline() : main());
