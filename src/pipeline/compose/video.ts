/**
 * The picture half of the graph.
 *
 * Main track → one concat of segments, in time order: each clip's opaque body, and at every
 * crossfade a short segment where the incoming clip's head (alpha fading in) is overlaid on the
 * outgoing clip's tail — no xfade (absent from FFmpeg 4.1), and alpha blending only on the
 * overlap frames. Dips fade to the background colour; gaps are background. Every segment is
 * CFR with an exact frame count, so `setpts=N/fps/TB` after the concat is exact.
 * Overlay layers are then overlaid at their start (`eof_action=pass`), in plan order: images, and
 * text as the text engine's pictures (src/pipeline/text) — the same PNGs the preview draws. A
 * caption page's word states (same box, back to back) are concatenated into one stream and
 * overlaid once.
 */
import type { ClipLayer, ImageLayer, Plan, TextLayer } from '../../shared/timeline';
import { horizontal, resolveBox, vertical } from '../../shared/timeline';
import { alphaSafeScale } from '../images/alpha';
import { filter, formatNumber } from './escape';
import { layerFades } from './expressions';
import type { MediaFacts } from './graph';

export interface VideoBuild {
  chains: string[];
  /** Main clip id → input index (its sound reuses the same input). */
  clipInput: Map<string, number>;
}

export const hex = (c: string) => `0x${c.slice(1).toUpperCase()}`;

export function buildVideo(
  plan: Plan,
  facts: (id: string) => MediaFacts,
  mediaInput: (id: string, fromFrame: number, frames: number) => number,
  stillInput: (file: string) => number,
): VideoBuild {
  const { fps, width: W, height: H, totalFrames } = plan;
  const chains: string[] = [];
  const clipInput = new Map<string, number>();
  const bg = hex(plan.background);
  let uid = 0;
  const label = (p: string) => `${p}${uid++}`;
  // The color source converts with BT.601 coefficients; a non-grey background goes through RGB
  // and the BT.709 matrix the output is tagged with (greys are the same in both).
  const grey = /^#(..)\1\1$/i.test(plan.background);
  const canvas = (frames: number) => {
    const l = label('bg');
    chains.push(`color=c=${bg}:s=${W}x${H}:r=${fps},${grey ? '' : `format=rgb24,${TO_BT709},`}format=yuv420p,trim=end_frame=${frames},setsar=1[${l}]`);
    return l;
  };

  // ---- main track
  const clips = plan.layers.filter((l): l is ClipLayer => l.kind === 'clip');
  const segments: string[] = [];
  let cursor = 0;
  let pendingTail: string | null = null;
  clips.forEach((clip, i) => {
    const len = clip.end - clip.start;
    const next = clips[i + 1];
    const xIn = clip.transitionIn.kind === 'crossfade' ? clip.transitionIn.frames : 0;
    const xOut = next?.transitionIn.kind === 'crossfade' ? next.transitionIn.frames : 0;
    if (!xIn && clip.start > cursor) segments.push(canvas(clip.start - cursor));
    const m = facts(clip.media);
    const idx = mediaInput(clip.media, clip.sourceIn, len);
    clipInput.set(clip.id, idx);
    const steps = sourceSteps(clip, plan, m, len);
    if (m.hasAlpha) {
      // Transparent pixels of a main-track still show the background: flatten once.
      const src = label('a');
      chains.push(`[${idx}:v:0]${steps.join(',')},format=yuva420p[${src}]`);
      const flat = label('f');
      chains.push(`[${canvas(len)}][${src}]overlay=eof_action=pass:format=yuv420[${flat}]`);
      steps.length = 0;
      steps.push(`[${flat}]`, 'null');
    } else {
      steps.unshift(`[${idx}:v:0]`);
    }
    // Dips: fade the picture itself to the background colour (beneath it there is only background).
    const dipIn = clip.transitionIn.kind === 'dip' ? clip.transitionIn.frames / 2 : 0;
    const dipOut = next?.transitionIn.kind === 'dip' ? next.transitionIn.frames / 2 : 0;
    if (dipIn) steps.push(`fade=t=in:st=0:d=${formatNumber(dipIn / fps)}:color=${bg}`);
    if (dipOut) steps.push(`fade=t=out:st=${formatNumber((len - dipOut) / fps)}:d=${formatNumber(dipOut / fps)}:color=${bg}`);
    steps.push('format=yuv420p');
    const parts = [xIn ? 'head' : null, len - xIn - xOut > 0 ? 'body' : null, xOut ? 'tail' : null].filter((p): p is string => !!p);
    const base = label('c');
    const first = steps.shift()!;
    chains.push(`${first}${steps.join(',')}${parts.length > 1 ? `,split=${parts.length}${parts.map((p) => `[${base}${p}]`).join('')}` : `[${base}${parts[0]}]`}`);
    if (xIn) {
      // Incoming head fades in over the outgoing tail: the crossfade segment.
      const head = label('h');
      chains.push(`[${base}head]trim=end_frame=${xIn},setpts=PTS-STARTPTS,format=yuva420p,fade=t=in:st=0:d=${formatNumber(xIn / fps)}:alpha=1[${head}]`);
      const mix = label('x');
      chains.push(`[${pendingTail}][${head}]overlay=eof_action=pass:format=yuv420[${mix}]`);
      segments.push(mix);
    }
    if (len - xIn - xOut > 0) {
      const body = label('b');
      chains.push(`[${base}body]trim=start_frame=${xIn}:end_frame=${len - xOut},setpts=PTS-STARTPTS[${body}]`);
      segments.push(body);
    }
    pendingTail = null;
    if (xOut) {
      pendingTail = label('t');
      chains.push(`[${base}tail]trim=start_frame=${len - xOut},setpts=PTS-STARTPTS[${pendingTail}]`);
    }
    cursor = clip.end;
  });
  if (cursor < totalFrames) segments.push(canvas(totalFrames - cursor));
  let cur = label('v');
  chains.push(segments.length === 1 ? `[${segments[0]}]setpts=N/${fps}/TB[${cur}]` : `${segments.map((s) => `[${s}]`).join('')}concat=n=${segments.length}:v=1:a=0,setpts=N/${fps}/TB[${cur}]`);

  // ---- overlays and text, bottom to top
  const overlay = (src: string, x: number | string, y: number | string) => {
    const next = label('v');
    chains.push(`[${cur}][${src}]${filter('overlay', { x: { raw: String(x) }, y: { raw: String(y) }, eof_action: { raw: 'pass' }, format: { raw: 'yuv420' } })}[${next}]`);
    cur = next;
  };
  const layers = plan.layers.filter((l): l is ImageLayer | TextLayer => l.kind !== 'clip');
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    if (layer.kind === 'text') {
      // A run of one caption page's word states: same group and box, each starting where the last ends.
      const run: TextLayer[] = [layer];
      for (let j = i + 1; j < layers.length; j++) {
        const n = layers[j]!;
        const prev = run[run.length - 1]!;
        if (n.kind !== 'text' || n.group !== layer.group || n.start !== prev.end || n.box.left !== layer.box.left || n.box.top !== layer.box.top || n.box.width !== layer.box.width || n.box.height !== layer.box.height) break;
        run.push(n);
      }
      i += run.length - 1;
      const src = textStream(run, plan, stillInput, chains, label);
      if (src) overlay(src, layer.box.left, layer.box.top);
      continue;
    }
    const fades = layerFades(layer.opacity, layer.start, fps);
    if (fades.level <= 0) continue;
    const frames = layer.end - layer.start;
    const m = facts(layer.media);
    const idx = mediaInput(layer.media, 0, frames);
    const steps = sourceSteps(layer, plan, m, frames);
    steps.push('format=yuva420p');
    if (fades.level < 1) steps.push(filter('lutyuv', { a: { raw: `val*${formatNumber(fades.level)}` } }));
    if (fades.fadeIn) steps.push(`fade=t=in:st=${formatNumber(fades.fadeIn.st)}:d=${formatNumber(fades.fadeIn.d)}:alpha=1`);
    if (fades.fadeOut) steps.push(`fade=t=out:st=${formatNumber(fades.fadeOut.st)}:d=${formatNumber(fades.fadeOut.d)}:alpha=1`);
    steps.push(`setpts=PTS+${formatNumber(layer.start / fps)}/TB`);
    const src = label('o');
    chains.push(`[${idx}:v:0]${steps.join(',')}[${src}]`);
    if (layer.slot && m.width && m.height) {
      const r = resolveBox(layer.box, plan, { width: m.width, height: m.height }, plan.unit, layer.slot);
      overlay(src, r.left, r.top);
    } else {
      const o = overlayXY(layer);
      overlay(src, o.x, o.y);
    }
  }
  chains.push(`[${cur}]format=yuv420p,setsar=1[vout]`);
  return { chains, clipInput };
}

/** A run of text pictures → one RGBA stream starting at the run's first frame (null if unseen). */
function textStream(run: TextLayer[], plan: Plan, stillInput: (file: string) => number, chains: string[], label: (p: string) => string): string | null {
  const fps = plan.fps;
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const parts: string[] = [];
  for (const l of run) {
    if (!l.raster) throw new Error(`text layer "${l.id}" was not rendered`);
    const idx = stillInput(l.raster.src);
    const p = label('t');
    chains.push(`[${idx}:v:0]${TO_BT709},format=yuva420p,loop=loop=${l.end - l.start - 1}:size=1:start=0,settb=1/${fps},setpts=N[${p}]`);
    parts.push(p);
  }
  const fadesIn = layerFades(first.opacity, first.start, fps);
  const fadesOut = layerFades(last.opacity, last.start, fps);
  if (fadesIn.level <= 0) return null;
  const steps: string[] = [];
  if (fadesIn.level < 1) steps.push(filter('lutyuv', { a: { raw: `val*${formatNumber(fadesIn.level)}` } }));
  if (fadesIn.fadeIn) steps.push(`fade=t=in:st=${formatNumber(fadesIn.fadeIn.st)}:d=${formatNumber(fadesIn.fadeIn.d)}:alpha=1`);
  if (fadesOut.fadeOut) {
    const st = fadesOut.fadeOut.st + (last.start - first.start) / fps;
    steps.push(`fade=t=out:st=${formatNumber(st)}:d=${formatNumber(fadesOut.fadeOut.d)}:alpha=1`);
  }
  steps.push(`setpts=PTS+${formatNumber(first.start / fps)}/TB`);
  const out = label('s');
  const head = parts.length === 1 ? `[${parts[0]}]` : `${parts.map((p) => `[${p}]`).join('')}concat=n=${parts.length}:v=1:a=0,`;
  chains.push(`${head}${steps.length ? steps.join(',') : 'null'}[${out}]`);
  return out;
}

/** Source → `frames` CFR frames at the output's geometry, pts from 0. Stills are scaled once
 *  and repeated; moving sources are resampled to the project fps (VFR, 25/60 fps…). */
function sourceSteps(layer: ClipLayer | ImageLayer, plan: Plan, m: MediaFacts, frames: number): string[] {
  const fps = plan.fps;
  // settb: image inputs have a 1/25 time base, which cannot hold 1/30 s steps exactly.
  if (m.still) return [...fitSteps(layer, plan, m), `loop=loop=${frames - 1}:size=1:start=0`, `settb=1/${fps}`, `setpts=N`];
  const steps = ['setpts=PTS-STARTPTS', `fps=${fps}`, ...fitSteps(layer, plan, m)];
  const from = layer.kind === 'clip' ? layer.sourceIn : 0;
  const available = m.durationS === null ? Infinity : Math.floor((m.durationS - from / fps) * fps + 1e-6);
  // A source a little shorter than asked holds its last frame (rounding, 1-frame clips).
  if (available < frames) steps.push(`tpad=stop_mode=clone:stop=${frames - Math.max(0, available) + 1}`);
  steps.push(`trim=end_frame=${frames}`, 'setpts=PTS-STARTPTS');
  return steps;
}

/** Scale (and crop/pad) to the layer's size; non-square pixels are made square first. */
function fitSteps(layer: ClipLayer | ImageLayer, plan: Plan, m: MediaFacts): string[] {
  const steps: string[] = [];
  if (Math.abs(m.sar - 1) > 1e-3) steps.push(`scale=trunc(iw*sar/2)*2:ih`, 'setsar=1');
  // Pictures with alpha scale in premultiplied space: a transparent pixel's hidden colour must not
  // bleed into the visible edge (images/alpha.ts).
  const scale = (f: string) => steps.push(...alphaSafeScale(f, m.hasAlpha));
  if (layer.kind === 'clip') {
    const { width: W, height: H } = plan;
    if (layer.fit === 'cover') steps.push(...alphaSafeScale(`scale=${W}:${H}:force_original_aspect_ratio=increase`, m.hasAlpha), `crop=${W}:${H}`);
    else steps.push(...alphaSafeScale(`scale=${W}:${H}:force_original_aspect_ratio=decrease`, m.hasAlpha), `pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2:color=${m.hasAlpha ? '0x000000@0' : hex(plan.background)}`);
  } else {
    const b = layer.box;
    if (layer.slot && m.width && m.height) {
      const r = resolveBox(b, plan, { width: m.width, height: m.height }, plan.unit, layer.slot);
      scale(`scale=${r.width}:${r.height}`);
    } else if (b.w !== null || b.h !== null) scale(`scale=${b.w ?? -2}:${b.h ?? -2}`);
    else scale(`scale=trunc(iw*${formatNumber(plan.unit)}/2)*2:-2`);
  }
  steps.push('setsar=1');
  // Into the BT.709 limited-range YUV the output is tagged with, once, before any loop: RGB
  // stills (PNG) would otherwise be converted with swscale's BT.601 default; untagged YUV sources
  // are read as BT.601 (swscale's default, and what Chromium's preview shows) and converted.
  steps.push(TO_BT709, m.hasAlpha ? 'format=yuva420p' : 'format=yuv420p');
  return steps;
}

/** Into the matrix and range the export is tagged with (graph.ts COLOR_TAGS). accurate_rnd: without
 *  it swscale's YUV→YUV matrix change is off by up to ~4/255 on saturated colours (an orange
 *  255,136,2 came back 250,133,0), which the editor's preview-parity test measured. */
export const TO_BT709 = 'scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd';

function overlayXY(layer: ImageLayer): { x: string; y: string } {
  const b = layer.box;
  const hz = horizontal(b.anchor);
  const vt = vertical(b.anchor);
  const x = hz === 'left' ? `${b.x}` : hz === 'right' ? `W-w-${b.x}` : `(W-w)/2+${b.x}`;
  const y = vt === 'top' ? `${b.y}` : vt === 'bottom' ? `H-h-${b.y}` : `(H-h)/2+${b.y}`;
  return { x, y };
}
