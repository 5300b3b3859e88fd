/**
 * The editor's part of the contract (issue 8): open/save the project document, import and
 * relink media, filmstrips + waveforms, export with progress. Spread into `channels` and
 * `Events` in ../contract.ts.
 */
import { z } from 'zod';
import { TextSpec } from '../timeline/text-layout';
import { ImportSource } from './asset';
import { Aspect } from './aspect';

const Id = z.string().min(1).max(64);
const out = <T>() => undefined as unknown as T;

/** Short side of the export in px: 720p, 1080p or 4K (2160). */
export const ExportResolution = z.union([z.literal(720), z.literal(1080), z.literal(2160)]);
export type ExportResolution = z.infer<typeof ExportResolution>;

/** What the editor knows about one media entry of the document. */
export interface EditorMedia {
  mediaId: string;
  kind: 'video' | 'image' | 'audio';
  name: string;
  sha256: string | null;
  /** Renderer-loadable URL; null when the file is missing (the clip shows "offline"). */
  url: string | null;
  online: boolean;
  durationS: number | null;
  width: number | null;
  height: number | null;
  hasAudio: boolean;
}

export interface EditorProject {
  projectId: string;
  title: string;
  /** Version of the document row this was read from (autosave writes version + 1). */
  version: number;
  /** The timeline document (validated by parseTimeline on the way out). */
  timeline: unknown;
  media: EditorMedia[];
  /** Set when the newest saved version could not be read and an older one was opened. */
  recovered: { badVersion: number; reason: string } | null;
}

export interface MediaInfo {
  sha256: string;
  /** A horizontal sprite of `filmstripFrames` thumbnails spread over the file; null for audio. */
  filmstripUrl: string | null;
  filmstripFrames: number;
  /** Peak amplitude 0–1, `peaksPerSecond` values per second; empty when there is no sound. */
  peaks: number[];
  peaksPerSecond: number;
  durationS: number | null;
}

/** A text picture rendered by the text engine for the preview (the export draws the same file). */
export interface TextRasterView {
  key: string;
  /** Renderer-loadable URL of the PNG. */
  url: string;
  width: number;
  height: number;
  fontSize: number;
  lines: string[];
  truncated: boolean;
}

export interface ExportJob {
  exportId: string;
  projectId: string;
}

/** One saved version of a project's timeline (newest first in lists). */
export interface TimelineVersion {
  version: number;
  savedAt: string;
  /** The version the editor and the Ads view show. */
  current: boolean;
  /** Aspects of the ad rendered from exactly this version. */
  rendered: Array<'16:9' | '9:16' | '1:1'>;
}

export const editorChannels = {
  /** Opens a project's newest good timeline, or creates a blank project when no id is given. */
  'editor/open': { input: z.object({ projectId: Id.optional(), title: z.string().min(1).max(200).optional() }).strict(), output: out<EditorProject>() },
  /**
   * Autosave: stores the document as a new version. An invalid document is refused (VALIDATION) and the last good version stays.
   * `baseVersion` is the version the editor's document grew from: if another writer (a revision from the chat or the Ads page, a
   * scene made again) saved a newer one since, the save is refused (CONFLICT) instead of silently undoing that change.
   */
  'editor/save': { input: z.object({ projectId: Id, timeline: z.unknown(), baseVersion: z.number().int().min(0).optional() }).strict(), output: out<{ version: number; savedAt: string }>() },
  /** The saved versions (autosaves, newest first): when, which is current, which aspects were rendered from each. */
  'editor/versions': { input: z.object({ projectId: Id }).strict(), output: out<TimelineVersion[]>() },
  /** Saves an older version again as the newest (nothing is lost) and returns the reopened project. */
  /** baseVersion: restore only if that is still the newest version (CONFLICT otherwise, nothing written). */
  'editor/restore': { input: z.object({ projectId: Id, version: z.number().int().min(1), baseVersion: z.number().int().min(0).optional() }).strict(), output: out<EditorProject>() },
  /** Copies video/image/audio files into the media store; the renderer adds them to the document with commands. */
  'editor/importMedia': { input: z.object({ projectId: Id, files: z.array(ImportSource).min(1).max(20) }).strict(), output: out<EditorMedia[]>() },
  /** Filmstrip thumbnails and waveform peaks, computed once with FFmpeg and cached. */
  'editor/mediaInfo': { input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), output: out<MediaInfo>() },
  /** Imports a replacement for a missing file; the renderer points the media entry at it (an undoable command). */
  'editor/relink': { input: z.object({ projectId: Id, mediaId: Id, kind: z.enum(['video', 'image', 'audio']), file: ImportSource }).strict(), output: out<EditorMedia>() },
  /** Fits and renders text items with the one text engine (cached by spec), for the preview canvas. */
  'editor/textRasters': { input: z.object({ specs: z.array(TextSpec).min(1).max(500) }).strict(), output: out<TextRasterView[]>() },
  /**
   * Renders one format to `<folder>/<name> <aspect> <resolution>.mp4` (never over an existing
   * file: " 2", " 3"… is added). Without `timeline` the project's current saved timeline is used
   * (the Ads page); folder defaults to `<data>/exports`, name to the project's title.
   */
  'export/start': {
    input: z
      .object({
        projectId: Id,
        timeline: z.unknown().optional(),
        aspect: Aspect,
        resolution: ExportResolution,
        draft: z.boolean().optional(),
        folder: z.string().trim().min(1).max(4096).optional(),
        name: z.string().trim().min(1).max(120).optional(),
      })
      .strict(),
    output: out<ExportJob>(),
  },
  /** The export dialog's defaults: the folder it saves into and the file name (the project's title, made file-safe). */
  'export/defaults': { input: z.object({ projectId: Id }).strict(), output: out<{ folder: string; name: string }>() },
  'export/cancel': { input: z.object({ exportId: Id }).strict(), output: out<{ cancelled: boolean }>() },
} as const;

export interface EditorEvents {
  'export/progress': { exportId: string; projectId: string; stage: 'preparing' | 'mastering' | 'encoding' | 'thumbnail' | 'done'; percent: number; etaS: number | null };
  'export/finished': {
    exportId: string;
    projectId: string;
    status: 'done' | 'failed' | 'cancelled';
    /** The MP4 on disk (show it in the file manager) and its media URL. */
    path: string | null;
    url: string | null;
    error: { code: string; message: string } | null;
  };
}
