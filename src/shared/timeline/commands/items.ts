/**
 * Overlay (image/text) and audio-clip edits. These tracks are free-form: items keep their own
 * start, so trims and moves touch only the item (ripple delete closes the gap on its own track).
 */
import { AudioClip, OverlayItem, type AudioRole, type Timeline } from '../model';
import { freshId } from './ids';
import { clipLength, locate } from './locate';
import { refuse, requireInt } from './refuse';
import type { CommandContext, Edge, EditCommand } from './types';

type Overlay = OverlayItem;

function findOverlay(tl: Timeline, id: string) {
  const at = locate(tl, id);
  if (!at || at.where !== 'overlay') refuse(`overlay "${id}" does not exist`, id);
  return at;
}
function findAudio(tl: Timeline, id: string) {
  const at = locate(tl, id);
  if (!at || at.where !== 'audio') refuse(`audio clip "${id}" does not exist`, id);
  return at;
}

/** Shortens fades that no longer fit after a retime (a drag should never be refused for them). */
function fitFades<T extends { duration: number; fadeInFrames: number; fadeOutFrames: number }>(item: T): T {
  if (item.fadeInFrames + item.fadeOutFrames <= item.duration) return item;
  const half = Math.floor(item.duration / 2);
  return { ...item, fadeInFrames: Math.min(item.fadeInFrames, half), fadeOutFrames: Math.min(item.fadeOutFrames, item.duration - Math.min(item.fadeInFrames, half)) };
}

/** Schema check of one edited item (ranges, colours): cheap, unlike re-parsing the document. */
function checked<T>(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, item: T & { id: string }): T {
  const r = schema.safeParse(item);
  if (!r.success) {
    const issue = r.error!.issues[0]!;
    refuse(`"${item.id}": ${issue.path.map(String).join('.') || 'value'} ${issue.message}`, item.id);
  }
  return item;
}

function replaceOverlay(tl: Timeline, trackIndex: number, index: number, items: Overlay[]): Timeline {
  const overlays = [...tl.overlays];
  const track = overlays[trackIndex]!;
  const next = [...track.items];
  next.splice(index, 1, ...items);
  overlays[trackIndex] = { ...track, items: next };
  return { ...tl, overlays };
}

function replaceAudio(tl: Timeline, trackIndex: number, index: number, clips: AudioClip[]): Timeline {
  const audio = [...tl.audio];
  const track = audio[trackIndex]!;
  const next = [...track.clips];
  next.splice(index, 1, ...clips);
  audio[trackIndex] = { ...track, clips: next };
  return { ...tl, audio };
}

export function trimOverlay(tl: Timeline, id: string, edge: Edge, frame: number): Timeline {
  requireInt(frame, 'trim frame', 0);
  const at = findOverlay(tl, id);
  const it = at.item;
  const end = it.start + it.duration;
  const next = edge === 'start' ? { ...it, start: frame, duration: end - frame } : { ...it, duration: frame - it.start };
  if (next.duration < 1) refuse(`"${id}" must stay at least 1 frame long`, id);
  return replaceOverlay(tl, at.trackIndex, at.index, [fitFades(next)]);
}

export function splitOverlay(tl: Timeline, id: string, frame: number, newId?: string): Timeline {
  requireInt(frame, 'split frame', 0);
  const at = findOverlay(tl, id);
  const it = at.item;
  if (frame <= it.start || frame >= it.start + it.duration) refuse(`the playhead (frame ${frame}) is not inside "${id}"`, id);
  const left = fitFades({ ...it, duration: frame - it.start, fadeOutFrames: 0 });
  const right = fitFades({ ...it, id: newId ?? freshId(tl, id), start: frame, duration: it.start + it.duration - frame, fadeInFrames: 0 });
  return replaceOverlay(tl, at.trackIndex, at.index, [left, right]);
}

export function deleteOverlay(tl: Timeline, id: string, ripple: boolean): Timeline {
  const at = findOverlay(tl, id);
  let out = replaceOverlay(tl, at.trackIndex, at.index, []);
  if (ripple) {
    const end = at.item.start + at.item.duration;
    const overlays = [...out.overlays];
    const track = overlays[at.trackIndex]!;
    overlays[at.trackIndex] = { ...track, items: track.items.map((i) => (i.start >= end ? { ...i, start: i.start - at.item.duration } : i)) };
    out = { ...out, overlays };
  }
  return out;
}

export function updateOverlay(tl: Timeline, cmd: Extract<EditCommand, { type: 'updateOverlay' }>): Timeline {
  const at = findOverlay(tl, cmd.itemId);
  const it = at.item;
  if (cmd.start !== undefined) requireInt(cmd.start, 'start', 0);
  if (cmd.duration !== undefined) requireInt(cmd.duration, 'duration', 1);
  // `placement: null` sends text back to its layout slot.
  const base = cmd.placement === null && it.kind === 'text' ? { ...it, placement: undefined } : it;
  const next = checked(OverlayItem, fitFades({
    ...base,
    ...(cmd.start !== undefined ? { start: cmd.start } : {}),
    ...(cmd.duration !== undefined ? { duration: cmd.duration } : {}),
    ...(cmd.opacity !== undefined ? { opacity: cmd.opacity } : {}),
    ...(cmd.fadeInFrames !== undefined ? { fadeInFrames: cmd.fadeInFrames } : {}),
    ...(cmd.fadeOutFrames !== undefined ? { fadeOutFrames: cmd.fadeOutFrames } : {}),
    // Text in a layout slot has no placement until the editor gives it one; an image leaves its slot when told.
    ...((it.placement || cmd.placement) && cmd.placement !== null ? { placement: { ...it.placement, ...cmd.placement } } : {}),
    ...(it.kind === 'image' && cmd.slot !== undefined ? { slot: cmd.slot ?? undefined } : {}),
  } as Overlay));
  if (cmd.trackId === undefined || cmd.trackId === at.track.id) return replaceOverlay(tl, at.trackIndex, at.index, [next]);
  const target = tl.overlays.findIndex((t) => t.id === cmd.trackId);
  if (target < 0) refuse(`overlay track "${cmd.trackId}" does not exist`, cmd.itemId);
  const removed = replaceOverlay(tl, at.trackIndex, at.index, []);
  const overlays = [...removed.overlays];
  overlays[target] = { ...overlays[target]!, items: [...overlays[target]!.items, next] };
  return { ...removed, overlays };
}

export function setText(tl: Timeline, cmd: Extract<EditCommand, { type: 'setText' }>): Timeline {
  const at = findOverlay(tl, cmd.itemId);
  const it = at.item;
  if (it.kind !== 'text') refuse(`"${cmd.itemId}" is an image, not text`, cmd.itemId);
  if (cmd.text !== undefined && !cmd.text.trim()) refuse(`a text item cannot be empty; delete "${cmd.itemId}" instead`, cmd.itemId);
  const next = checked(OverlayItem, { ...it, ...(cmd.text !== undefined ? { text: cmd.text } : {}), ...(cmd.role ? { role: cmd.role } : {}), style: { ...it.style, ...cmd.style } });
  return replaceOverlay(tl, at.trackIndex, at.index, [next]);
}

export function insertOverlay(tl: Timeline, trackId: string, item: Overlay): Timeline {
  const ti = tl.overlays.findIndex((t) => t.id === trackId);
  if (ti < 0) refuse(`overlay track "${trackId}" does not exist`);
  checked(OverlayItem, item);
  const overlays = [...tl.overlays];
  overlays[ti] = { ...overlays[ti]!, items: [...overlays[ti]!.items, item] };
  return { ...tl, overlays };
}

function audioLimit(tl: Timeline, media: string, ctx: CommandContext): number {
  return ctx.mediaFrames?.(media) ?? Infinity;
}

export function trimAudio(tl: Timeline, id: string, edge: Edge, frame: number, ctx: CommandContext): Timeline {
  requireInt(frame, 'trim frame', 0);
  const at = findAudio(tl, id);
  const c = at.clip;
  let next: AudioClip;
  if (edge === 'start') {
    const delta = frame - c.start;
    if (c.in + delta < 0) refuse(`"${id}" has only ${c.in} frames of sound before its in point`, id);
    next = { ...c, start: frame, in: c.in + delta };
  } else {
    next = { ...c, out: c.in + (frame - c.start) };
    const limit = audioLimit(tl, c.media, ctx);
    if (next.out > limit) refuse(`"${id}" has only ${limit - c.in} frames of sound after its in point`, id);
  }
  const len = clipLength(next);
  if (len < 1) refuse(`"${id}" must stay at least 1 frame long`, id);
  if (next.fadeInFrames + next.fadeOutFrames > len) {
    const fi = Math.min(next.fadeInFrames, Math.floor(len / 2));
    next = { ...next, fadeInFrames: fi, fadeOutFrames: Math.min(next.fadeOutFrames, len - fi) };
  }
  return replaceAudio(tl, at.trackIndex, at.index, [next]);
}

export function splitAudio(tl: Timeline, id: string, frame: number, newId?: string): Timeline {
  requireInt(frame, 'split frame', 0);
  const at = findAudio(tl, id);
  const c = at.clip;
  if (frame <= c.start || frame >= c.start + clipLength(c)) refuse(`the playhead (frame ${frame}) is not inside "${id}"`, id);
  const cut = c.in + (frame - c.start);
  const left = { ...c, out: cut, fadeOutFrames: 0, fadeInFrames: Math.min(c.fadeInFrames, cut - c.in) };
  const right = { ...c, id: newId ?? freshId(tl, id), start: frame, in: cut, fadeInFrames: 0, fadeOutFrames: Math.min(c.fadeOutFrames, c.out - cut) };
  return replaceAudio(tl, at.trackIndex, at.index, [left, right]);
}

export function deleteAudio(tl: Timeline, id: string, ripple: boolean): Timeline {
  const at = findAudio(tl, id);
  let out = replaceAudio(tl, at.trackIndex, at.index, []);
  if (ripple) {
    const len = clipLength(at.clip);
    const end = at.clip.start + len;
    const audio = [...out.audio];
    const track = audio[at.trackIndex]!;
    audio[at.trackIndex] = { ...track, clips: track.clips.map((c) => (c.start >= end ? { ...c, start: c.start - len } : c)) };
    out = { ...out, audio };
  }
  return out;
}

export function moveAudio(tl: Timeline, id: string, start: number, trackId?: string): Timeline {
  requireInt(start, 'start', 0);
  const at = findAudio(tl, id);
  const moved = { ...at.clip, start };
  if (trackId === undefined || trackId === at.track.id) return replaceAudio(tl, at.trackIndex, at.index, [moved]);
  const target = tl.audio.findIndex((t) => t.id === trackId);
  if (target < 0) refuse(`audio track "${trackId}" does not exist`, id);
  const removed = replaceAudio(tl, at.trackIndex, at.index, []);
  const audio = [...removed.audio];
  audio[target] = { ...audio[target]!, clips: [...audio[target]!.clips, moved] };
  return { ...removed, audio };
}

export function setAudioGain(tl: Timeline, id: string, gain: number): Timeline {
  const at = findAudio(tl, id);
  return replaceAudio(tl, at.trackIndex, at.index, [checked(AudioClip, { ...at.clip, gain })]);
}

export function insertAudio(tl: Timeline, role: AudioRole, trackId: string | undefined, clip: Extract<EditCommand, { type: 'insertAudio' }>['clip']): Timeline {
  const ti = trackId ? tl.audio.findIndex((t) => t.id === trackId) : tl.audio.findIndex((t) => t.role === role);
  const full = checked(AudioClip, { gain: 1, fadeInFrames: 0, fadeOutFrames: 0, ...clip });
  if (ti < 0) {
    const id = freshId(tl, role);
    return { ...tl, audio: [...tl.audio, { id, role, gain: role === 'voice' ? 1 : role === 'music' ? 0.3 : 0.5, muted: false, clips: [full] }] };
  }
  return replaceAudio(tl, ti, tl.audio[ti]!.clips.length, [full]);
}
