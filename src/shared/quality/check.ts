/**
 * checkAd(file facts, plan facts, platform) → the spec and quality report shown by `zapcut check`,
 * after every export in the app, and in a generation's result. Pure: every number it judges was
 * measured elsewhere (pipeline/quality). Each item carries a code and params (the renderer words
 * it through i18next: `check.<code>.<status>`), an English message (the CLI prints it), and, where
 * the app can repair it, the fix to offer.
 */
import { ASPECT_TOLERANCE, orientationOf, Platform, PLATFORM_SPECS, type PlatformSpec } from '../platforms';
import type { FileFacts, PlanFacts } from './facts';

export const LOUDNESS_TARGET_LUFS = -14;
export const LOUDNESS_TOLERANCE_LU = 0.5;
export const TRUE_PEAK_MAX_DB = -1;
/** Music under the voice during speech (PRODUCT.md): 8–12 dB. */
export const SPEECH_BALANCE_DB = { min: 8, max: 12 } as const;

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** What the app can do about a failed item. */
export type CheckFix =
  /** Export again from the timeline (the exporter masters the sound and writes the tags). */
  | { kind: 're-export'; crf?: number }
  /** Export the shape this platform wants. */
  | { kind: 'export-aspect'; aspect: '9:16' | '1:1' | '16:9' }
  /** Needs an edit: open the ad in the editor (trim, move a line, shorten text). */
  | { kind: 'open-editor' };

/** Every item code (the renderer has words for each: `quality.items.<code>.<pass|fail|unknown|variant>`). */
export const CHECK_CODES = [
  'container', 'faststart', 'no-video', 'video-codec', 'pixel-format', 'colour', 'no-audio', 'audio-codec', 'loudness', 'true-peak',
  'plan', 'voice-cut', 'voice-crosses-cut', 'speech-balance', 'layout', 'overlaps', 'unsafe-zones', 'truncations',
  'aspect', 'resolution', 'frame-rate', 'duration', 'duration-recommended', 'file-size', 'bitrate', 'platform-codec',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export interface CheckItem {
  code: CheckCode;
  status: CheckStatus;
  /** Which of a code's failure wordings applies ('low'/'high', 'small'/'big', 'long'/'short'). */
  variant?: string;
  params: Record<string, string | number>;
  message: string;
  fix?: CheckFix;
}

export interface PlatformFit {
  platform: Platform;
  ok: boolean;
  /** Codes of the items that fail for this platform. */
  failing: string[];
}

export interface CheckReport {
  platform: Platform | null;
  ok: boolean;
  items: CheckItem[];
  /** Every platform: does this file pass its specs? */
  fits: PlatformFit[];
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const mb = (bytes: number) => r1(bytes / (1024 * 1024));
const size = (bytes: number) => (bytes >= 1024 ** 3 ? `${r1(bytes / 1024 ** 3)} GB` : `${mb(bytes)} MB`);

function item(code: CheckCode, status: CheckStatus, message: string, params: CheckItem['params'] = {}, fix?: CheckFix, variant?: string): CheckItem {
  const it: CheckItem = { code, status, params, message };
  if (fix) it.fix = fix;
  if (variant) it.variant = variant;
  return it;
}

/** Items that hold whatever the platform (codecs, colour, sound, plan facts). */
function generalItems(f: FileFacts, plan: PlanFacts | 'unreadable' | null): CheckItem[] {
  const out: CheckItem[] = [];
  const mp4 = /mp4|mov/.test(f.container);
  out.push(item('container', mp4 ? 'pass' : 'fail', mp4 ? 'MP4 container' : `The container is ${f.container}, not MP4.`, { container: f.container }, mp4 ? undefined : { kind: 're-export' }));
  if (f.faststart !== null) out.push(item('faststart', f.faststart ? 'pass' : 'warn', f.faststart ? 'Index at the front (fast start)' : 'The index (moov) is at the end: the video cannot start playing before it has fully downloaded.', {}, f.faststart ? undefined : { kind: 're-export' }));
  const v = f.video;
  if (!v) out.push(item('no-video', 'fail', 'The file has no video stream.'));
  else {
    const h264 = v.codec === 'h264';
    out.push(item('video-codec', h264 ? 'pass' : 'fail', h264 ? `H.264 ${v.profile ?? ''}`.trim() : `Video codec ${v.codec}: networks expect H.264.`, { codec: v.codec, profile: v.profile ?? '' }, h264 ? undefined : { kind: 're-export' }));
    const ok420 = v.pixFmt === 'yuv420p';
    out.push(item('pixel-format', ok420 ? 'pass' : 'fail', ok420 ? '4:2:0 chroma (yuv420p)' : `Pixel format ${v.pixFmt ?? 'unknown'}: networks expect 4:2:0 (yuv420p).`, { pixFmt: v.pixFmt ?? '' }, ok420 ? undefined : { kind: 're-export' }));
    const tagged = v.colorPrimaries === 'bt709' && v.colorTransfer === 'bt709' && v.colorSpace === 'bt709' && (v.colorRange === 'tv' || v.colorRange === 'pc');
    out.push(
      item(
        'colour',
        tagged ? 'pass' : 'warn',
        tagged ? `BT.709, ${v.colorRange === 'tv' ? 'limited' : 'full'} range` : 'Colours are not tagged BT.709 with a stated range: players may guess and shift them.',
        { primaries: v.colorPrimaries ?? '', transfer: v.colorTransfer ?? '', matrix: v.colorSpace ?? '', range: v.colorRange ?? '' },
        tagged ? undefined : { kind: 're-export' },
      ),
    );
  }
  const a = f.audio;
  if (!a) out.push(item('no-audio', 'warn', 'The file has no sound.'));
  else {
    const aac = a.codec === 'aac';
    out.push(item('audio-codec', aac ? 'pass' : 'fail', aac ? `AAC ${a.sampleRate ? `${a.sampleRate / 1000} kHz` : ''} ${a.channels === 2 ? 'stereo' : a.channels === 1 ? 'mono' : ''}`.replace(/\s+/g, ' ').trim() : `Audio codec ${a.codec}: networks expect AAC.`, { codec: a.codec, sampleRate: a.sampleRate ?? 0 }, aac ? undefined : { kind: 're-export' }));
  }
  const l = f.loudness;
  if (a && l) {
    const off = l.integratedLufs - LOUDNESS_TARGET_LUFS;
    const okI = Math.abs(off) <= LOUDNESS_TOLERANCE_LU + 1e-9;
    out.push(item('loudness', okI ? 'pass' : 'fail', okI ? `${r1(l.integratedLufs)} LUFS integrated` : `${r1(l.integratedLufs)} LUFS integrated: ads should be ${LOUDNESS_TARGET_LUFS} ±${LOUDNESS_TOLERANCE_LU} LUFS (${off > 0 ? 'too loud' : 'too quiet'} by ${r1(Math.abs(off))} LU).`, { lufs: r1(l.integratedLufs), target: LOUDNESS_TARGET_LUFS, tolerance: LOUDNESS_TOLERANCE_LU, off: r1(Math.abs(off)) }, okI ? undefined : { kind: 're-export' }, okI ? undefined : off > 0 ? 'high' : 'low'));
    const tp = l.truePeakDb;
    if (tp === null) out.push(item('true-peak', 'unknown', 'True peak was not measured.'));
    else {
      const okTp = tp <= TRUE_PEAK_MAX_DB + 1e-9;
      out.push(item('true-peak', okTp ? 'pass' : 'fail', okTp ? `True peak ${r1(tp)} dBTP` : `True peak ${r1(tp)} dBTP: above ${TRUE_PEAK_MAX_DB} dBTP it can clip when a network re-encodes it.`, { dbtp: r1(tp), max: TRUE_PEAK_MAX_DB }, okTp ? undefined : { kind: 're-export' }));
    }
  }
  if (plan === 'unreadable') {
    out.push(item('plan', 'unknown', 'This file carries plan facts that cannot be read (the file was changed or damaged after export): layout and voice timing were not checked. Export it again from Zapcut.', {}, undefined, 'unreadable'));
    return out;
  }
  if (!plan) {
    out.push(item('plan', 'unknown', 'No plan facts in this file (not exported by this Zapcut version): layout and voice timing were not checked.'));
    return out;
  }
  const vf = plan.voice;
  const cut = vf.cutSeconds > 1 / 30;
  out.push(item('voice-cut', cut ? 'fail' : 'pass', cut ? `${vf.cutLines.length} voice line(s) cut off (${r1(vf.cutSeconds * 100) / 100} s of speech not heard): ${vf.cutLines.join(', ')}.` : vf.lines ? `All ${vf.lines} voice lines play to the end` : 'No voiceover', { seconds: Math.round(vf.cutSeconds * 100) / 100, lines: vf.cutLines.length, ids: vf.cutLines.join(', ') }, cut ? { kind: 'open-editor' } : undefined));
  if (vf.crossingCuts.length) out.push(item('voice-crosses-cut', 'warn', `${vf.crossingCuts.length} voice line(s) still speaking across a scene cut: ${vf.crossingCuts.join(', ')}.`, { lines: vf.crossingCuts.length, ids: vf.crossingCuts.join(', ') }, { kind: 'open-editor' }));
  const b = plan.balance;
  if (b) {
    const d = b.voiceOverMusicDb;
    const status: CheckStatus = d >= SPEECH_BALANCE_DB.min && d <= SPEECH_BALANCE_DB.max ? 'pass' : d < 6 ? 'fail' : 'warn';
    const msg =
      status === 'pass'
        ? `Music ${r1(d)} dB under the voice during speech`
        : d < SPEECH_BALANCE_DB.min
          ? `Music only ${r1(d)} dB under the voice during speech: the words are hard to follow (aim for ${SPEECH_BALANCE_DB.min}–${SPEECH_BALANCE_DB.max} dB). Lower the music or raise its ducking.`
          : `Music ${r1(d)} dB under the voice during speech: too quiet to hear on a phone (aim for ${SPEECH_BALANCE_DB.min}–${SPEECH_BALANCE_DB.max} dB). Raise the music track.`;
    out.push(item('speech-balance', status, msg, { db: r1(d), min: SPEECH_BALANCE_DB.min, max: SPEECH_BALANCE_DB.max }, status === 'pass' ? undefined : { kind: 'open-editor' }, status === 'pass' ? undefined : d < SPEECH_BALANCE_DB.min ? 'low' : 'high'));
  }
  const lay = plan.layout;
  if (!lay) out.push(item('layout', 'unknown', 'The layout was not checked for this export.'));
  else {
    const detail = lay.details.length ? `: ${lay.details.slice(0, 3).join('; ')}` : '';
    out.push(item('overlaps', lay.overlaps ? 'fail' : 'pass', lay.overlaps ? `${lay.overlaps} overlapping text/product box(es)${detail}` : 'No overlapping boxes', { count: lay.overlaps, ids: lay.items.overlaps.join(', ') }, lay.overlaps ? { kind: 'open-editor' } : undefined));
    out.push(item('unsafe-zones', lay.unsafe ? 'fail' : 'pass', lay.unsafe ? `${lay.unsafe} essential box(es) under the platforms' buttons and captions` : 'Nothing essential in the platforms\u2019 UI zones', { count: lay.unsafe, ids: lay.items.unsafe.join(', ') }, lay.unsafe ? { kind: 'open-editor' } : undefined));
    out.push(item('truncations', lay.truncations ? 'fail' : 'pass', lay.truncations ? `${lay.truncations} text(s) cut short with "…"` : 'No text cut short', { count: lay.truncations, ids: lay.items.truncations.join(', ') }, lay.truncations ? { kind: 'open-editor' } : undefined));
  }
  return out;
}

/** Items that depend on the network's published limits. */
export function platformItems(f: FileFacts, spec: PlatformSpec): CheckItem[] {
  const out: CheckItem[] = [];
  const v = f.video;
  const name = spec.name;
  if (v) {
    const ratio = v.width / v.height;
    const inRange = ratio >= spec.aspect.min * (1 - ASPECT_TOLERANCE) && ratio <= spec.aspect.max * (1 + ASPECT_TOLERANCE);
    out.push(
      item('aspect', inRange ? 'pass' : 'fail', inRange ? `${v.width}×${v.height} suits ${name}` : `${v.width}×${v.height} is not a shape ${name} accepts; export ${spec.preferredAspect}.`, { width: v.width, height: v.height, platform: spec.id, preferred: spec.preferredAspect, name }, inRange ? undefined : { kind: 'export-aspect', aspect: spec.preferredAspect }),
    );
    const min = spec.minFrame[orientationOf(v.width, v.height)];
    const bigEnough = v.width >= min.width && v.height >= min.height;
    const tooBig = spec.maxSide !== null && Math.max(v.width, v.height) > spec.maxSide;
    out.push(
      item(
        'resolution',
        bigEnough && !tooBig ? 'pass' : 'fail',
        !bigEnough ? `${v.width}×${v.height} is below ${name}'s minimum of ${min.width}×${min.height}; export at 1080p.` : tooBig ? `${v.width}×${v.height} is above ${name}'s maximum of ${spec.maxSide} px per side; export at 1080p.` : `${v.width}×${v.height} within ${name}'s limits`,
        { width: v.width, height: v.height, minWidth: min.width, minHeight: min.height, maxSide: spec.maxSide ?? 0, name },
        bigEnough && !tooBig ? undefined : { kind: 're-export' },
        !bigEnough ? 'small' : tooBig ? 'big' : undefined,
      ),
    );
    if (spec.maxFps !== null && v.fps !== null && v.fps > spec.maxFps + 0.01) out.push(item('frame-rate', 'fail', `${r1(v.fps)} fps is above ${name}'s ${spec.maxFps} fps.`, { fps: r1(v.fps), max: spec.maxFps, name }, { kind: 'open-editor' }));
  }
  const d = f.durationS;
  const inDur = d >= spec.durationS.min - 0.05 && d <= spec.durationS.max + 0.05;
  out.push(
    item('duration', inDur ? 'pass' : 'fail', inDur ? `${r1(d)} s within ${name}'s ${spec.durationS.min}–${spec.durationS.max} s` : `${r1(d)} s is outside ${name}'s ${spec.durationS.min}–${spec.durationS.max} s.${d > spec.durationS.max ? ' Trim it in the editor.' : ''}`, { seconds: r1(d), min: spec.durationS.min, max: spec.durationS.max, name }, inDur ? undefined : { kind: 'open-editor' }, inDur ? undefined : d > spec.durationS.max ? 'long' : 'short'),
  );
  const rec = spec.recommendedDurationS;
  if (inDur && rec && (d < rec.min - 0.05 || d > rec.max + 0.05)) out.push(item('duration-recommended', 'warn', `${name} suggests ${rec.min}–${rec.max} s; this ad is ${r1(d)} s.`, { seconds: r1(d), min: rec.min, max: rec.max, name }));
  const sizeOk = f.bytes <= spec.maxBytes && f.bytes >= (spec.minBytes ?? 0);
  out.push(item('file-size', sizeOk ? 'pass' : 'fail', sizeOk ? `${size(f.bytes)} within ${name}'s ${size(spec.maxBytes)}` : f.bytes > spec.maxBytes ? `${size(f.bytes)} is over ${name}'s ${size(spec.maxBytes)}.` : `${r1(f.bytes / 1024)} KB is under ${name}'s minimum of ${r1((spec.minBytes ?? 0) / 1024)} KB.`, { mb: mb(f.bytes), maxMb: mb(spec.maxBytes), kb: r1(f.bytes / 1024), minKb: r1((spec.minBytes ?? 0) / 1024), name }, sizeOk ? undefined : { kind: 're-export', crf: f.bytes > spec.maxBytes ? 28 : 18 }, sizeOk ? undefined : f.bytes > spec.maxBytes ? 'big' : 'small'));
  if (spec.minKbps !== undefined || spec.maxKbps !== undefined) {
    const low = spec.minKbps !== undefined && f.kbps < spec.minKbps;
    const high = spec.maxKbps !== undefined && f.kbps > spec.maxKbps;
    out.push(item('bitrate', low || high ? 'fail' : 'pass', low ? `${Math.round(f.kbps)} kbit/s is below ${name}'s ${spec.minKbps} kbit/s.` : high ? `${Math.round(f.kbps)} kbit/s is above ${name}'s ${spec.maxKbps} kbit/s.` : `${Math.round(f.kbps)} kbit/s`, { kbps: Math.round(f.kbps), min: spec.minKbps ?? 0, max: spec.maxKbps ?? 0, name }, low ? { kind: 're-export', crf: 18 } : high ? { kind: 're-export', crf: 28 } : undefined, low ? 'low' : high ? 'high' : undefined));
  }
  const codecOk = !v || spec.videoCodecs.includes(v.codec);
  if (!codecOk) out.push(item('platform-codec', 'fail', `${name} takes ${spec.videoCodecs.join('/')} video, not ${v!.codec}.`, { codec: v!.codec, codecs: spec.videoCodecs.join('/'), name }, { kind: 're-export' }));
  return out;
}

export function checkAd(file: FileFacts, plan: PlanFacts | 'unreadable' | null, platform: Platform | null = null): CheckReport {
  const general = generalItems(file, plan);
  const generalFails = general.filter((i) => i.status === 'fail').map((i) => i.code);
  const fits = Platform.options.map((p): PlatformFit => {
    const failing = [...generalFails, ...platformItems(file, PLATFORM_SPECS[p]).filter((i) => i.status === 'fail').map((i) => i.code)];
    return { platform: p, ok: failing.length === 0, failing };
  });
  const items = platform ? [...general, ...platformItems(file, PLATFORM_SPECS[platform])] : general;
  return { platform, ok: !items.some((i) => i.status === 'fail'), items, fits };
}
