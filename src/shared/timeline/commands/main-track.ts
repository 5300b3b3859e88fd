/**
 * Main-track edits. The main track is magnetic: a trim or a ripple delete moves every later
 * clip by the same amount, so crossfades (which pin a clip's start to the previous clip's end)
 * and gaps survive every edit. A plain delete leaves a gap.
 *
 * Trims, transition changes and ripple deletes ripple every track (issue 19): what starts at or after the first
 * scene that moves — product shots, titles, captions, voice lines, sound effects — moves with it
 * by the same amount, so picture, voice and captions never drift apart; what starts earlier (a
 * caption of an earlier scene, the music bed from frame 0) stays. The ad gets longer or shorter.
 */
import type { MainClip, Timeline, Transition } from '../model';
import { freshId } from './ids';
import { clipEnd, clipLength, sortedMain } from './locate';
import { refuse, requireInt } from './refuse';
import type { CommandContext, Edge } from './types';

const withMain = (tl: Timeline, clips: MainClip[]): Timeline => ({ ...tl, main: { ...tl.main, clips } });

/** Moves clips [from, end) by delta frames. */
function shiftFrom(clips: MainClip[], from: number, delta: number): void {
  if (delta === 0) return;
  for (let i = from; i < clips.length; i++) {
    const c = clips[i]!;
    if (c.start + delta < 0) refuse(`the edit would move "${c.id}" before the start of the timeline`, c.id);
    clips[i] = { ...c, start: c.start + delta };
  }
}

/** Moves every overlay and audio item starting at or after `from` by delta frames. */
function rippleTracks(tl: Timeline, from: number, delta: number): Timeline {
  if (delta === 0) return tl;
  const move = <T extends { id: string; start: number }>(it: T): T => {
    if (it.start < from) return it;
    if (it.start + delta < 0) refuse(`the edit would move "${it.id}" before the start of the timeline`, it.id);
    return { ...it, start: it.start + delta };
  };
  return {
    ...tl,
    overlays: tl.overlays.map((t) => ({ ...t, items: t.items.map(move) })),
    audio: tl.audio.map((t) => ({ ...t, clips: t.clips.map(move) })),
  };
}

function indexOf(clips: MainClip[], id: string): number {
  const k = clips.findIndex((c) => c.id === id);
  if (k < 0) refuse(`main clip "${id}" does not exist`, id);
  return k;
}

function sourceLimit(tl: Timeline, c: MainClip, ctx: CommandContext): number {
  if (tl.media[c.media]?.kind === 'image') return Infinity;
  return ctx.mediaFrames?.(c.media) ?? Infinity;
}

export function trimMain(tl: Timeline, id: string, edge: Edge, frame: number, ctx: CommandContext): Timeline {
  requireInt(frame, 'trim frame', 0);
  const clips = [...sortedMain(tl)];
  const k = indexOf(clips, id);
  const c = clips[k]!;
  const len = clipLength(c);
  const next = clips[k + 1];
  const minLen = Math.max(1, c.transitionIn.kind === 'crossfade' ? c.transitionIn.frames : 0, next?.transitionIn.kind === 'crossfade' ? next.transitionIn.frames : 0);
  const newLength = edge === 'end' ? frame - c.start : len - (frame - c.start);
  if (newLength < minLen && minLen > 1) refuse(`"${c.id}" must stay at least ${minLen} frames long because of its crossfade; shorten the crossfade first`, c.id);
  if (edge === 'end') {
    const newLen = frame - c.start;
    if (newLen < 1) refuse(`"${c.id}" must stay at least 1 frame long`, c.id);
    const limit = sourceLimit(tl, c, ctx);
    if (c.in + newLen > limit) refuse(`"${c.id}" has only ${limit - c.in} frames of source after its in point`, c.id);
    clips[k] = { ...c, out: c.in + newLen };
    shiftFrom(clips, k + 1, newLen - len);
    return next ? rippleTracks(withMain(tl, clips), next.start, newLen - len) : withMain(tl, clips);
  }
  const delta = frame - c.start;
  if (c.in + delta < 0) refuse(`"${c.id}" has only ${c.in} frames of source before its in point`, c.id);
  if (len - delta < 1) refuse(`"${c.id}" must stay at least 1 frame long`, c.id);
  clips[k] = { ...c, in: c.in + delta };
  shiftFrom(clips, k + 1, -delta);
  return next ? rippleTracks(withMain(tl, clips), next.start, -delta) : withMain(tl, clips);
}

export function splitMain(tl: Timeline, id: string, frame: number, newId: string | undefined): Timeline {
  requireInt(frame, 'split frame', 0);
  const clips = [...sortedMain(tl)];
  const k = indexOf(clips, id);
  const c = clips[k]!;
  if (frame <= c.start || frame >= clipEnd(c)) refuse(`the playhead (frame ${frame}) is not inside "${c.id}" (${c.start}–${clipEnd(c)}); move it into the clip to split`, c.id);
  const cut = c.in + (frame - c.start);
  const right: MainClip = { ...c, id: newId ?? freshId(tl, c.id), start: frame, in: cut, transitionIn: { kind: 'cut', frames: 0 } };
  clips.splice(k, 1, { ...c, out: cut }, right);
  return withMain(tl, clips);
}

/** Removes every overlay and audio item that starts in [from, to): what was on a deleted scene. */
function dropStartingIn(tl: Timeline, from: number, to: number): Timeline {
  const keep = (it: { start: number }) => it.start < from || it.start >= to;
  return {
    ...tl,
    overlays: tl.overlays.map((t) => ({ ...t, items: t.items.filter(keep) })),
    audio: tl.audio.map((t) => ({ ...t, clips: t.clips.filter(keep) })),
  };
}

/**
 * A plain delete leaves a gap and touches nothing else. A ripple delete takes the scene out of the
 * ad on every track: what starts on it (its title, captions, voice line, product shot, sound
 * effects) goes with it, and everything after it moves up by the same amount, so the rest of the
 * ad stays in sync; what starts earlier (the music bed from frame 0) stays. Undo brings it all back.
 */
export function deleteMain(tl: Timeline, id: string, ripple: boolean): Timeline {
  const clips = [...sortedMain(tl)];
  const k = indexOf(clips, id);
  const c = clips[k]!;
  const next = clips[k + 1];
  clips.splice(k, 1);
  if (!next) return ripple ? dropStartingIn(withMain(tl, clips), c.start, Infinity) : withMain(tl, clips);
  if (ripple) {
    // The next clip takes the deleted clip's place and its way of joining the one before.
    const inherited: Transition = k === 0 ? { kind: 'cut', frames: 0 } : c.transitionIn;
    clips[k] = { ...next, transitionIn: inherited };
    shiftFrom(clips, k, c.start - next.start);
    return rippleTracks(dropStartingIn(withMain(tl, clips), c.start, next.start), next.start, c.start - next.start);
  }
  if (next.transitionIn.kind === 'crossfade') clips[k] = { ...next, transitionIn: { kind: 'cut', frames: 0 } };
  return withMain(tl, clips);
}

/** Moves a clip in the order and re-packs the track: each clip starts where the previous one
 *  ends (minus its crossfade, shortened if the new neighbours are too short for it). */
export function reorderMain(tl: Timeline, id: string, toIndex: number): Timeline {
  requireInt(toIndex, 'target position', 0);
  const clips = [...sortedMain(tl)];
  const k = indexOf(clips, id);
  const [c] = clips.splice(k, 1);
  clips.splice(Math.min(toIndex, clips.length), 0, c!);
  let cursor = 0;
  const packed = clips.map((clip, i) => {
    let t = clip.transitionIn;
    const prev = clips[i - 1];
    if (i === 0 && t.kind === 'crossfade') t = { kind: 'cut', frames: 0 };
    if (prev && t.kind === 'crossfade') {
      const frames = Math.min(t.frames, clipLength(clip), clipLength(prev));
      t = frames > 0 ? { kind: 'crossfade', frames } : { kind: 'cut', frames: 0 };
    }
    const start = Math.max(0, cursor - (t.kind === 'crossfade' ? t.frames : 0));
    cursor = start + clipLength(clip);
    return { ...clip, start, transitionIn: t };
  });
  return withMain(tl, packed);
}

export function setTransition(tl: Timeline, id: string, kind: Transition['kind'], frames: number): Timeline {
  const clips = [...sortedMain(tl)];
  const k = indexOf(clips, id);
  const c = clips[k]!;
  const prev = clips[k - 1];
  if (kind === 'cut') frames = 0;
  else requireInt(frames, `${kind} length`, kind === 'dip' ? 2 : 1);
  if (!prev) {
    if (kind === 'crossfade') refuse(`"${c.id}" is the first clip: there is nothing to crossfade from`, c.id);
    clips[k] = { ...c, transitionIn: { kind, frames } };
    return withMain(tl, clips);
  }
  const prevEnd = clipEnd(prev);
  if (kind === 'crossfade' && (frames > clipLength(c) || frames > clipLength(prev))) {
    refuse(`a ${frames}-frame crossfade is longer than "${frames > clipLength(c) ? c.id : prev.id}" (${Math.min(clipLength(c), clipLength(prev))} frames); shorten it`, c.id);
  }
  const gap = c.transitionIn.kind === 'crossfade' ? 0 : Math.max(0, c.start - prevEnd);
  const newStart = kind === 'crossfade' ? prevEnd - frames : prevEnd + gap;
  clips[k] = { ...c, transitionIn: { kind, frames } };
  shiftFrom(clips, k, newStart - c.start);
  return rippleTracks(withMain(tl, clips), c.start, newStart - c.start);
}

/** Inserts a clip at a position in the order; later clips move right to make room. */
export function insertMain(tl: Timeline, clip: MainClip, index: number): Timeline {
  requireInt(index, 'insert position', 0);
  const clips = [...sortedMain(tl)];
  const at = Math.min(index, clips.length);
  const prev = clips[at - 1];
  const next = clips[at];
  const t = prev ? clip.transitionIn : { kind: 'cut' as const, frames: 0 };
  const start = prev ? clipEnd(prev) - (t.kind === 'crossfade' ? t.frames : 0) : next ? Math.min(next.start, clip.start) : clip.start;
  const placed = { ...clip, start, transitionIn: t };
  clips.splice(at, 0, placed);
  if (next) {
    // Keep how `next` joined its old predecessor (gap or crossfade) against the new clip.
    const join = next.start - (prev ? clipEnd(prev) : start);
    shiftFrom(clips, at + 1, clipEnd(placed) + join - next.start);
  }
  return withMain(tl, clips);
}

export function setMainClip(tl: Timeline, id: string, patch: Partial<Pick<MainClip, 'gain' | 'fit'>>): Timeline {
  const clips = [...tl.main.clips];
  const k = indexOf(clips, id);
  clips[k] = { ...clips[k]!, ...patch };
  return withMain(tl, clips);
}
