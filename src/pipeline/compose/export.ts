/**
 * exportTimeline: the one way a timeline becomes an MP4 (the pipeline's compose step, the
 * editor's Export, `zapcut render`). Validate → resolve/probe media → compile → measure the
 * sound for the two-pass master (master.ts; sound only, seconds) → one FFmpeg process → thumbnail. Nothing touches FFmpeg until everything checks out; the output appears
 * only when complete (temp file + rename).
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { compile, parseTimeline, type AspectPreset, type Plan, type TimelineInput } from '../../shared/timeline';
import { resolveBinaries } from '../ffmpeg/binaries';
import { getCapabilities } from '../ffmpeg/capabilities';
import type { ProgressReport } from '../ffmpeg/progress';
import { runFfmpeg } from '../ffmpeg/run';
import { TextCache } from '../text/cache';
import { toFfmpeg } from './graph';
import { measureMastering } from './master';
import { measurePlanFacts } from './plan-facts';
import type { PlanFacts } from '../../shared/quality/facts';
import { prepareMedia, type MediaResolver } from './media';

export interface ExportProgress extends ProgressReport {
  stage: 'preparing' | 'mastering' | 'encoding' | 'thumbnail' | 'done';
}

export interface ExportOptions {
  resolveMedia: MediaResolver;
  /** Output .mp4 path; its folder must exist. */
  out: string;
  /** Aspect preset override (default: the timeline's). */
  preset?: AspectPreset;
  /** 540p, x264 ultrafast: a quick preview render. */
  draft?: boolean;
  /** Custom short side in px (small previews, tests); overrides the draft size. */
  shortSide?: number;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** Thumbnail JPG path; default `<out without .mp4>.jpg`; false for none. */
  thumbnail?: string | false;
  /** User-set FFmpeg/ffprobe (Settings); default bundled / env. */
  ffmpegPath?: string | null;
  ffprobePath?: string | null;
  /** Where text pictures are cached by spec hash (default: a folder in the OS temp dir). */
  textCacheDir?: string;
  /** The encode's FFmpeg pid once spawned (benchmarks sample its memory). */
  onSpawn?: (pid: number) => void;
  /** Measure the plan facts (voice cuts, music under voice) and record them in the file (default true). */
  planFacts?: boolean;
  /** Extra MP4 metadata tags (e.g. the variant id, VARIANT_TAG) written into the file. */
  metadata?: Record<string, string>;
}

export interface ExportResult {
  out: string;
  thumbnail: string | null;
  preset: AspectPreset;
  draft: boolean;
  width: number;
  height: number;
  fps: number;
  frames: number;
  durationS: number;
  bytes: number;
  elapsedS: number;
  /** What the plan says about this export (also written into the file's metadata). */
  planFacts: PlanFacts | null;
}

/** The frame the thumbnail shows: the middle of the first main clip (clear of transitions). */
export function thumbnailFrame(plan: Plan): number {
  const first = plan.layers.find((l) => l.kind === 'clip') ?? plan.layers[0]!;
  return Math.min(plan.totalFrames - 1, Math.floor((first.start + first.end) / 2));
}

export async function exportTimeline(input: TimelineInput | unknown, opts: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const report = (stage: ExportProgress['stage'], percent: number, etaS: number | null = null) => opts.onProgress?.({ stage, percent, etaS, outTimeS: 0 });
  report('preparing', 0);
  const timeline = parseTimeline(input);
  // Text is fitted and rendered by the text engine before the graph exists (the same pictures the preview draws).
  const text = new TextCache(opts.textCacheDir ?? path.join(tmpdir(), 'zapcut-text'));
  const plan = compile(timeline, { preset: opts.preset, draft: opts.draft, shortSide: opts.shortSide, text: text.lookup() });
  const out = path.resolve(opts.out);
  if (path.extname(out).toLowerCase() !== '.mp4') throw new AppError('VALIDATION', `Export to an .mp4 file (got ${out}).`);
  try {
    if (!(await stat(path.dirname(out))).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new AppError('IO', `The folder ${path.dirname(out)} does not exist. Create it or choose another location.`);
  }
  const bins = resolveBinaries({ ffmpegPath: opts.ffmpegPath, ffprobePath: opts.ffprobePath });
  const caps = await getCapabilities(bins.ffmpegPath);
  if (!caps.libx264 || !caps.aac) throw new AppError('FFMPEG', `The FFmpeg at ${bins.ffmpegPath} lacks libx264 or aac. Use the bundled FFmpeg (clear the path in Settings).`);
  if (plan.output.loudnessLufs !== null && !caps.loudnorm) throw new AppError('FFMPEG', `The FFmpeg at ${bins.ffmpegPath} has no loudnorm filter. Use the bundled FFmpeg.`);

  const { facts } = await prepareMedia(timeline, plan, opts.resolveMedia, bins.ffprobePath, opts.signal);
  const work = await mkdtemp(path.join(tmpdir(), 'zapcut-export-'));
  try {
    const scriptPath = path.join(work, 'graph.txt');
    report('mastering', 0);
    const mastering = await measureMastering(plan, { ffmpegPath: bins.ffmpegPath, media: facts, signal: opts.signal });
    const planFacts = opts.planFacts === false ? null : await measurePlanFacts(plan, facts, bins.ffmpegPath, mastering, opts.signal);
    const job = toFfmpeg(plan, { media: facts, filterScriptPath: scriptPath, draft: opts.draft, mastering, planFacts, metadata: opts.metadata });
    await writeFile(scriptPath, job.filterScript, 'utf8');
    await runFfmpeg({
      ffmpegPath: bins.ffmpegPath,
      args: job.args,
      output: out,
      durationS: job.durationS,
      signal: opts.signal,
      onSpawn: opts.onSpawn,
      onProgress: (r) => opts.onProgress?.({ ...r, stage: 'encoding', percent: Math.min(r.percent, 99) }),
    });
    let thumbnail: string | null = null;
    if (opts.thumbnail !== false) {
      report('thumbnail', 99);
      thumbnail = path.resolve(opts.thumbnail ?? out.replace(/\.mp4$/i, '.jpg'));
      const at = thumbnailFrame(plan) / plan.fps;
      await runFfmpeg({ ffmpegPath: bins.ffmpegPath, args: ['-ss', at.toFixed(3), '-i', out, '-frames:v', '1', '-q:v', '3'], output: thumbnail, signal: opts.signal });
    }
    const bytes = (await stat(out)).size;
    report('done', 100, 0);
    return { out, thumbnail, preset: plan.preset, draft: plan.draft, width: plan.width, height: plan.height, fps: plan.fps, frames: plan.totalFrames, durationS: job.durationS, bytes, elapsedS: (performance.now() - started) / 1000, planFacts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
