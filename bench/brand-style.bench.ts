/**
 * bench:brand-style — the local cost of the brand style (issue 9) on a 1080p ad:
 *   select_s   picking the 10–15 training frames from a 30 s 1080p30 ad (decode + score + extract)
 *   train_s    the offline "training" (palette of the training images → grade)
 *   grade_s    grading a 5 s 1080p30 clip in a separate pass (how styled scenes used to be made)
 *   styled_scene_ratio  an offline 5 s 1080p scene rendered with the grade folded into its one
 *              encode ÷ the same scene without a style (the real extra cost per scene now)
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../src/pipeline/ffmpeg/run';
import { fmt, paired } from './support/paired';
import { offlineTraining } from '../src/pipeline/providers/offline/training';
import { selectTrainingFrames } from '../src/pipeline/style/frame-select';
import { gradeVideo } from '../src/pipeline/style/grade';
import { renderScene } from '../src/pipeline/providers/offline/scene-render';
import type { VideoRequest } from '../src/pipeline/providers/types';
import { TrainedStyle } from '../src/pipeline/style/trained-style';
import { readFile } from 'node:fs/promises';

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-style-'));
  const { ffmpegPath } = resolveBinaries();
  try {
    const ad = path.join(dir, 'ad.mp4');
    const scene = path.join(dir, 'scene.mp4');
    const enc = ['-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast'];
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30:d=30', ...enc], output: ad });
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'mandelbrot=s=1920x1080:r=30', '-t', '5', ...enc], output: scene });

    let t = performance.now();
    const frames = await selectTrainingFrames(ffmpegPath, ad, 30, dir);
    const selectS = (performance.now() - t) / 1000;

    t = performance.now();
    const trainer = offlineTraining(ffmpegPath);
    const req = { images: frames.map((f) => f.file), triggerWord: 'ZPCBENCH', palette: ['#1F8A70', '#BEDB39'] };
    const ctx = { signal: new AbortController().signal, workDir: dir, idempotencyKey: 'bench' };
    const job = await trainer.submit(req, ctx);
    const out = await trainer.wait(job.jobId, req, ctx);
    const style = TrainedStyle.parse(JSON.parse(await readFile(out.files[0]!, 'utf8')));
    const trainS = (performance.now() - t) / 1000;
    if (style.kind !== 'grade') throw new Error('offline training must produce a grade');

    t = performance.now();
    await gradeVideo(ffmpegPath, scene, path.join(dir, 'graded.mp4'), style.grade, { durationS: 5 });
    const gradeS = (performance.now() - t) / 1000;

    const product = path.join(dir, 'product.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=640x640', '-frames:v', '1'], output: product });
    const scene1080: VideoRequest = {
      prompt: 'bench',
      negativePrompt: '',
      startImage: product,
      durationSeconds: 5,
      aspect: '16:9',
      resolution: { width: 1920, height: 1080 },
      seed: 7,
      styleStrength: 0.8,
      style: { colors: ['#1F8A70', '#BEDB39', '#FFFFFF', '#1A1A1A'], lighting: 'soft light', camera: 'push-in', motion: 'slow', energyLevel: 4 },
      scene: { index: 1, count: 3, title: 'Benchmark scene', role: 'setup', camera: 'push-in', productImages: [product], brandName: 'Bench', cta: '' },
    };
    const render = async (req: VideoRequest, name: string) => {
      const work = path.join(dir, name);
      await mkdir(work, { recursive: true });
      const t0 = performance.now();
      await renderScene(ffmpegPath, req, path.join(work, 'scene.mp4'), work);
      return (performance.now() - t0) / 1000;
    };
    // Plain (A) and styled (B) interleaved on a shared machine; the median of the pairwise ratios.
    const r = await paired(
      Number(process.env.BENCH_PAIRS ?? 3),
      (i) => render(scene1080, `plain-${i}`),
      (i) => render({ ...scene1080, brandStyle: style }, `styled-${i}`),
    );
    console.log(`styled ÷ plain scene: ${fmt(r)}`);

    console.log(
      JSON.stringify({
        bench: 'brand-style',
        frames: frames.length,
        select_s: +selectS.toFixed(2),
        train_s: +trainS.toFixed(2),
        grade_s: +gradeS.toFixed(2),
        scene_plain_s: +r.aMedianS.toFixed(2),
        scene_styled_s: +r.bMedianS.toFixed(2),
        styled_scene_ratio: +r.ratio.toFixed(3),
        styled_scene_ratio_spread: [+r.min.toFixed(3), +r.max.toFixed(3)],
        pairs: r.pairs,
        grade: style.grade,
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
