/**
 * compile(timeline) → Plan: the one pure step between the document and both renderers (the
 * live preview via frameAt, the export via toFfmpeg). Validates first; every error names the
 * item. No Node, no DOM.
 */
import { AppError } from '../errors';
import { constant, fadeInOut, multiply, normalize, type Envelope } from './envelope';
import { outputSize } from './layout';
import { type AspectPreset, type TextItem, type Timeline, type TimelineInput } from './model';
import type { Plan, PlanLayer, PlanSound, TextLayer } from './plan';
import { slotFor, slotRect, TALL_PRODUCT } from './slots';
import { estimateText, placeText, spokenWords, textSpec, type TextFrame, type TextRasters } from './text-layout';
import { checkTimeline, issuesToError, parseTimeline, timelineLength } from './validate';

export interface CompileOptions {
  /** Export this aspect preset instead of the timeline's own. */
  preset?: AspectPreset;
  /** 540p draft plan (all pixel sizes scale with it). */
  draft?: boolean;
  /** Render at this short side instead (e.g. 180 → 320×180 for tests); geometry scales. */
  shortSide?: number;
  /**
   * The input is already a parsed Timeline (from parseTimeline, or from an editor command
   * applied to one): skip the schema parse, which is most of compile's cost on a long
   * timeline. The semantic checks still run. The editor recompiles after every edit (issue 8).
   */
  assumeParsed?: boolean;
  /**
   * The text engine's pictures (src/pipeline/text in Node; the backend's `editor/textRasters`
   * for the preview). Text layers without one get an estimated box and no picture.
   */
  text?: TextRasters;
}

export function compile(input: Timeline | TimelineInput | unknown, opts: CompileOptions = {}): Plan {
  const tl = opts.assumeParsed ? (input as Timeline) : parseTimeline(input);
  const issues = checkTimeline(tl);
  if (issues.length) throw issuesToError(issues);

  const fps = tl.fps;
  const preset = opts.preset ?? tl.output.preset;
  const draft = opts.draft ?? false;
  const { width, height, unit } = outputSize(preset, draft, opts.shortSide);
  const totalFrames = timelineLength(tl);
  const px = (ref: number) => Math.round(ref * unit);
  const media: Plan['media'] = {};
  const use = (id: string, as: 'main' | 'overlay' | 'audio') => {
    const m = (media[id] ??= { kind: tl.media[id]!.kind, usedAs: [] });
    if (!m.usedAs.includes(as)) m.usedAs.push(as);
  };

  const layers: PlanLayer[] = [];
  const sounds: PlanSound[] = [];

  // Main track, in time order: a later clip draws over an earlier one, which is exactly a
  // crossfade when its opacity ramps 0→1 over the overlap.
  const main = [...tl.main.clips].sort((a, b) => a.start - b.start);
  main.forEach((c, i) => {
    const start = c.start;
    const end = c.start + (c.out - c.in);
    const next = main[i + 1];
    const tIn = c.transitionIn;
    const tOut = next?.transitionIn;
    const inLen = tIn.kind === 'crossfade' ? tIn.frames : tIn.kind === 'dip' && i > 0 ? tIn.frames / 2 : 0;
    const outLen = tOut?.kind === 'dip' ? tOut.frames / 2 : 0;
    const opacity = fadeInOut(1, start, end, inLen, outLen);
    const kind = tl.media[c.media]!.kind as 'video' | 'image';
    const transitionIn = i === 0 || tIn.frames === 0 ? { kind: 'cut' as const, frames: 0 } : { kind: tIn.kind, frames: tIn.frames };
    layers.push({ kind: 'clip', id: c.id, start, end, opacity, media: c.media, mediaKind: kind, sourceIn: c.in, fit: c.fit, transitionIn });
    use(c.media, 'main');
    if (kind === 'video' && c.gain > 0) {
      // The clip's own sound follows the picture: it fades with crossfades and dips.
      const audioOut = tOut?.kind === 'crossfade' ? tOut.frames : outLen;
      sounds.push({ id: c.id, role: 'scene', media: c.media, start, end, sourceIn: c.in, gain: fadeInOut(c.gain, start, end, inLen, audioOut) });
    }
  });

  // End cards of a tall product (9:16): the product stands beside the text, as large as in the scenes.
  const ctaSpans = tl.overlays.filter((t) => !t.hidden).flatMap((t) => t.items.flatMap((x) => (x.kind === 'text' && x.role === 'cta' ? [[x.start, x.start + x.duration] as const] : [])));
  const besideSpans = tl.overlays
    .filter((t) => !t.hidden)
    .flatMap((t) => t.items)
    .flatMap((x) => {
      if (x.kind !== 'image' || x.slot !== 'hero') return [];
      const m = tl.media[x.media];
      if (!m?.width || !m.height || m.height / m.width < TALL_PRODUCT) return [];
      return ctaSpans.some(([a, b]) => x.start < b && a < x.start + x.duration) ? [[x.start, x.start + x.duration] as const] : [];
    });
  // …unless its brand, CTA or URL would be cut, or shrunk below its role's smallest size, in the narrower column (a very long brand name): then the stacked card.
  const endTexts = tl.overlays.filter((t) => !t.hidden).flatMap((t) => t.items.flatMap((x) => (x.kind === 'text' && !x.placement && (x.role === 'brand' || x.role === 'cta' || x.role === 'url') ? [x] : [])));
  const fits = ([a, b]: readonly [number, number]) =>
    endTexts.every((x) => !(x.start < b && a < x.start + x.duration) || !textLayers(x, { preset, width, height, unit, beside: true }, opts.text).some((l) => l.truncated || (l.raster !== null && l.raster.fontSize < l.spec.minFontSize)));
  const besideFitting = besideSpans.filter(fits);
  const beside = (start: number, end: number) => besideFitting.some(([a, b]) => start < b && a < end);
  const tracks = tl.overlays.filter((t) => !t.hidden).map((t, i) => ({ t, i }));
  tracks.sort((a, b) => a.t.z - b.t.z || a.i - b.i);
  for (const { t } of tracks) {
    for (const item of t.items) {
      const start = item.start;
      const end = item.start + item.duration;
      if (item.kind === 'image') {
        const opacity = fadeInOut(item.opacity, start, end, item.fadeInFrames, item.fadeOutFrames);
        const p = item.placement;
        const kind = tl.media[item.media]!.kind as 'video' | 'image';
        const endCard = tl.overlays.some((o) => o.items.some((x) => x.kind === 'text' && x.role === 'cta' && x.start < end && start < x.start + x.duration));
        // An end card without a logo gives its product the logo's room (9:16 and 1:1 stack them).
        const noLogo = endCard && !tl.overlays.some((o) => !o.hidden && o.items.some((x) => x.kind === 'image' && x.slot === 'logo' && x.start < end && start < x.start + x.duration));
        const slot = item.slot ? slotRect(preset, slotFor(preset, { kind: 'image', slot: item.slot, endCard, noLogo, beside: endCard && beside(start, end) }), unit) : null;
        const role = item.slot === 'logo' || item.slot === 'wordmark' ? 'logo' : item.slot ? 'product' : 'image';
        layers.push({ kind: 'image', id: item.id, start, end, opacity, media: item.media, mediaKind: kind, box: { anchor: p.anchor, x: px(p.x), y: px(p.y), w: p.w !== undefined ? evenPx(p.w * unit) : null, h: p.h !== undefined ? evenPx(p.h * unit) : null }, slot, role });
        use(item.media, 'overlay');
      } else {
        layers.push(...textLayers(item, { preset, width, height, unit, beside: item.role !== 'title' && item.role !== 'caption' && beside(start, end) }, opts.text));
      }
    }
  }

  const voiceWindows: Array<[number, number]> = [];
  for (const track of tl.audio) {
    if (track.muted || track.role !== 'voice') continue;
    for (const c of track.clips) voiceWindows.push([c.start, c.start + (c.out - c.in)]);
  }
  const duck = tl.ducking.enabled ? duckEnvelope(voiceWindows, tl.ducking.level, tl.ducking.attackFrames, tl.ducking.releaseFrames) : constant(1);

  for (const track of tl.audio) {
    if (track.muted) continue;
    for (const c of track.clips) {
      const start = c.start;
      const end = Math.min(c.start + (c.out - c.in), totalFrames);
      if (start >= totalFrames || end <= start) continue;
      let gain = fadeInOut(track.gain * c.gain, start, c.start + (c.out - c.in), c.fadeInFrames, c.fadeOutFrames);
      if (track.role === 'music') gain = multiply(gain, duck);
      if (gain.every((k) => k.value === 0)) continue;
      sounds.push({ id: c.id, role: track.role, media: c.media, start, end, sourceIn: c.in, gain });
      use(c.media, 'audio');
    }
  }
  for (const s of sounds) if (s.role === 'scene') use(s.media, 'audio');

  if (layers.length === 0) throw new AppError('VALIDATION', 'The timeline has nothing to show: add a clip or an overlay.');
  return {
    fps,
    preset,
    draft,
    width,
    height,
    unit,
    totalFrames,
    background: tl.output.background,
    layers,
    sounds,
    output: { crf: tl.output.crf, x264Preset: tl.output.x264Preset, audioBitrateK: tl.output.audioBitrateK, loudnessLufs: tl.output.loudnessLufs },
    media,
  };
}

const evenPx = (v: number) => Math.max(2, Math.round(v / 2) * 2);

/**
 * One text item → its layers: one, or for a caption with timed words one per spoken word (the
 * word highlighted from its start until the next word starts), all in the same box.
 */
export function textLayers(item: TextItem, f: TextFrame, rasters?: TextRasters): TextLayer[] {
  const start = item.start;
  const end = item.start + item.duration;
  const count = spokenWords(item.text).length;
  const words = item.role === 'caption' && item.words && item.words.length === count ? item.words : null;
  const cuts: Array<{ from: number; to: number; highlight: number | null }> = [];
  if (!words) cuts.push({ from: start, to: end, highlight: null });
  else {
    const first = Math.min(end, start + words[0]!.start);
    if (first > start) cuts.push({ from: start, to: first, highlight: null });
    words.forEach((w, i) => {
      const from = Math.min(end, start + w.start);
      const to = i + 1 < words.length ? Math.min(end, start + words[i + 1]!.start) : end;
      if (to > from) cuts.push({ from, to, highlight: i });
    });
  }
  return cuts.map((c, i) => {
    const spec = textSpec(item, f, c.highlight);
    const raster = rasters?.(spec) ?? null;
    const size = raster ? { width: raster.width, height: raster.height } : estimateText(spec);
    const first = i === 0;
    const last = i === cuts.length - 1;
    return {
      kind: 'text' as const,
      id: cuts.length === 1 ? item.id : `${item.id}#${i}`,
      group: item.id,
      role: item.role,
      start: c.from,
      end: c.to,
      opacity: fadeInOut(item.opacity, c.from, c.to, first ? Math.min(item.fadeInFrames, c.to - c.from) : 0, last ? Math.min(item.fadeOutFrames, c.to - c.from) : 0),
      spec,
      raster,
      box: placeText(item, f, { width: size.width, height: size.height }),
      truncated: raster?.truncated ?? false,
    };
  });
}

/**
 * The music multiplier: 1, ramping down to `level` over `attack` frames before each voice
 * window and back up over `release` frames after it. Windows closer than attack+release merge
 * (no pumping between two sentences).
 */
export function duckEnvelope(windows: Array<[number, number]>, level: number, attack: number, release: number): Envelope {
  if (windows.length === 0 || level >= 1) return constant(1);
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && w[0] - last[1] < attack + release) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  const env: Envelope = [];
  for (const [s, e] of merged) {
    env.push({ frame: Math.max(0, s - attack), value: 1 }, { frame: s, value: level }, { frame: e, value: level }, { frame: e + release, value: 1 });
  }
  if (env[0]!.frame > 0) env.unshift({ frame: 0, value: 1 });
  return normalize(env);
}
