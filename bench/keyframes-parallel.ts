/**
 * bench:pipeline, part 2 (issue 21): the same ad made sequentially (scene N from scene N−1's last
 * frame) and keyframe-anchored (every scene between its two keyframes, at once), side by side,
 * interleaved (seq, kf, seq, kf …), for a 30 s and a 60 s ad, against the scripted fake family
 * with the issue's latencies scaled down by SCALE: image 8 s, video 60–120 s per scene (60 s + up
 * to 60 s of jitter, fixed per request), speech 6 s, music 30 s, text 2 s.
 *
 * Continuity at a join = SSIM (quality/scene-gate `ssimOf`) between the last frame the viewer sees
 * of scene N (its trim point) and the first frame of scene N+1; higher is more continuous. The
 * fake's clips really start on their first frame and end on their last (a crossfade between them).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../src/backend/backend';
import { loadBrief } from '../src/pipeline/brief';
import { runFfmpeg } from '../src/pipeline/ffmpeg/run';
import { makeSyntheticImage } from '../src/pipeline/ffmpeg/synthetic';
import { runToEnd } from '../src/pipeline/generate';
import { fakeFamily, type FakeScript } from '../src/pipeline/providers/fake';
import { ssimOf } from '../src/pipeline/quality/scene-gate';
import type { SceneOutput } from '../src/pipeline/stages/scenes';

/** Real seconds → bench milliseconds: 1000 / SCALE ms per real second. */
export const SCALE = 40;
const ms = (realSeconds: number) => (realSeconds * 1000) / SCALE;
const LATENCY: FakeScript['latencyMs'] = { text: ms(2), image: ms(8), videoPerSecond: 0, videoFixed: ms(60), speech: ms(6), music: ms(30), sfx: ms(1) };

interface Sample {
  wall: number;
  keyframes: number;
  slowestScene: number;
  continuity: number;
  /** Seconds from the start to the first keyframe (bible, storyboard, safety, prompts, style frames: fake calls, scaled). */
  before: number;
  /** Seconds from the last scene to the end (timeline and export: local FFmpeg work, not scaled). */
  after: number;
}

async function oneRun(dir: string, ffmpegPath: string, ffprobePath: string, lengthSeconds: 30 | 60, anchored: boolean, rep: number): Promise<Sample> {
  const dataDir = path.join(dir, `data-${lengthSeconds}-${anchored ? 'kf' : 'seq'}-${rep}`);
  const family = fakeFamily({ latencyMs: LATENCY, videoJitterMs: ms(60), submitMs: 5, lastFrame: anchored }, { ffmpegPath });
  const backend = createBackend({ dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false }, pipeline: { families: { fake: family } } });
  try {
    const brief = await loadBrief(path.join(dir, `brief-${lengthSeconds}.json`));
    const run = backend.runs.create(brief, { provider: 'fake', resolution: { width: 160, height: 90 } });
    const started = new Map<string, number>();
    const took = new Map<string, number>();
    const finished = new Map<string, number>();
    const t0 = performance.now();
    await runToEnd(backend.pipeline, run.id, {
      onEvent: (e) => {
        if (e.type !== 'step') return;
        if (e.status === 'started') started.set(e.stepId, performance.now());
        if (e.status === 'done') {
          took.set(e.stepId, performance.now() - started.get(e.stepId)!);
          finished.set(e.stepId, performance.now());
        }
      },
    });
    const t1 = performance.now();
    const wall = (t1 - t0) / 1000;
    const steps = backend.pipeline.store.getSteps(run.id);
    const keyIds = [...took.keys()].filter((k) => k.startsWith('keyframe:'));
    const sceneIds = [...took.keys()].filter((k) => k.startsWith('scene:'));
    const scenes = steps.filter((s) => s.stepId.startsWith('scene:')).map((s) => s.output as SceneOutput).sort((a, b) => a.index - b.index);
    const scores: number[] = [];
    for (let i = 0; i + 1 < scenes.length; i++) {
      const a = scenes[i]!;
      const b = scenes[i + 1]!;
      const clipA = (await backend.pipeline.media.resolve(a.media))!.path;
      const clipB = (await backend.pipeline.media.resolve(b.media))!.path;
      const endA = path.join(dataDir, `join-${i}-a.png`);
      const startB = path.join(dataDir, `join-${i}-b.png`);
      await runFfmpeg({ ffmpegPath, args: ['-ss', Math.max(0, a.usedSeconds - 0.05).toFixed(3), '-i', clipA, '-frames:v', '1', '-c:v', 'png'], output: endA });
      await runFfmpeg({ ffmpegPath, args: ['-i', clipB, '-frames:v', '1', '-c:v', 'png'], output: startB });
      scores.push(await ssimOf(ffmpegPath, endA, startB, { width: 160, height: 90 }));
    }
    void ffprobePath;
    return {
      wall,
      keyframes: keyIds.reduce((s, k) => s + took.get(k)!, 0) / 1000,
      slowestScene: Math.max(...sceneIds.map((k) => took.get(k)!)) / 1000,
      continuity: scores.reduce((s, x) => s + x, 0) / Math.max(1, scores.length),
      before: (Math.min(...keyIds.map((k) => started.get(k)!)) - t0) / 1000,
      after: (t1 - Math.max(...sceneIds.map((k) => finished.get(k)!))) / 1000,
    };
  } finally {
    backend.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

/** Runs both modes interleaved; returns the 30 s figures for the machine-readable line. */
export async function keyframeBench(bins: { ffmpegPath: string; ffprobePath: string }, reps: number): Promise<{ parallelRatio: number; continuityParallel: number; continuitySequential: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-keyframes-'));
  try {
    await makeSyntheticImage(bins.ffmpegPath, path.join(dir, 'p.png'), { color: '0x4A3121', width: 64, height: 96 });
    for (const len of [30, 60] as const) {
      await writeFile(path.join(dir, `brief-${len}.json`), JSON.stringify({ brand: { name: 'Bench Co', description: 'Benchmarks.' }, product: { name: 'Bench', description: 'A bench.', audience: 'engineers', benefit: 'numbers', images: ['p.png'] }, lengthSeconds: len }));
    }
    console.log(`keyframes vs sequential (fake latencies ÷ ${SCALE}: image 8 s, video 60–120 s, speech 6 s, music 30 s → ${ms(8)} ms, ${ms(60)}–${ms(120)} ms, …); ${reps} interleaved runs each`);
    let out = { parallelRatio: 0, continuityParallel: 0, continuitySequential: 0 };
    for (const len of [30, 60] as const) {
      const seq: Sample[] = [];
      const kf: Sample[] = [];
      for (let r = 0; r < reps; r++) {
        seq.push(await oneRun(dir, bins.ffmpegPath, bins.ffprobePath, len, false, r));
        kf.push(await oneRun(dir, bins.ffmpegPath, bins.ffprobePath, len, true, r));
      }
      const ratios = kf.map((k, i) => k.wall / seq[i]!.wall);
      const goal = kf.map((k) => k.wall / (k.keyframes + k.slowestScene));
      console.log(`  ${len} s ad: sequential wall ${spread(seq.map((s) => s.wall))} s, keyframe-parallel wall ${spread(kf.map((s) => s.wall))} s (bench seconds; ×${SCALE} for real)`);
      console.log(`         parallel ÷ sequential ${spread(ratios)}; parallel wall ÷ (keyframe stage + slowest scene) ${spread(goal)} (goal ≤ 1.3)`);
      // Where the rest of the wall goes: before the keyframes (fake calls, scaled like the scenes) and after
      // the last scene (timeline + export: real local FFmpeg work that the scale does not shrink).
      console.log(`         keyframe-parallel: before the keyframes ${spread(kf.map((s) => s.before))} s, keyframe stage ${spread(kf.map((s) => s.keyframes))} s, slowest scene ${spread(kf.map((s) => s.slowestScene))} s, after the last scene ${spread(kf.map((s) => s.after))} s`);
      console.log(`         continuity at the joins (mean SSIM): parallel ${spread(kf.map((s) => s.continuity))}, sequential ${spread(seq.map((s) => s.continuity))}`);
      if (len === 30) out = { parallelRatio: median(ratios), continuityParallel: median(kf.map((s) => s.continuity)), continuitySequential: median(seq.map((s) => s.continuity)) };
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
