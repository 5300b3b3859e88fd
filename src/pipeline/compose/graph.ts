/**
 * toFfmpeg(plan, context) → FFmpeg arguments + one filter graph script. Pure (no I/O): the
 * exporter writes the script and runs it; tests snapshot it.
 *
 * Shape of the graph (one process, one encode — ARCHITECTURE.md "FFmpeg facts"):
 *   picture (video.ts): the main track as one concat of CFR segments (crossfade segments are
 *     the incoming head, alpha fading in, overlaid on the outgoing tail), then image overlays
 *     and the text engine's pictures, in plan order (no drawtext: one text engine for preview
 *     and export);
 *   sounds (audio.ts): normalised to 48 kHz stereo, trimmed, delayed, padded to the full length
 *   (so amix's 1/N scaling is exact and undone), gain envelopes as volume expressions, then the
 *   two-pass master (a true-peak limiter and loudnorm in linear mode).
 * The video stream is tagged BT.709 (primaries, transfer, matrix) and limited ("tv") range, which
 * is what libx264 writes from yuv420p: players and platforms then convert colours as intended.
 * Crossfades use alpha fade + overlay, never xfade: the bundled FFmpeg 4.1 lacks it, and one
 * code path means the picture is the same whichever FFmpeg the user has.
 */
import type { Plan, PlanSound } from '../../shared/timeline';
import { PLAN_FACTS_TAG, type PlanFacts } from '../../shared/quality/facts';
import { buildAudio, SAMPLE_RATE, type AudioBuildOptions, type Mastering } from './audio';
import { formatNumber } from './escape';
import { buildVideo } from './video';

export { SAMPLE_RATE } from './audio';

export interface MediaFacts {
  path: string;
  /** Stored sample aspect ratio; ≠1 means non-square pixels to fix first. */
  sar: number;
  /** Source duration in seconds (null for stills). */
  durationS: number | null;
  still: boolean;
  hasAudio: boolean;
  /** The picture has an alpha channel (PNG logos, stills with transparency). */
  hasAlpha: boolean;
  /** Picture size in pixels (null for audio): fits slot overlays exactly. */
  width?: number | null;
  height?: number | null;
}

export interface GraphContext {
  media: Record<string, MediaFacts>;
  /** Where the exporter will write `filterScript`. */
  filterScriptPath: string;
  /** x264 preset/CRF for drafts override the plan's. */
  draft?: boolean;
  /** The measured two-pass master (master.ts); without it the master is loudnorm's one pass. */
  mastering?: Mastering | null;
  /** Written into the MP4's metadata (PLAN_FACTS_TAG) for `zapcut check`. */
  planFacts?: PlanFacts | null;
  /** Extra tags for the MP4's metadata (custom keys need use_metadata_tags, which is then on). */
  metadata?: Record<string, string>;
}

export interface FfmpegJob {
  /** Arguments for runFfmpeg (output path excluded). */
  args: string[];
  filterScript: string;
  durationS: number;
  frames: number;
}

export function toFfmpeg(plan: Plan, ctx: GraphContext): FfmpegJob {
  const { fps, totalFrames } = plan;
  const inputs: string[][] = [];
  const sec = (frames: number) => formatNumber(frames / fps);
  const addInput = (args: string[]) => inputs.push(args) - 1;
  const facts = (id: string) => {
    const m = ctx.media[id];
    if (!m) throw new Error(`no media facts for "${id}"`);
    return m;
  };
  /** Input args: stills once (looped in the graph), moving media seeked and bounded. */
  const mediaInput = (id: string, fromFrame: number, frames: number) => {
    const m = facts(id);
    if (m.still) return addInput(['-i', m.path]);
    // One frame of slack so rounding never leaves the trim short; the graph trims exactly.
    return addInput(['-ss', sec(fromFrame), '-t', sec(frames + 1), '-i', m.path]);
  };

  const { chains, clipInput } = buildVideo(plan, facts, mediaInput, (file) => addInput(['-i', file]));

  chains.push(...buildAudio(plan, facts, soundInput(mediaInput, clipInput), { tail: { kind: 'master', mastering: ctx.mastering ?? null } }));

  const draft = ctx.draft ?? plan.draft;
  const extraTags = Object.entries(ctx.metadata ?? {}).filter(([k]) => /^[a-z][a-z0-9_]{0,31}$/.test(k));
  const args = [
    ...inputs.flat(),
    '-filter_complex_script', ctx.filterScriptPath,
    '-map', '[vout]', '-map', '[aout]',
    '-c:v', 'libx264', '-preset', draft ? 'ultrafast' : plan.output.x264Preset, '-crf', String(draft ? 28 : plan.output.crf),
    '-pix_fmt', 'yuv420p', ...COLOR_TAGS, '-r', String(fps), '-frames:v', String(totalFrames),
    '-c:a', 'aac', '-b:a', `${draft ? 128 : plan.output.audioBitrateK}k`, '-ar', String(SAMPLE_RATE), '-ac', '2',
    ...(ctx.planFacts || extraTags.length ? ['-movflags', '+faststart+use_metadata_tags'] : ['-movflags', '+faststart']),
    ...(ctx.planFacts ? ['-metadata', `${PLAN_FACTS_TAG}=${JSON.stringify(ctx.planFacts)}`] : []),
    ...extraTags.flatMap(([k, v]) => ['-metadata', `${k}=${v}`]),
    '-max_muxing_queue_size', '4096',
  ];
  return { args, filterScript: chains.join(';\n') + '\n', durationS: totalFrames / fps, frames: totalFrames };
}

/** BT.709 in the H.264 VUI: primaries, transfer, matrix, and limited (tv) range. */
export const COLOR_TAGS = ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv'];

type InputAdder = (id: string, fromFrame: number, frames: number) => number;

/** A sound's input: a main clip's own sound reuses the clip's input; others get their own. */
function soundInput(mediaInput: InputAdder, clipInput: Map<string, number>) {
  return (s: PlanSound) => (s.role === 'scene' ? clipInput.get(s.id) : undefined) ?? mediaInput(s.media, s.sourceIn, s.end - s.start);
}

/**
 * Sound only (no picture): the mix or some stems of `plan`, through `opts.tail`. For the
 * mastering passes (`-f null` + loudnorm's printout) and for measuring stems.
 */
export function toFfmpegAudio(plan: Plan, ctx: Pick<GraphContext, 'media' | 'filterScriptPath'>, opts: AudioBuildOptions): FfmpegJob {
  const inputs: string[][] = [];
  const sec = (frames: number) => formatNumber(frames / plan.fps);
  const facts = (id: string) => {
    const m = ctx.media[id];
    if (!m) throw new Error(`no media facts for "${id}"`);
    return m;
  };
  const mediaInput: InputAdder = (id, fromFrame, frames) => {
    const m = facts(id);
    return inputs.push(m.still ? ['-i', m.path] : ['-ss', sec(fromFrame), '-t', sec(frames + 1), '-i', m.path]) - 1;
  };
  const chains = buildAudio(plan, facts, soundInput(mediaInput, new Map()), opts);
  const args = [...inputs.flat(), '-filter_complex_script', ctx.filterScriptPath, '-map', '[aout]', '-vn'];
  return { args, filterScript: chains.join(';\n') + '\n', durationS: plan.totalFrames / plan.fps, frames: plan.totalFrames };
}
