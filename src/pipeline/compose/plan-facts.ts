/**
 * Facts about a plan that only the plan knows, measured while exporting it and written into the
 * MP4 (PLAN_FACTS_TAG) so `zapcut check` on any copy of the file can report them:
 * - voice: is any voice line cut off (by its clip's end or the ad's), does any keep speaking
 *   across a scene cut — judged on each line's audible span, not its silent padding;
 * - balance: music under the voice during speech — the voice stem and the music stem (with their
 *   gains and ducking, before the master, which scales both alike) rendered on their own and
 *   measured over the speech windows (where the plan places voice lines), see ffmpeg/loudness.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { layoutReport, type Plan } from '../../shared/timeline';
import type { LayoutFacts, PlanFacts, SpeechBalance, VoiceFacts } from '../../shared/quality/facts';
import { loudnessOverWindows, parseR128Metadata } from '../ffmpeg/loudness';
import { runFfmpeg } from '../ffmpeg/run';
import { speechSpan, type SpeechSpan } from '../ffmpeg/speech-span';
import { toFfmpegAudio, type MediaFacts } from './graph';
import type { Mastering } from './audio';

/** A line may run this far past a cut before it counts as crossing it (a syllable's tail). */
const CROSS_TOLERANCE_S = 0.1;

/** Voice facts from the plan and each voice file's audible span (pure). */
export function voiceFactsOf(plan: Plan, spans: Record<string, SpeechSpan>): VoiceFacts {
  const fps = plan.fps;
  const cuts = plan.layers.filter((l) => l.kind === 'clip').slice(1).map((l) => l.start / fps);
  const voices = plan.sounds.filter((s) => s.role === 'voice');
  let cutSeconds = 0;
  const cutLines: string[] = [];
  const crossingCuts: string[] = [];
  for (const s of voices) {
    const span = spans[s.media];
    const from = s.sourceIn / fps;
    const played = (s.end - s.start) / fps;
    const audibleEnd = span ? span.endS : from + played;
    const lost = Math.max(0, audibleEnd - (from + played));
    if (lost > 1 / fps) {
      cutSeconds += lost;
      cutLines.push(s.id);
    }
    const start = s.start / fps + Math.max(0, (span?.startS ?? from) - from);
    const end = s.start / fps + Math.min(played, Math.max(0, audibleEnd - from));
    if (cuts.some((c) => start < c - CROSS_TOLERANCE_S && end > c + CROSS_TOLERANCE_S)) crossingCuts.push(s.id);
  }
  return { lines: voices.length, cutSeconds: Math.round(cutSeconds * 1000) / 1000, cutLines, crossingCuts };
}

export async function measureVoiceFacts(plan: Plan, media: Record<string, MediaFacts>, ffmpegPath: string, signal?: AbortSignal): Promise<VoiceFacts> {
  const spans: Record<string, SpeechSpan> = {};
  for (const s of plan.sounds) {
    if (s.role !== 'voice' || spans[s.media]) continue;
    const m = media[s.media];
    if (!m?.hasAudio || m.durationS === null) continue;
    spans[s.media] = await speechSpan(ffmpegPath, m.path, m.durationS, signal);
  }
  return voiceFactsOf(plan, spans);
}

/** Seconds where the plan has someone speaking (voice sounds, merged). */
export function speechWindows(plan: Plan): Array<[number, number]> {
  const w = plan.sounds
    .filter((s) => s.role === 'voice')
    .map((s): [number, number] => [s.start / plan.fps, s.end / plan.fps])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const x of w) {
    const last = merged[merged.length - 1];
    if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
    else merged.push([x[0], x[1]]);
  }
  return merged;
}

/** Renders one stem and measures its 100 ms blocks (one sound-only FFmpeg run). */
async function stemBlocks(plan: Plan, media: Record<string, MediaFacts>, ffmpegPath: string, role: 'voice' | 'music', work: string, signal?: AbortSignal) {
  const script = path.join(work, `${role}.txt`);
  const meta = path.join(work, `${role}.r128.txt`);
  const job = toFfmpegAudio(plan, { media, filterScriptPath: script }, { roles: [role], tail: { kind: 'blocks', file: meta } });
  await writeFile(script, job.filterScript, 'utf8');
  await runFfmpeg({ ffmpegPath, args: [...job.args, '-f', 'null', '-'], output: null, signal });
  return parseR128Metadata(await readFile(meta, 'utf8'));
}

export async function measureSpeechBalance(plan: Plan, media: Record<string, MediaFacts>, ffmpegPath: string, signal?: AbortSignal): Promise<SpeechBalance | null> {
  const windows = speechWindows(plan);
  const audible = (role: string) => plan.sounds.some((s) => s.role === role && media[s.media]?.hasAudio);
  if (!windows.length || !audible('voice') || !audible('music')) return null;
  const work = await mkdtemp(path.join(tmpdir(), 'zapcut-stems-'));
  try {
    const voice = loudnessOverWindows(await stemBlocks(plan, media, ffmpegPath, 'voice', work, signal), windows);
    const music = loudnessOverWindows(await stemBlocks(plan, media, ffmpegPath, 'music', work, signal), windows);
    // Never write a non-number into the file's facts: JSON turns NaN into null and the whole plan
    // facts would then be unreadable to `zapcut check`.
    if (voice === null || music === null || !Number.isFinite(voice) || !Number.isFinite(music)) return null;
    const r2 = (v: number) => Math.round(v * 100) / 100;
    return { voiceLufs: r2(voice), musicLufs: r2(music), voiceOverMusicDb: r2(voice - music) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const IMAGE_ROLES = new Set(['product', 'logo', 'image']);

/** The layout solver's report on the exported plan (issue 16): text and images as drawn, and the items at fault. */
export function layoutFacts(plan: Plan, media: Record<string, MediaFacts>): LayoutFacts {
  const r = layoutReport(plan, { imageSize: (id) => (media[id]?.width && media[id]?.height ? { width: media[id]!.width!, height: media[id]!.height! } : undefined) });
  const details = [
    ...r.overlaps.map((o) => (o.reason ? `${o.a} / ${o.b}: ${o.reason}` : `${o.a} overlaps ${o.b} (frames ${o.fromFrame}–${o.toFrame})`)),
    ...r.unsafe.map((u) => `${u.id} (${u.role}) is in a platform's UI zone (${u.px} px², frames ${u.fromFrame}–${u.toFrame})`),
    ...r.truncations.map((t) => `${t.id} (${t.role}) was cut: "${t.shown.replace(/\n/g, ' ')}"`),
  ];
  // Layer ids → the timeline item they draw (a caption page's word states share their item's id).
  const item = new Map(r.boxes.map((b) => [b.id, { id: b.group, text: !IMAGE_ROLES.has(b.role) }]));
  const itemsOf = (layerIds: string[]) => {
    const found = [...new Set(layerIds)].map((id) => item.get(id) ?? { id, text: true });
    return [...new Set([...found.filter((f) => f.text), ...found.filter((f) => !f.text)].map((f) => f.id))].slice(0, 50);
  };
  return {
    overlaps: r.overlaps.length,
    unsafe: r.unsafe.length,
    truncations: r.truncations.length,
    details: details.slice(0, 50),
    items: { overlaps: itemsOf(r.overlaps.flatMap((o) => [o.a, o.b])), unsafe: itemsOf(r.unsafe.map((u) => u.id)), truncations: itemsOf(r.truncations.map((t) => t.id)) },
  };
}

export async function measurePlanFacts(plan: Plan, media: Record<string, MediaFacts>, ffmpegPath: string, mastering: Mastering | null, signal?: AbortSignal): Promise<PlanFacts> {
  return {
    version: 1,
    voice: await measureVoiceFacts(plan, media, ffmpegPath, signal),
    balance: await measureSpeechBalance(plan, media, ffmpegPath, signal),
    layout: layoutFacts(plan, media),
    master: mastering ? { gainDb: mastering.gainDb, targetLufs: mastering.targetLufs } : null,
  };
}
