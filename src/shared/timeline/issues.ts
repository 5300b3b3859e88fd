/**
 * A timeline problem as data (issue 19 #13: errors never name internal ids). Each issue carries a
 * `code`, the items it is about described well enough to name them without the document (a scene
 * clip's media, a text item's role and words), and its lengths and moments in frames. The renderer
 * words it in the person's language, with names and seconds (`features/editor/issue-text.ts`);
 * `message` stays the English wording, with ids, for the CLI and the logs; `itemId` selects the item.
 */
import { z } from 'zod';

export const ItemRef = z.object({
  id: z.string(),
  /** clip: on the video track; text/image: an overlay; audio: a sound; track; media: a file entry. */
  kind: z.enum(['clip', 'text', 'image', 'audio', 'track', 'media', 'item']),
  /** A text item's role (caption, title…), a sound's or a track's role (voice, music…). */
  role: z.string().optional(),
  /** The media entry a clip, picture or sound shows or plays. */
  media: z.string().optional(),
  /** That media file's own name (a hash for stored pictures: the renderer names those itself). */
  name: z.string().optional(),
  /** A text item's words. */
  text: z.string().optional(),
});
export type ItemRef = z.infer<typeof ItemRef>;

export const TimelineIssueCode = z.enum([
  'schema_foreign',
  'version_newer',
  'version_older',
  'field_invalid',
  'duplicate_id',
  'media_missing',
  'media_kind',
  'clip_empty',
  'clip_short_for_transitions',
  'transition_zero',
  'crossfade_first',
  'crossfade_too_long',
  'crossfade_misplaced',
  'overlap',
  'dip_too_long',
  'text_empty',
  'overlay_fades_too_long',
  'audio_empty',
  'audio_fades_too_long',
  'timeline_empty',
]);
export type TimelineIssueCode = z.infer<typeof TimelineIssueCode>;

export const TimelineIssue = z.object({
  /** The item's id when the problem belongs to one (clip, overlay, track, media entry): to select it. */
  itemId: z.string().nullable(),
  /** JSON path, e.g. "main.clips[2].out". */
  path: z.string(),
  /** English, with ids and frames: for the CLI and the logs, never shown in the app. */
  message: z.string(),
  code: TimelineIssueCode,
  item: ItemRef.optional(),
  /** A second item the problem involves (the clip overlapped, the clip before a crossfade). */
  other: ItemRef.optional(),
  fps: z.number().positive().optional(),
  /** Lengths and moments in frames; `start` and `expected` are moments, the rest are lengths. */
  frames: z.record(z.string(), z.number()).optional(),
  /** Anything else the words need (a media kind, a field's name, a version number). */
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type TimelineIssue = z.infer<typeof TimelineIssue>;

/** The issues an error carries (`details.issues` of a VALIDATION AppError), or null: read at the boundary. */
export function issuesOf(details: unknown): TimelineIssue[] | null {
  const r = z.object({ issues: z.array(TimelineIssue).min(1) }).safeParse(details);
  return r.success ? r.data.issues : null;
}
