/**
 * Composition speed, measured (not asserted): `npm run bench:compose`.
 * One-pass export of 5 scenes × 6 s at 1080p30 (1 s crossfades), two product overlays,
 * captions and three audio tracks (voice, music ducked, sfx) — timed against ONE plain libx264
 * encode of a same-length 1080p synthetic source with the same preset and CRF, in the same run.
 * The two run interleaved (A B A B …, BENCH_PAIRS pairs, default 3 after a warm-up pair) and the
 * ratio is the median of the pairwise ratios, with its spread. The target is ratio ≤ 1.2: the one-pass graph should cost little more than the encode itself
 * (the original design re-encoded three times). Peak RSS is the FFmpeg child's VmHWM.
 * Env: BENCH_SCENE_S (default 6) for a quicker smoke run. Last line is machine-readable.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTimeline } from '../src/pipeline/compose';
import { folderResolver } from '../src/pipeline/compose/testing';
import { resolveBinaries, runFfmpeg } from '../src/pipeline/ffmpeg';
import { makeSyntheticImage, makeSyntheticTone, makeSyntheticVideo } from '../src/pipeline/ffmpeg/synthetic';
import { fmt, paired } from './support/paired';
import { caption, compile, emptyTimeline, productOverlay, sequenceScenes, timelineLength } from '../src/shared/timeline';

const SCENES = 5;
const SCENE_S = Number(process.env.BENCH_SCENE_S ?? 6);
const FPS = 30;
const CRF = 23;
const PRESET = 'medium';

/**
 * Samples a child's peak resident set (VmHWM) and CPU time (utime+stime, all threads) from
 * /proc every 100 ms until it exits. Linux only (zeros elsewhere). CPU time is printed too:
 * on a shared, overloaded machine it is a steadier comparison than wall time.
 */
function watchProcess(): { onSpawn: (pid: number) => void; peakMb: () => number; cpuS: () => number } {
  let peakKb = 0;
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  const HZ = 100; // USER_HZ on Linux
  return {
    onSpawn(pid) {
      const sample = () => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          ticks = Math.max(ticks, Number(fields[11]) + Number(fields[12]));
        } catch {
          clearInterval(timer);
        }
      };
      sample();
      timer = setInterval(sample, 100);
    },
    peakMb: () => Math.round(peakKb / 1024),
    cpuS: () => {
      clearInterval(timer);
      return ticks / HZ;
    },
  };
}

async function main(): Promise<void> {
  const { ffmpegPath } = resolveBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'zapcut-bench-compose-'));
  try {
    const media = join(dir, 'media');
    mkdirSync(media);
    const tl = emptyTimeline({ fps: FPS, preset: '16:9' });
    tl.output.crf = CRF;
    tl.output.x264Preset = PRESET;
    tl.media = {
      product1: { kind: 'image', file: 'product1.png' },
      product2: { kind: 'image', file: 'product2.png' },
      voice: { kind: 'audio', file: 'voice.wav' },
      music: { kind: 'audio', file: 'music.wav' },
      sfx: { kind: 'audio', file: 'sfx.wav' },
    };
    const sceneF = SCENE_S * FPS;
    for (let i = 0; i < SCENES; i++) tl.media[`scene${i}`] = { kind: 'video', file: `scene${i}.mp4` };
    tl.main.clips = sequenceScenes(Array.from({ length: SCENES }, (_, i) => ({ id: `scene-${i}`, media: `scene${i}`, frames: sceneF })), { fps: FPS });
    const length = timelineLength(tl);
    tl.overlays[0]!.items.push(productOverlay({ id: 'p1', media: 'product1', start: Math.round(length * 0.2), fps: FPS }), productOverlay({ id: 'p2', media: 'product2', start: Math.round(length * 0.7), fps: FPS }));
    tl.main.clips.forEach((c, i) => tl.overlays[1]!.items.push(caption({ id: `cap-${i}`, text: `Scene ${i + 1}: the line the voice says, long enough to wrap onto two lines`, start: c.start + 10, durationFrames: sceneF - 40, fps: FPS })));
    const voiceF = Math.max(FPS / 2, sceneF - 2 * FPS);
    tl.audio[0]!.clips = tl.main.clips.map((c, i) => ({ id: `vo-${i}`, media: 'voice', start: c.start + 15, in: c.start, out: c.start + voiceF, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 }));
    tl.audio[1]!.clips = [{ id: 'music-1', media: 'music', start: 0, in: 0, out: length, gain: 1, fadeInFrames: FPS, fadeOutFrames: FPS }];
    tl.audio[2]!.clips = [0.3, 0.6].map((f, i) => ({ id: `sfx-${i}`, media: 'sfx', start: Math.round(length * f), in: 0, out: FPS, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 }));
    const lengthS = length / FPS;
    compile(tl); // fail fast on a bad bench timeline, before minutes of input generation

    console.log(`generating inputs in ${dir} …`);
    const hues = ['testsrc2', 'testsrc2', 'testsrc2', 'testsrc2', 'testsrc2'];
    for (let i = 0; i < SCENES; i++) {
      await makeSyntheticVideo(ffmpegPath, join(media, `scene${i}.mp4`), { color: hues[i]!, width: 1920, height: 1080, fps: FPS, durationS: SCENE_S, codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p'] });
    }
    await makeSyntheticImage(ffmpegPath, join(media, 'product1.png'), { color: 'orange', width: 1200, height: 1200, alpha: 0.9 });
    await makeSyntheticImage(ffmpegPath, join(media, 'product2.png'), { color: 'white', width: 1600, height: 900 });
    const total = lengthS + 1;
    await makeSyntheticTone(ffmpegPath, join(media, 'voice.wav'), { hz: 440, durationS: total, amplitude: 0.4 });
    await makeSyntheticTone(ffmpegPath, join(media, 'music.wav'), { hz: 220, durationS: total, amplitude: 0.5 });
    await makeSyntheticTone(ffmpegPath, join(media, 'sfx.wav'), { hz: 880, durationS: 1, amplitude: 0.6 });


    // Same-length plain source (not timed), then the timed pairs.
    await makeSyntheticVideo(ffmpegPath, join(media, 'plain-src.mp4'), { color: 'testsrc2', width: 1920, height: 1080, fps: FPS, durationS: lengthS, codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p'] });

    const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
    console.log(`one-pass export (B) of ${SCENES} scenes × ${SCENE_S} s → ${lengthS} s at 1080p${FPS} against a plain libx264 encode (A) of the same length, ${PRESET} CRF ${CRF}, interleaved A B A B …`);
    const last = { onePassCpuS: 0, plainCpuS: 0, peakRssMb: 0, plainPeakMb: 0 };
    const r = await paired(
      PAIRS,
      async () => {
        const plain = watchProcess();
        const t0 = performance.now();
        await runFfmpeg({ ffmpegPath, onSpawn: plain.onSpawn, args: ['-i', join(media, 'plain-src.mp4'), '-an', '-c:v', 'libx264', '-preset', PRESET, '-crf', String(CRF), '-pix_fmt', 'yuv420p', '-movflags', '+faststart'], output: join(dir, 'plain.mp4') });
        const s = (performance.now() - t0) / 1000;
        last.plainCpuS = plain.cpuS();
        last.plainPeakMb = plain.peakMb();
        return s;
      },
      async () => {
        const onePass = watchProcess();
        const t0 = performance.now();
        await exportTimeline(tl, { resolveMedia: folderResolver(media), out: join(dir, 'one-pass.mp4'), thumbnail: false, onSpawn: onePass.onSpawn });
        const s = (performance.now() - t0) / 1000;
        last.onePassCpuS = onePass.cpuS();
        last.peakRssMb = Math.max(last.peakRssMb, onePass.peakMb());
        return s;
      },
    );
    const result = { ratio: Number(r.ratio.toFixed(3)), ratio_min: Number(r.min.toFixed(3)), ratio_q1: Number(r.q1.toFixed(3)), ratio_q3: Number(r.q3.toFixed(3)), ratio_max: Number(r.max.toFixed(3)), pairs: r.pairs, one_pass_s: Number(r.bMedianS.toFixed(2)), plain_s: Number(r.aMedianS.toFixed(2)), peak_rss_mb: last.peakRssMb, cpu_one_pass_s: last.onePassCpuS, cpu_plain_s: last.plainCpuS, cpu_ratio: Number((last.onePassCpuS / last.plainCpuS).toFixed(3)), plain_peak_rss_mb: last.plainPeakMb, loadavg_1m: loadavg()[0], length_s: lengthS, scenes: SCENES, scene_s: SCENE_S, at: new Date().toISOString() };
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'results', 'compose.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(`one-pass ÷ plain: ${fmt(r)}`);
    console.log(`cpu time of the last pair (FFmpeg, all threads): one_pass=${last.onePassCpuS.toFixed(1)}s plain=${last.plainCpuS.toFixed(1)}s cpu_ratio=${result.cpu_ratio}; plain encode peak RSS ${last.plainPeakMb} MB (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    console.log(`bench:compose ratio=${result.ratio} spread=${result.ratio_min}..${result.ratio_max} pairs=${result.pairs} one_pass_s=${result.one_pass_s} plain_s=${result.plain_s} peak_rss_mb=${result.peak_rss_mb}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
