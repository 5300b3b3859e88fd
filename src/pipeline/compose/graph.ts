/**
 * toFfmpeg(plan, context) → FFmpeg arguments + one filter graph script. Pure (no I/O): the
 * exporter writes the script and runs it; tests snapshot it.
 *
 * Shape of the graph (one process, one encode — ARCHITECTURE.md "FFmpeg facts"):
 *   picture (video.ts): the main track as one concat of CFR segments (crossfade segments are
 *     the incoming head, alpha fading in, overlaid on the outgoing tail), then image overlays
 *     and drawtext lines in plan order;
 *   sounds: normalised to 48 kHz stereo, trimmed, delayed, padded to the full length (so amix's
 *   1/N scaling is exact and undone), gain envelopes as volume expressions, loudnorm.
 * Crossfades use alpha fade + overlay, never xfade: the bundled FFmpeg 4.1 lacks it, and one
 * code path means the picture is the same whichever FFmpeg the user has.
 */
import type { Plan } from '../../shared/timeline';
import { filter, formatNumber } from './escape';
import { envelopeExpr } from './expressions';
import { buildVideo } from './video';

export { drawtextFilters } from './video';

export const SAMPLE_RATE = 48_000;

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
}

export interface GraphContext {
  media: Record<string, MediaFacts>;
  fontFile: string;
  /** Where the exporter will write `filterScript`. */
  filterScriptPath: string;
  /** x264 preset/CRF for drafts override the plan's. */
  draft?: boolean;
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

  const { chains, clipInput } = buildVideo(plan, facts, mediaInput, ctx.fontFile);

  // Audio: every sound padded to the full length, so amix (which divides by the number of
  // inputs) scales by exactly 1/N, undone by volume=N.
  const totalSamples = Math.round((totalFrames * SAMPLE_RATE) / fps);
  const audioLabels: string[] = [];
  plan.sounds.forEach((s, i) => {
    const m = facts(s.media);
    if (!m.hasAudio) return;
    const frames = s.end - s.start;
    const idx = (s.role === 'scene' ? clipInput.get(s.id) : undefined) ?? mediaInput(s.media, s.sourceIn, frames);
    const delayMs = Math.round((s.start * 1000) / fps);
    const label = `a${i}`;
    chains.push(
      `[${idx}:a:0]aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo,asetpts=PTS-STARTPTS,` +
        `atrim=end_sample=${Math.round((frames * SAMPLE_RATE) / fps)}` +
        (delayMs > 0 ? `,adelay=${delayMs}|${delayMs}` : '') +
        `,apad=whole_len=${totalSamples},atrim=end_sample=${totalSamples},asetpts=N/SR/TB,` +
        `${filter('volume', { volume: envelopeExpr(s.gain, fps), eval: { raw: 'frame' } })}[${label}]`,
    );
    audioLabels.push(label);
  });
  let mix: string;
  if (audioLabels.length === 0) mix = `anullsrc=r=${SAMPLE_RATE}:cl=stereo,atrim=end_sample=${totalSamples}`;
  else if (audioLabels.length === 1) mix = `[${audioLabels[0]}]anull`;
  else mix = `${audioLabels.map((l) => `[${l}]`).join('')}amix=inputs=${audioLabels.length}:duration=first:dropout_transition=0,volume=${audioLabels.length}`;
  const loud = plan.output.loudnessLufs;
  const master = loud === null ? [] : [`loudnorm=I=${formatNumber(loud)}:TP=-1.5:LRA=11`, `aresample=${SAMPLE_RATE}`];
  chains.push([mix, ...master, `atrim=end_sample=${totalSamples}`, 'asetpts=N/SR/TB[aout]'].join(','));

  const draft = ctx.draft ?? plan.draft;
  const args = [
    ...inputs.flat(),
    '-filter_complex_script', ctx.filterScriptPath,
    '-map', '[vout]', '-map', '[aout]',
    '-c:v', 'libx264', '-preset', draft ? 'ultrafast' : plan.output.x264Preset, '-crf', String(draft ? 28 : plan.output.crf),
    '-pix_fmt', 'yuv420p', '-r', String(fps), '-frames:v', String(totalFrames),
    '-c:a', 'aac', '-b:a', `${draft ? 128 : plan.output.audioBitrateK}k`, '-ar', String(SAMPLE_RATE), '-ac', '2',
    '-movflags', '+faststart', '-max_muxing_queue_size', '4096',
  ];
  return { args, filterScript: chains.join(';\n') + '\n', durationS: totalFrames / fps, frames: totalFrames };
}
