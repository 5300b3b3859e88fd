/**
 * bench:animatic — does the free animatic move and cut like a designed ad (issue 20)? Generates
 * briefs offline (default: coffee 30 s 16:9, serum 15 s 9:16, shoe 60 s 1:1) and reports per ad:
 * - the shot plan the scenes were rendered from (animatic/shots.ts, rebuilt from the run's own
 *   storyboard, fitted lengths and seed): shots, median shot length, shots per 30 s, when the
 *   product is first big (hero_by_s: the first pop/push/slide/macro frame, by its template);
 * - motion measured in the exported video (240 px wide, grey, frame-to-frame mean absolute
 *   difference, 0–255): the cuts seen (a jump over 6/255 and 3× the frames around it), the mean
 *   change outside cuts and wipes (2 frames either side of each planned cut left out), the share
 *   of whole seconds moving more than 0.5/255, and static shots (a planned shot whose inside
 *   moves less than 0.3/255 on average);
 * - render_ratio: rendering all of the ad's scenes (one FFmpeg process each, as the pipeline
 *   does) ÷ one plain encode of the ad's picture (decode the export, x264 ultrafast, same size),
 *   measured interleaved (A B A B …, bench/support/paired.ts; BENCH_PAIRS, default 3).
 *
 *   npm run bench:animatic [-- --scale 0.5] [--only example,serum-vertical] [--keep <dir>]
 *
 * - variety: per 10 s of the ad, the distinct templates and product compositions shown (large,
 *   centre, left, right, split-left/right, close; animatic/shots.ts shotVariety), from the plan.
 *
 * Ends with: bench:animatic ads=<n> median_shot_s=<> hero_by_s=<> static_shots=<n> render_ratio=<>
 * kinds_per_10s=<> places_per_10s=<> (median shot and render ratio: the median over the ads;
 * hero_by_s: the latest of the ads; the variety figures: the least varied ad's).
 * Goals (the issue): median shot ≤ 3 s, hero ≤ 2 s, 0 static shots, render ≤ 2× a plain encode.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../src/backend/backend';
import { loadBrief } from '../src/pipeline/brief';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../src/pipeline/ffmpeg/run';
import { defaultResolution, runToEnd } from '../src/pipeline/generate';
import { composition, heroFrame, shotVariety, visibleShots } from '../src/pipeline/animatic/shots';
import { renderScene } from '../src/pipeline/providers/offline/scene-render';
import type { VideoRequest } from '../src/pipeline/providers/types';
import { sceneDurations, type VoiceoverOutput } from '../src/pipeline/stages/audio';
import { adShotPlan } from '../src/pipeline/stages/scenes';
import type { Storyboard } from '../src/pipeline/stages/schemas';
import { fmt as fmtPaired, paired } from './support/paired';

const DEFAULT = ['example', 'serum-vertical', 'shoe-square'];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Frame-to-frame mean absolute difference (0–255) of every frame after the first. */
async function frameChanges(ffmpegPath: string, video: string, dir: string): Promise<number[]> {
  const out = path.join(dir, 'changes.txt');
  await runFfmpeg({ ffmpegPath, args: ['-i', video, '-an', '-vf', `scale=240:-2,format=gray,tblend=all_mode=difference,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=${out.replace(/\\/g, '/')}`, '-f', 'null', '-'], output: null });
  const values = (await readFile(out, 'utf8')).split('\n').flatMap((l) => (l.startsWith('lavfi.signalstats.YAVG=') ? [Number(l.split('=')[1])] : []));
  return values.slice(1); // tblend's first frame is the first frame itself
}

interface Row {
  name: string;
  shape: string;
  shots: number;
  medianShotS: number;
  shotsPer30: number;
  heroByS: number;
  cutsSeen: number;
  meanChange: number;
  movingShare: number;
  staticShots: string[];
  renderRatio: string;
  ratio: number;
  /** Mean distinct templates and product compositions per 10 s (animatic/shots.ts shotVariety). */
  kindsPer10: number;
  placesPer10: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.5' }, only: { type: 'string' }, keep: { type: 'string' } } });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const pairs = Math.max(1, Number(process.env.BENCH_PAIRS ?? '3'));
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : DEFAULT;
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-animatic-'));
  process.env.ZAPCUT_DATA_DIR = path.join(dir, 'data');
  const keep = values.keep ? path.resolve(values.keep) : null;
  if (keep) await mkdir(keep, { recursive: true });
  const { ffmpegPath } = resolveBinaries();
  const backend = createBackend({ dataDir: process.env.ZAPCUT_DATA_DIR!, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false } });
  const rows: Row[] = [];
  try {
    for (const name of names) {
      const brief = await loadBrief(path.resolve(import.meta.dirname, '../resources/briefs', `${name}.json`));
      const resolution = defaultResolution(brief.aspect, scale);
      const run = backend.runs.create(brief, { provider: 'offline', resolution });
      const result = await runToEnd(backend.pipeline, run.id);
      const steps = backend.pipeline.store.getSteps(run.id);
      const output = <T>(id: string) => steps.find((s) => s.stepId === id)!.output as T;
      const { storyboard } = output<{ storyboard: Storyboard }>('storyboard');
      const voice = output<VoiceoverOutput>('voiceover');
      const bible = output<{ bible: { colors: string[]; lighting: string; camera: string; motion: string; energyLevel: number } }>('bible').bible;
      const seed = (backend.pipeline.store.getRun(run.id)!.input as { seed: number }).seed;
      const durations = sceneDurations(storyboard, voice);
      const plan = adShotPlan(storyboard, durations, seed, brief.product.images.length);
      const seen = visibleShots(plan);
      const fps = plan.fps;

      // ---- motion, measured in the export
      const work = path.join(dir, name);
      await mkdir(work, { recursive: true });
      const changes = await frameChanges(ffmpegPath, result.exportPath, work);
      // changes[k] is the change into frame k+1.
      const cutSet = new Set<number>();
      for (const s of seen) for (let d = -2; d <= 2; d++) if (s.at > 0) cutSet.add(s.at - 1 + d);
      const inside = changes.filter((_, k) => !cutSet.has(k));
      const seconds = Math.floor(changes.length / fps);
      const perSecond = Array.from({ length: seconds }, (_, s) => mean(changes.slice(s * fps, (s + 1) * fps)));
      const cutsSeen = changes.filter((c, k) => c > 6 && c > 3 * Math.max(changes[k - 2] ?? 0, changes[k + 2] ?? 0)).length;
      const staticShots = seen.flatMap((s) => {
        const m = mean(changes.slice(s.at + 2, s.at + s.frames - 3));
        return m < 0.3 ? [`${s.kind}@${(s.at / fps).toFixed(1)}s (${m.toFixed(2)})`] : [];
      });

      // ---- render ÷ plain encode, interleaved: A = one plain encode of the ad's picture, B = all its scenes rendered
      const requests: VideoRequest[] = plan.scenes.map((s, i) => ({
        prompt: '',
        negativePrompt: '',
        startImage: brief.product.images[0]!,
        durationSeconds: s.frames / fps,
        aspect: brief.aspect,
        resolution,
        seed: seed + i + 1,
        styleStrength: 0.82,
        style: { colors: bible.colors, lighting: bible.lighting, camera: bible.camera, motion: bible.motion, energyLevel: bible.energyLevel },
        scene: { index: i + 1, count: plan.scenes.length, title: '', role: s.role, camera: '', productImages: brief.product.images, brandName: brief.brand.name, cta: brief.cta ?? '' },
        animatic: { shots: s.shots, wipeIn: s.wipeIn, wipeOut: s.wipeOut, lead: s.lead },
      }));
      const timed = async (fn: () => Promise<unknown>) => {
        const t0 = performance.now();
        await fn();
        return (performance.now() - t0) / 1000;
      };
      const r = await paired(
        pairs,
        () => timed(() => runFfmpeg({ ffmpegPath, args: ['-i', result.exportPath, '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p'], output: path.join(work, 'plain.mp4') })),
        () => timed(async () => {
          for (const [i, req] of requests.entries()) await renderScene(ffmpegPath, req, path.join(work, `scene-${i + 1}.mp4`), work);
        }),
        (l) => console.log(`${name}:${l}`),
      );

      const lengths = seen.map((s) => s.frames / fps);
      const row: Row = {
        name,
        shape: `${brief.lengthSeconds}s ${brief.aspect}`,
        shots: seen.length,
        medianShotS: median(lengths),
        shotsPer30: (seen.length * 30) / brief.lengthSeconds,
        heroByS: (heroFrame(plan) ?? Infinity) / fps,
        cutsSeen,
        meanChange: mean(inside),
        movingShare: perSecond.filter((v) => v > 0.5).length / Math.max(1, perSecond.length),
        staticShots,
        renderRatio: fmtPaired(r),
        ratio: r.ratio,
        kindsPer10: shotVariety(plan).kinds,
        placesPer10: shotVariety(plan).places,
      };
      rows.push(row);
      console.log(
        `${name.padEnd(16)} ${row.shape.padEnd(9)} ${row.shots} shots (${row.shotsPer30.toFixed(1)} per 30 s), median ${row.medianShotS.toFixed(2)} s, ${row.cutsSeen} cuts seen; hero by ${row.heroByS.toFixed(2)} s; ` +
          `change outside cuts ${row.meanChange.toFixed(2)}/255, ${(row.movingShare * 100).toFixed(0)} % of seconds moving > 0.5/255; static shots ${row.staticShots.length}${row.staticShots.length ? ` (${row.staticShots.join(', ')})` : ''}; ` +
          `render ÷ plain encode ${row.renderRatio} (scenes ${r.bMedianS.toFixed(1)} s, encode ${r.aMedianS.toFixed(1)} s); ` +
          `per 10 s: ${row.kindsPer10.toFixed(1)} templates, ${row.placesPer10.toFixed(1)} product compositions`,
      );
      // As planned (a close-up that would not read is drawn as another template: scene-render.ts).
      console.log(`    shots: ${seen.map((s) => `${s.kind}${s.kind === 'field' ? '' : `/${composition(s)}`} ${(s.frames / fps).toFixed(1)}`).join(' | ')}`);
      if (keep) {
        await copyFile(result.exportPath, path.join(keep, `${name}.mp4`));
        const tiles = Math.ceil(brief.lengthSeconds / 6);
        await runFfmpeg({ ffmpegPath, args: ['-i', result.exportPath, '-vf', `fps=1,scale=${brief.aspect === '16:9' ? 320 : brief.aspect === '1:1' ? 240 : 180}:-2,tile=6x${tiles}`, '-frames:v', '1'], output: path.join(keep, `${name}-sheet.png`) });
      }
    }
  } finally {
    backend.close();
    await rm(dir, { recursive: true, force: true });
  }
  const fixed = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : 'na');
  console.log(
    `bench:animatic ads=${rows.length} median_shot_s=${fixed(median(rows.map((r) => r.medianShotS)))} hero_by_s=${fixed(Math.max(...rows.map((r) => r.heroByS)))} ` +
      `static_shots=${rows.reduce((s, r) => s + r.staticShots.length, 0)} render_ratio=${fixed(median(rows.map((r) => r.ratio)), 3)} ` +
      `kinds_per_10s=${fixed(Math.min(...rows.map((r) => r.kindsPer10)), 1)} places_per_10s=${fixed(Math.min(...rows.map((r) => r.placesPer10)), 1)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
