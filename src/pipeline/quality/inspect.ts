/**
 * inspectExport(file) → the facts `checkAd` judges, measured from the MP4 itself: ffprobe for the
 * container, streams and colour tags; the top-level MP4 boxes for fast start; ebur128 for
 * integrated loudness and true peak; and the plan facts the exporter recorded in its metadata.
 */
import { open, stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { FileFacts, PLAN_FACTS_TAG, PlanFacts } from '../../shared/quality/facts';
import { measureLoudness } from '../ffmpeg/loudness';
import { probeMedia } from '../ffmpeg/probe';
import { VARIANT_TAG } from '../../shared/variants';

/**
 * Whether the `moov` box comes before `mdat` (reads only the 8–16-byte box headers). Null when
 * the file is not an ISO-BMFF file or the boxes cannot be walked.
 */
export async function moovBeforeMdat(file: string): Promise<boolean | null> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(16);
    let at = 0;
    for (let n = 0; n < 64 && at + 8 <= size; n++) {
      const { bytesRead } = await fh.read(head, 0, 16, at);
      if (bytesRead < 8) return null;
      let len = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
      if (type === 'moov') return true;
      if (type === 'mdat') return false;
      if (len === 1) {
        if (bytesRead < 16) return null;
        len = Number(head.readBigUInt64BE(8));
      } else if (len === 0) return null;
      if (len < 8) return null;
      at += len;
    }
    return null;
  } finally {
    await fh.close();
  }
}

/**
 * The plan facts the exporter wrote into the file's metadata: null when the file has none (made
 * elsewhere, or by an older Zapcut), 'unreadable' when the tag is there but is not valid facts
 * (changed or damaged after export) — the check says which.
 */
export function readPlanFacts(tags: Record<string, string>): PlanFacts | 'unreadable' | null {
  const raw = tags[PLAN_FACTS_TAG];
  if (!raw) return null;
  try {
    const parsed = PlanFacts.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

export interface Inspection {
  facts: FileFacts;
  /** The facts, or null when there are none or they cannot be read (`planUnreadable` says which). */
  plan: PlanFacts | null;
  planUnreadable: boolean;
  /** The variant id the exporter wrote (VARIANT_TAG), or null: joins the file back to its hook and CTA. */
  variantId: string | null;
}

/** What checkAd takes for the plan: the facts, 'unreadable', or null. */
export function planForCheck(i: Inspection): PlanFacts | 'unreadable' | null {
  return i.planUnreadable ? 'unreadable' : i.plan;
}

export async function inspectExport(file: string, bins: { ffmpegPath: string; ffprobePath: string }, signal?: AbortSignal): Promise<Inspection> {
  const st = await stat(file).catch(() => null);
  if (!st?.isFile()) throw new AppError('NOT_FOUND', `There is no file at ${file}.`);
  const p = await probeMedia(bins.ffprobePath, file, { signal });
  if (!p.video && !p.audio) throw new AppError('UNSUPPORTED_MEDIA', `${file} has no video or sound.`);
  const durationS = p.durationS ?? p.video?.durationS ?? p.audio?.durationS ?? 0;
  const loud = p.audio ? await measureLoudness(bins.ffmpegPath, file, { signal }) : null;
  const v = p.video;
  const facts: FileFacts = {
    container: p.formatName,
    faststart: /mp4|mov/.test(p.formatName) ? await moovBeforeMdat(file) : null,
    bytes: st.size,
    durationS,
    kbps: p.bitRate !== null ? p.bitRate / 1000 : durationS > 0 ? (st.size * 8) / durationS / 1000 : 0,
    video: v
      ? {
          codec: v.codec,
          profile: v.profile,
          pixFmt: v.pixFmt,
          width: v.displayWidth,
          height: v.displayHeight,
          fps: v.fps,
          colorPrimaries: v.color.primaries,
          colorTransfer: v.color.transfer,
          colorSpace: v.color.matrix,
          colorRange: v.color.range,
        }
      : null,
    audio: p.audio ? { codec: p.audio.codec, sampleRate: p.audio.sampleRate, channels: p.audio.channels } : null,
    // A silent track measures −∞: its true peak is "not measured" and its loudness the meter's
    // floor (−70 LUFS), never a non-number the facts refuse (the check crashed on a silent export).
    loudness: loud
      ? {
          integratedLufs: Number.isFinite(loud.integratedLufs) ? loud.integratedLufs : -70,
          truePeakDb: loud.truePeakDb !== null && Number.isFinite(loud.truePeakDb) ? loud.truePeakDb : null,
          lraLu: Number.isFinite(loud.lraLu) ? loud.lraLu : 0,
        }
      : null,
  };
  const plan = readPlanFacts(p.tags);
  const variant = p.tags[VARIANT_TAG];
  return { facts: FileFacts.parse(facts), plan: plan === 'unreadable' ? null : plan, planUnreadable: plan === 'unreadable', variantId: variant && /^[A-Za-z0-9_.:-]{1,80}$/.test(variant) ? variant : null };
}
