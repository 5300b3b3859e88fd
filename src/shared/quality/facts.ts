/**
 * The facts an export check judges: what the file itself says (measured from the MP4 by
 * pipeline/quality/inspect.ts) and what the plan said when it was exported (recorded into the
 * file by the exporter, so a check of any copy of the file still knows them).
 */
import { z } from 'zod';

export const FileFacts = z.object({
  /** ffprobe's format names, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: z.string(),
  /** The moov atom comes before the media data (plays while downloading; YouTube asks for it). */
  faststart: z.boolean().nullable(),
  bytes: z.number().int().nonnegative(),
  durationS: z.number().nonnegative(),
  /** Whole-file bitrate, kbit/s. */
  kbps: z.number().nonnegative(),
  video: z
    .object({
      codec: z.string(),
      profile: z.string().nullable(),
      pixFmt: z.string().nullable(),
      width: z.number().int(),
      height: z.number().int(),
      fps: z.number().nullable(),
      colorPrimaries: z.string().nullable(),
      colorTransfer: z.string().nullable(),
      colorSpace: z.string().nullable(),
      colorRange: z.string().nullable(),
    })
    .nullable(),
  audio: z.object({ codec: z.string(), sampleRate: z.number().nullable(), channels: z.number().nullable() }).nullable(),
  /** ebur128 of the decoded sound; null when the file has none. */
  loudness: z.object({ integratedLufs: z.number(), truePeakDb: z.number().nullable(), lraLu: z.number() }).nullable(),
});
export type FileFacts = z.infer<typeof FileFacts>;

export const VoiceFacts = z.object({
  /** Voice lines in the plan. */
  lines: z.number().int().nonnegative(),
  /** Seconds of recorded voice that are not played (a line cut by its clip's end or the ad's). */
  cutSeconds: z.number().nonnegative(),
  /** Ids of the lines that lose more than a frame. */
  cutLines: z.array(z.string()),
  /** Ids of lines still speaking when the picture cuts (or starts crossfading) to the next scene. */
  crossingCuts: z.array(z.string()),
});
export type VoiceFacts = z.infer<typeof VoiceFacts>;

export const SpeechBalance = z.object({
  /** BS.1770 loudness of each stem over the speech windows (where the plan places voice lines). */
  voiceLufs: z.number(),
  musicLufs: z.number(),
  /** voiceLufs − musicLufs: how far the music sits under the voice while someone speaks. */
  voiceOverMusicDb: z.number(),
});
export type SpeechBalance = z.infer<typeof SpeechBalance>;

/** Layout facts from the layout solver's report (issue 16, text and layout): counts + what. */
export const LayoutFacts = z.object({
  overlaps: z.number().int().nonnegative(),
  unsafe: z.number().int().nonnegative(),
  truncations: z.number().int().nonnegative(),
  details: z.array(z.string()).max(50).default([]),
  /** The timeline items at fault (overlay item ids, text before images), so the app can select them. */
  items: z
    .object({ overlaps: z.array(z.string().max(200)).max(50), unsafe: z.array(z.string().max(200)).max(50), truncations: z.array(z.string().max(200)).max(50) })
    .default({ overlaps: [], unsafe: [], truncations: [] }),
});
export type LayoutFacts = z.infer<typeof LayoutFacts>;

export const PlanFacts = z.object({
  version: z.literal(1),
  voice: VoiceFacts,
  balance: SpeechBalance.nullable(),
  /** Null until the timeline's layout can be reported (older exports). */
  layout: LayoutFacts.nullable(),
  /** What the master measured before the encode (the file's own loudness is measured again). */
  master: z.object({ gainDb: z.number(), targetLufs: z.number() }).nullable(),
});
export type PlanFacts = z.infer<typeof PlanFacts>;

/** The MP4 metadata key the exporter writes PlanFacts into (JSON). */
export const PLAN_FACTS_TAG = 'zapcut_plan_facts';
