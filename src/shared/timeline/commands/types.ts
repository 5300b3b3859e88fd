/**
 * Edit commands on the timeline document (issue 8). A command is plain data: the editor builds
 * it from a key press or a drag, `applyCommand` turns (document, command) into a new document or
 * a refusal with a reason. Drag commands are absolute ("trim the end to frame 120"), so a drag
 * re-applies its latest command to the document as it was when the drag began (see history.ts).
 */
import type { Anchor, AspectPreset, AudioRole, Ducking, ImageSlot, MainClip, MediaEntry, OverlayItem, Placement, TextRole, TextStyle, Transition } from '../model';
import type { TimelineIssue } from '../issues';

export type Edge = 'start' | 'end';

export type EditCommand =
  /** Move an edge of any item (main, overlay or audio clip) to a timeline frame. Main-track
   *  trims ripple: later main clips move with the edit, gaps and crossfades are kept. */
  | { type: 'trim'; itemId: string; edge: Edge; frame: number }
  /** Split the item at a timeline frame; the right part gets `newId` (or a fresh id). */
  | { type: 'split'; itemId: string; frame: number; newId?: string }
  /** Remove an item and leave a gap. */
  | { type: 'delete'; itemId: string }
  /** Remove an item and close the gap: later items on the same track move left. */
  | { type: 'rippleDelete'; itemId: string }
  /** Move a main clip to another position in the main-track order (the track is re-packed). */
  | { type: 'reorder'; itemId: string; toIndex: number }
  /** How a main clip joins the one before it: a crossfade of n frames, a dip, or a cut. */
  | { type: 'setTransition'; itemId: string; kind: Transition['kind']; frames: number }
  /** Move / resize / retime an overlay (image or text). */
  | { type: 'updateOverlay'; itemId: string; start?: number; duration?: number; placement?: Partial<Placement> | null; slot?: ImageSlot | null; opacity?: number; fadeInFrames?: number; fadeOutFrames?: number; trackId?: string }
  /** Caption / title text and style. */
  | { type: 'setText'; itemId: string; text?: string; role?: TextRole; style?: Partial<TextStyle> }
  /** Move an audio clip in time (and optionally to another audio track). */
  | { type: 'moveAudio'; itemId: string; start: number; trackId?: string }
  /** Per-clip volume (main clip's own sound or an audio clip), linear 0–4. */
  | { type: 'setClipGain'; itemId: string; gain: number }
  /** Per-track volume / mute (audio tracks) and visibility (overlay tracks). */
  | { type: 'setTrack'; trackId: string; gain?: number; muted?: boolean; hidden?: boolean }
  | { type: 'setDucking'; patch: Partial<Ducking> }
  | { type: 'setFit'; itemId: string; fit: MainClip['fit'] }
  /** The project's aspect preset (what the preview shows and exports default to). */
  | { type: 'setPreset'; preset: AspectPreset }
  /** Media entries: add (import) or replace (relink a missing file). */
  | { type: 'putMedia'; mediaId: string; entry: MediaEntry }
  /** Insert new items (imports, new titles). Main clips are inserted at `index` and the track
   *  re-packed from there (ripple insert). */
  | { type: 'insertMain'; clip: MainClip; index: number }
  | { type: 'insertOverlay'; trackId: string; item: OverlayItem }
  | { type: 'insertAudio'; role: AudioRole; trackId?: string; clip: { id: string; media: string; start: number; in: number; out: number; gain?: number } }
  /** Several commands as one undo step (e.g. import = putMedia + insertMain). */
  | { type: 'batch'; commands: EditCommand[] };

/** What a command needs to know about the world that the document does not say. */
export interface CommandContext {
  /** Source length in project frames (video/audio); undefined = unknown or a still (no limit). */
  mediaFrames?(mediaId: string): number | undefined;
}

/** A refusal's `reason` is English (CLI, logs); when the timeline check refused, `issue` holds it as data for the app to word. */
export type CommandResult<T> = { ok: true; doc: T } | { ok: false; reason: string; itemId?: string; issue?: TimelineIssue };

export type { Anchor };
