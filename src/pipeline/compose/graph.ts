/**
 * toFfmpeg(plan, context) → FFmpeg arguments + one filter graph script. Pure (no I/O): the
 * exporter writes the script and runs it; tests snapshot it.
 *
 * Shape of the graph (one process, one encode — ARCHITECTURE.md "FFmpeg facts"):
 *   canvas (background colour, exact frame count)
 *     ← overlay each clip/image layer in plan order, each normalised to CFR at the project fps,
 *       fitted, faded in alpha and shifted to its start (setpts), `eof_action=pass`
 *     ← drawtext for each text line (enable by frame number, alpha expression)
 *   sounds: normalised to 48 kHz stereo, trimmed, delayed, padded to the full length (so amix's
 *   1/N scaling is exact and undone), gain envelopes as volume expressions, loudnorm.
 * Crossfades use alpha fade + overlay, never xfade: the bundled FFmpeg 4.1 lacks it, and one
 * code path means the picture is the same whichever FFmpeg the user has.
 */
import type { Plan, PlanLayer, TextLayer } from '../../shared/timeline';
import { horizontal, vertical } from '../../shared/timeline';
import { cleanTextLine, filter, formatNumber } from './escape';
import { envelopeExpr, layerFades } from './expressions';

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

const hex = (c: string) => `0x${c.slice(1).toUpperCase()}`;

export function toFfmpeg(plan: Plan, ctx: GraphContext): FfmpegJob {
  const { fps, width: W, height: H, totalFrames } = plan;
  const inputs: string[][] = [];
  const chains: string[] = [];
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

  // Background canvas, exactly totalFrames long: it sets the output length and shows through
  // gaps, dips and `contain` bars.
  chains.push(`${filter('color', { c: { raw: hex(plan.background) }, s: { raw: `${W}x${H}` }, r: fps })},format=yuv420p,trim=end_frame=${totalFrames}[bg]`);
  // A main clip's own sound comes from the input already opened for its picture.
  const clipInput = new Map<string, number>();
  let cur = 'bg';
  let n = 0;
  const textLines: string[] = [];

  const flushText = () => {
    if (!textLines.length) return;
    const next = `v${n++}`;
    chains.push(`[${cur}]${textLines.join(',')}[${next}]`);
    textLines.length = 0;
    cur = next;
  };

  for (const layer of plan.layers) {
    if (layer.kind === 'text') {
      textLines.push(...drawtextFilters(layer, plan, ctx.fontFile));
      continue;
    }
    flushText();
    const fades = layerFades(layer.opacity, layer.start, fps);
    if (fades.level <= 0) continue;
    const frames = layer.end - layer.start;
    const m = facts(layer.media);
    const idx = mediaInput(layer.media, layer.kind === 'clip' ? layer.sourceIn : 0, frames);
    if (layer.kind === 'clip') clipInput.set(layer.id, idx);
    const steps: string[] = [];
    if (m.still) {
      // Decode and scale the picture once, then repeat the scaled frame.
      steps.push(...fitSteps(layer, plan, m));
      steps.push(`loop=loop=${frames - 1}:size=1:start=0`, `setpts=N/${fps}/TB`);
    } else {
      steps.push('setpts=PTS-STARTPTS', `fps=${fps}`);
      steps.push(...fitSteps(layer, plan, m));
      const available = m.durationS === null ? Infinity : Math.floor((m.durationS - (layer.kind === 'clip' ? layer.sourceIn : 0) / fps) * fps + 1e-6);
      // A source a little shorter than asked holds its last frame (rounding, 1-frame clips).
      if (available < frames) steps.push(`tpad=stop_mode=clone:stop=${frames - Math.max(0, available) + 1}`);
      steps.push(`trim=end_frame=${frames}`, 'setpts=PTS-STARTPTS');
    }
    const needsAlpha = fades.level < 1 || fades.fadeIn || fades.fadeOut || layer.kind === 'image' || m.hasAlpha;
    steps.push(needsAlpha ? 'format=yuva420p' : 'format=yuv420p');
    if (fades.level < 1) steps.push(filter('lutyuv', { a: { raw: `val*${formatNumber(fades.level)}` } }));
    if (fades.fadeIn) steps.push(`fade=t=in:st=${formatNumber(fades.fadeIn.st)}:d=${formatNumber(fades.fadeIn.d)}:alpha=1`);
    if (fades.fadeOut) steps.push(`fade=t=out:st=${formatNumber(fades.fadeOut.st)}:d=${formatNumber(fades.fadeOut.d)}:alpha=1`);
    steps.push(`setpts=PTS+${sec(layer.start)}/TB`);
    const src = `L${n}`;
    chains.push(`[${idx}:v:0]${steps.join(',')}[${src}]`);
    const next = `v${n++}`;
    chains.push(`[${cur}][${src}]${overlayFilter(layer)}[${next}]`);
    cur = next;
  }
  flushText();
  chains.push(`[${cur}]format=yuv420p,setsar=1[vout]`);

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

/** Scale (and crop/pad) a source to the layer's size; fixes non-square pixels first. */
function fitSteps(layer: Exclude<PlanLayer, TextLayer>, plan: Plan, m: MediaFacts): string[] {
  const steps: string[] = [];
  if (Math.abs(m.sar - 1) > 1e-3) steps.push(`scale=trunc(iw*sar/2)*2:ih`, 'setsar=1');
  if (layer.kind === 'clip') {
    const { width: W, height: H } = plan;
    if (layer.fit === 'cover') steps.push(`scale=${W}:${H}:force_original_aspect_ratio=increase`, `crop=${W}:${H}`);
    else steps.push(`scale=${W}:${H}:force_original_aspect_ratio=decrease`, `pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2:color=${m.hasAlpha ? '0x000000@0' : hex(plan.background)}`);
  } else {
    const b = layer.box;
    if (b.w !== null || b.h !== null) steps.push(`scale=${b.w ?? -2}:${b.h ?? -2}`);
    else steps.push(`scale=trunc(iw*${formatNumber(plan.unit)}/2)*2:-2`);
  }
  steps.push('setsar=1');
  return steps;
}

function overlayFilter(layer: Exclude<PlanLayer, TextLayer>): string {
  let x = '0';
  let y = '0';
  if (layer.kind === 'image') {
    const b = layer.box;
    const hz = horizontal(b.anchor);
    const vt = vertical(b.anchor);
    x = hz === 'left' ? `${b.x}` : hz === 'right' ? `W-w-${b.x}` : `(W-w)/2+${b.x}`;
    y = vt === 'top' ? `${b.y}` : vt === 'bottom' ? `H-h-${b.y}` : `(H-h)/2+${b.y}`;
  }
  return filter('overlay', { x: { raw: x }, y: { raw: y }, eof_action: { raw: 'pass' }, format: { raw: 'yuv420' } });
}

/** One drawtext per line (4.1 has no text_align), positioned as a block by the anchor. */
export function drawtextFilters(layer: TextLayer, plan: Plan, fontFile: string): string[] {
  const fades = layerFades(layer.opacity, layer.start, plan.fps);
  if (fades.level <= 0) return [];
  const blockH = layer.lines.length * layer.lineHeight;
  const vt = vertical(layer.anchor);
  const hz = horizontal(layer.anchor);
  const top = vt === 'top' ? `${layer.y}` : vt === 'bottom' ? `h-${layer.y}-${blockH}` : `(h-${blockH})/2+${layer.y}`;
  const x = hz === 'left' ? `${layer.x}` : hz === 'right' ? `w-tw-${layer.x}` : `(w-tw)/2+${layer.x}`;
  // Opacity envelope as an expression of t, relative to the timeline (the canvas starts at 0).
  const alpha = envelopeExpr(layer.opacity, plan.fps);
  const out: string[] = [];
  layer.lines.forEach((raw, i) => {
    const text = cleanTextLine(raw);
    if (!text.trim()) return;
    out.push(
      filter('drawtext', {
        fontfile: fontFile,
        text,
        expansion: { raw: 'none' },
        fontsize: layer.fontSize,
        fontcolor: { raw: hex(layer.color) },
        x: { raw: x },
        y: { raw: `${top}+${i * layer.lineHeight}` },
        alpha: alpha,
        ...(layer.background ? { box: 1, boxcolor: { raw: `${hex(layer.background)}@${formatNumber(layer.backgroundOpacity)}` }, boxborderw: layer.boxPadding } : {}),
        enable: `between(n,${layer.start},${layer.end - 1})`,
      }),
    );
  });
  return out;
}
