/**
 * Revising a finished ad (issue 19 #4): a scene's spoken line, its title or the end card's call to
 * action changed after generation. Only what changed is made again — a line is spoken again by the
 * ad's own voice engine and its captions retimed to the new speech; titles and the CTA are text
 * layers laid out again at render — never a scene's video. The chat, the Ads page and the editor
 * send the same typed changes.
 */
import { z } from 'zod';
import type { EditorMedia } from './editor';

const Id = z.string().min(1).max(64);
const SceneNo = z.number().int().min(1).max(12).describe('a scene number as the creator sees it (1 = first)');

export const AdChange = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set_line'), scene: SceneNo, line: z.string().trim().min(1).max(400).describe('the new voice line, spoken words only') }).strict(),
  z.object({ op: z.literal('shorten_line'), scene: SceneNo }).strict(),
  z.object({ op: z.literal('set_title'), scene: SceneNo, title: z.string().trim().min(1).max(120) }).strict(),
  z.object({ op: z.literal('set_cta'), action: z.string().trim().min(1).max(60).describe("the end card's button text, e.g. 'Order today'") }).strict(),
]);
export type AdChange = z.infer<typeof AdChange>;

export const AdReviseInput = z
  .object({
    projectId: Id,
    changes: z.array(AdChange).min(1).max(12),
    /**
     * The editor's open document: revised and returned, not saved (the editor applies it as one
     * undo step and autosaves it). Without it the ad's current timeline is revised and saved.
     */
    timeline: z.unknown().optional(),
  })
  .strict();
export type AdReviseInput = z.infer<typeof AdReviseInput>;

export const AdCopyInput = z.object({ projectId: Id }).strict();

/** What a finished ad says, scene by scene: what the revise form and the chat start from. */
export interface AdCopy {
  scenes: { scene: number; title: string; line: string; voiced: boolean; windowSeconds: number | null }[];
  /** The end card's button text ('' when the ad has none). */
  cta: string;
  /** The ad can be revised (finished, and made by a run whose voice can speak again). */
  revisable: boolean;
}

export interface AdLineFlag {
  scene: number;
  /** Seconds the new line speaks, and the seconds its scene gives it. */
  seconds: number;
  windowSeconds: number;
}

export interface AdRevisionResult {
  /** The saved timeline version (null when the editor's document was revised and returned). */
  version: number | null;
  /** The revised document (the editor applies it). */
  timeline: unknown;
  /** The editor's view of media the revision added (a new voice line), when the editor's document was revised. */
  media: EditorMedia[];
  changed: { op: AdChange['op']; scene: number | null; text: string }[];
  /** Lines spoken again (the only new calls: no scene, picture or music is made). */
  voiceLines: number;
  /** Lines that no longer fit their scene: the voice is cut with a fade where the next line begins. */
  flags: AdLineFlag[];
}
