/**
 * bench:brand-style — the local cost of the brand style (issue 9) on a 1080p ad:
 *   select_s   picking the 10–15 training frames from a 30 s 1080p30 ad (decode + score + extract)
 *   train_s    the offline "training" (palette of the training images → grade)
 *   grade_s    grading one 5 s 1080p30 scene (the extra work per scene once a style is approved)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../src/pipeline/ffmpeg/run';
import { offlineTraining } from '../src/pipeline/providers/offline/training';
import { selectTrainingFrames } from '../src/pipeline/style/frame-select';
import { gradeVideo } from '../src/pipeline/style/grade';
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

    console.log(JSON.stringify({ bench: 'brand-style', frames: frames.length, select_s: +selectS.toFixed(2), train_s: +trainS.toFixed(2), grade_s: +gradeS.toFixed(2), grade: style.grade }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
