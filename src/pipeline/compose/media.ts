/**
 * Before FFmpeg starts: resolve every media entry the plan uses to a local file, probe it, and
 * check it can play the part the timeline gives it. Problems name the media and the items that
 * use it, and nothing is rendered.
 */
import type { MediaEntry, Plan, Timeline } from '../../shared/timeline';
import { AppError } from '../../shared/errors';
import { probeMedia, type ProbeResult } from '../ffmpeg/probe';
import type { MediaFacts } from './graph';

/** Turns a timeline media entry into a local path (the app: the media store by sha256; the
 *  CLI: a folder or the project bundle). May throw AppError NOT_FOUND. */
export type MediaResolver = (mediaId: string, entry: MediaEntry) => string | Promise<string>;

/** Seconds a source may fall short of a clip before it is an error (it holds its last frame). */
export const SHORT_SOURCE_TOLERANCE_S = 0.5;

function usersOf(plan: Plan, mediaId: string): string[] {
  return [...plan.layers.filter((l) => 'media' in l && l.media === mediaId), ...plan.sounds.filter((s) => s.media === mediaId)].map((x) => `"${x.id}"`);
}

export async function prepareMedia(
  timeline: Timeline,
  plan: Plan,
  resolve: MediaResolver,
  ffprobePath: string,
  signal?: AbortSignal,
): Promise<{ facts: Record<string, MediaFacts>; probes: Record<string, ProbeResult> }> {
  const facts: Record<string, MediaFacts> = {};
  const probes: Record<string, ProbeResult> = {};
  for (const id of Object.keys(plan.media)) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'Export cancelled.');
    const entry = timeline.media[id]!;
    const label = `media "${id}"${entry.name ? ` (${entry.name})` : ''} used by ${usersOf(plan, id).join(', ')}`;
    let file: string;
    try {
      file = await resolve(id, entry);
    } catch (err) {
      const e = err instanceof AppError ? err : null;
      throw new AppError(e?.code ?? 'NOT_FOUND', `Cannot find ${label}: ${e?.message ?? String(err)}`, { details: { mediaId: id }, cause: err });
    }
    let probe: ProbeResult;
    try {
      probe = await probeMedia(ffprobePath, file, { signal });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('UNSUPPORTED_MEDIA', String(err));
      throw new AppError(e.code, `${label}: ${e.message}`, { details: { mediaId: id, file }, cause: err });
    }
    const uses = plan.media[id]!.usedAs;
    if ((uses.includes('main') || uses.includes('overlay')) && !probe.hasVideo) {
      throw new AppError('VALIDATION', `${label} has no picture (it is audio-only), so it cannot be on the main or overlay track. Put it on an audio track.`, { details: { mediaId: id } });
    }
    if (uses.includes('audio') && !probe.hasAudio && plan.sounds.some((s) => s.media === id && s.role !== 'scene')) {
      throw new AppError('VALIDATION', `${label} has no sound, so it cannot be on an audio track.`, { details: { mediaId: id } });
    }
    const still = probe.video?.still ?? false;
    const durationS = still ? null : (probe.video?.durationS ?? probe.audio?.durationS ?? probe.durationS);
    if (durationS !== null) {
      for (const l of plan.layers) {
        if (!('media' in l) || l.media !== id) continue;
        const from = (l.kind === 'clip' ? l.sourceIn : 0) / plan.fps;
        const need = from + (l.end - l.start) / plan.fps;
        if (from >= durationS || need - durationS > SHORT_SOURCE_TOLERANCE_S) {
          throw new AppError('VALIDATION', `"${l.id}" needs ${id} up to ${need.toFixed(2)} s but the file is ${durationS.toFixed(2)} s long. Trim the clip (out point) to fit.`, { details: { itemId: l.id, mediaId: id } });
        }
      }
    }
    probes[id] = probe;
    facts[id] = { path: file, sar: probe.video?.sar ?? 1, durationS, still, hasAudio: probe.hasAudio, hasAlpha: probe.video?.hasAlpha ?? false, width: probe.video?.displayWidth ?? null, height: probe.video?.displayHeight ?? null };
  }
  return { facts, probes };
}
