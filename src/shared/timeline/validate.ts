/**
 * Turning untrusted JSON into a Timeline, and the rules zod cannot express (overlaps, transition
 * lengths, media references). Every problem is data (`issues.ts`): a code, the items it is about
 * and its frames, so the editor can select the item and say it with names and seconds; its English
 * `message` (`main clip "scene-2"`) is for the CLI and the logs.
 */
import { type z } from 'zod';
import { AppError } from '../errors';
import type { ItemRef, TimelineIssue, TimelineIssueCode } from './issues';
import { TIMELINE_SCHEMA, TIMELINE_VERSION, Timeline, type AudioClip, type MainClip, type MediaKind, type OverlayItem } from './model';

function pathString(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Walks the raw document along a zod issue path to find the nearest object with an `id`. */
function describe(raw: unknown, path: readonly PropertyKey[]): { itemId: string | null; label: string; ref?: ItemRef } {
  let node: unknown = raw;
  let itemId: string | null = null;
  let label = 'timeline';
  let ref: ItemRef | undefined;
  let audioRole: string | undefined;
  const media = (raw as { media?: Record<string, { name?: unknown }> } | null)?.media;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    const o = node && typeof node === 'object' ? (node as Record<string, unknown>) : null;
    if (o && path[0] === 'audio' && i === 1) audioRole = str(o.role);
    const id = o ? o.id : undefined;
    if (o && typeof id === 'string') {
      itemId = id;
      const where = path.slice(0, i + 1).map(String);
      const kind = where[0] === 'main' ? 'main clip' : where[0] === 'overlays' ? (where.length > 3 ? 'overlay item' : 'overlay track') : where[0] === 'audio' ? (where.length > 3 ? 'audio clip' : 'audio track') : 'item';
      label = `${kind} "${id}"`;
      const m = str(o.media);
      const name = m && media && typeof media === 'object' ? str(media[m]?.name) : undefined;
      const refKind: ItemRef['kind'] = kind === 'main clip' ? 'clip' : kind === 'overlay item' ? (o.kind === 'text' ? 'text' : 'image') : kind === 'audio clip' ? 'audio' : kind.endsWith('track') ? 'track' : 'item';
      ref = { id, kind: refKind, ...(str(o.role) ?? (refKind === 'audio' ? audioRole : undefined) ? { role: str(o.role) ?? audioRole } : {}), ...(m ? { media: m } : {}), ...(name ? { name } : {}), ...(str(o.text) ? { text: str(o.text) } : {}) };
    } else if (path[0] === 'media' && i === 1) {
      itemId = String(key);
      label = `media "${String(key)}"`;
      ref = { id: String(key), kind: 'media', ...(o && str(o.name) ? { name: str(o.name) } : {}) };
    }
  }
  return { itemId, label, ...(ref ? { ref } : {}) };
}

export function issuesToError(issues: TimelineIssue[], what = 'The timeline'): AppError {
  const shown = issues.slice(0, 5).map((i) => i.message);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new AppError('VALIDATION', `${what} is not valid: ${shown.join('; ')}${more}.`, { details: { issues } });
}

/**
 * Parses a timeline from untrusted JSON (a file, IPC, the pipeline). Unknown schema versions and
 * every schema problem become AppError('VALIDATION') whose message and `details.issues` name the
 * offending items. Semantic checks (overlaps etc.) are in `checkTimeline`, run by `compile`.
 */
export function parseTimeline(raw: unknown): Timeline {
  if (raw && typeof raw === 'object') {
    const { schema, version } = raw as { schema?: unknown; version?: unknown };
    if (schema !== undefined && schema !== TIMELINE_SCHEMA) {
      throw issuesToError([{ itemId: null, path: 'schema', code: 'schema_foreign', message: `"schema" is ${JSON.stringify(schema)}, expected "${TIMELINE_SCHEMA}" — this is not a Zapcut timeline` }]);
    }
    if (typeof version === 'number' && version !== TIMELINE_VERSION) {
      const newer = version > TIMELINE_VERSION;
      const hint = newer ? 'it was written by a newer Zapcut; update Zapcut to open it' : 'it is older than anything this Zapcut can read';
      throw issuesToError([{ itemId: null, path: 'version', code: newer ? 'version_newer' : 'version_older', values: { version, reads: TIMELINE_VERSION }, message: `timeline schema version ${version} is not supported (this Zapcut reads version ${TIMELINE_VERSION}): ${hint}` }]);
    }
  }
  const parsed = Timeline.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw issuesToError(zodIssues(raw, parsed.error));
}

export function zodIssues(raw: unknown, error: z.ZodError): TimelineIssue[] {
  return error.issues.map((issue) => {
    const { itemId, label, ref } = describe(raw, issue.path);
    const path = pathString(issue.path);
    // The setting's own name ("fit"), not its place in the document.
    const field = [...issue.path].reverse().find((p) => typeof p === 'string');
    return {
      itemId,
      path,
      code: 'field_invalid' as const,
      ...(ref ? { item: ref } : {}),
      values: { field: typeof field === 'string' ? field : '' },
      message: `${label} ${path ? `(${path})` : ''}: ${issue.message}`.replace(/\s+:/, ':'),
    };
  });
}

const fmt = (frames: number, fps: number) => `${frames} frame${frames === 1 ? '' : 's'} (${(frames / fps).toFixed(2)} s)`;

/** Semantic rules of a parsed timeline. Empty array means valid. */
export function checkTimeline(tl: Timeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  type Extra = { item?: ItemRef; other?: ItemRef; frames?: Record<string, number>; values?: Record<string, string | number> };
  const add = (itemId: string | null, path: string, code: TimelineIssueCode, message: string, extra: Extra = {}) =>
    issues.push({ itemId, path, code, message, fps: tl.fps, ...extra });
  const nameOf = (mediaId: string) => tl.media[mediaId]?.name;
  const clipRef = (c: MainClip): ItemRef => ({ id: c.id, kind: 'clip', media: c.media, ...(nameOf(c.media) ? { name: nameOf(c.media) } : {}) });
  const overlayRef = (o: OverlayItem): ItemRef =>
    o.kind === 'text' ? { id: o.id, kind: 'text', role: o.role, text: o.text } : { id: o.id, kind: 'image', media: o.media, ...(nameOf(o.media) ? { name: nameOf(o.media) } : {}) };
  const audioRef = (c: AudioClip, role: string): ItemRef => ({ id: c.id, kind: 'audio', role, media: c.media, ...(nameOf(c.media) ? { name: nameOf(c.media) } : {}) });
  const ids = new Map<string, string>();
  const claim = (id: string, path: string, item: ItemRef) => {
    const prev = ids.get(id);
    if (prev) add(id, path, 'duplicate_id', `id "${id}" is used twice (${prev} and ${path}); ids must be unique`, { item });
    else ids.set(id, path);
  };
  const needMedia = (item: ItemRef, path: string, mediaId: string, allowed: MediaKind[], what: string) => {
    const m = tl.media[mediaId];
    if (!m) return add(item.id, path, 'media_missing', `${what} "${item.id}" uses media "${mediaId}", which is not in the timeline's media list`, { item });
    if (!allowed.includes(m.kind)) add(item.id, path, 'media_kind', `${what} "${item.id}" uses ${m.kind} media "${mediaId}"${m.name ? ` (${m.name})` : ''}, but it needs ${allowed.join(' or ')}`, { item, values: { has: m.kind } });
  };

  const clips = tl.main.clips.map((c, i) => ({ c, i })).sort((a, b) => a.c.start - b.c.start);
  clips.forEach(({ c, i }, k) => {
    const path = `main.clips[${i}]`;
    const item = clipRef(c);
    claim(c.id, path, item);
    needMedia(item, path, c.media, ['video', 'image'], 'main clip');
    const len = c.out - c.in;
    if (len <= 0) return add(c.id, `${path}.out`, 'clip_empty', `main clip "${c.id}" has out (${c.out}) ≤ in (${c.in}); it must be at least 1 frame long`, { item });
    const t = c.transitionIn;
    const prev = clips[k - 1]?.c;
    const nextT = clips[k + 1]?.c.transitionIn;
    const edge = (x: typeof t | undefined) => (!x ? 0 : x.kind === 'crossfade' ? x.frames : x.kind === 'dip' ? Math.ceil(x.frames / 2) : 0);
    if (prev && nextT && edge(t) + edge(nextT) > len) {
      add(c.id, path, 'clip_short_for_transitions', `main clip "${c.id}" (${fmt(len, tl.fps)}) is shorter than its transitions in and out together (${fmt(edge(t) + edge(nextT), tl.fps)}); shorten a transition or lengthen the clip`, { item, frames: { length: len, transitions: edge(t) + edge(nextT) } });
    }
    if (t.kind !== 'cut' && t.frames === 0) add(c.id, `${path}.transitionIn`, 'transition_zero', `main clip "${c.id}" has a ${t.kind} of 0 frames; use a cut or give it a length`, { item, values: { transition: t.kind } });
    if (!prev) {
      if (t.kind === 'crossfade') add(c.id, `${path}.transitionIn`, 'crossfade_first', `main clip "${c.id}" is first on the main track, so it cannot crossfade from a previous clip`, { item });
      return;
    }
    const prevLen = prev.out - prev.in;
    const prevEnd = prev.start + prevLen;
    const other = clipRef(prev);
    if (t.kind === 'crossfade') {
      if (t.frames > len || t.frames > prevLen) {
        const self = t.frames > len;
        add(c.id, `${path}.transitionIn.frames`, 'crossfade_too_long', `crossfade into main clip "${c.id}" is ${fmt(t.frames, tl.fps)}, longer than ${self ? `"${c.id}" (${fmt(len, tl.fps)})` : `the previous clip "${prev.id}" (${fmt(prevLen, tl.fps)})`}; shorten the crossfade`, {
          item,
          other: self ? item : other,
          frames: { crossfade: t.frames, length: self ? len : prevLen },
        });
      } else if (c.start !== prevEnd - t.frames) {
        add(c.id, `${path}.start`, 'crossfade_misplaced', `main clip "${c.id}" crossfades for ${fmt(t.frames, tl.fps)}, so it must start at frame ${prevEnd - t.frames} (previous clip "${prev.id}" ends at ${prevEnd}), not ${c.start}`, {
          item,
          other,
          frames: { crossfade: t.frames, expected: prevEnd - t.frames, start: c.start },
        });
      }
    } else {
      if (c.start < prevEnd) add(c.id, `${path}.start`, 'overlap', `main clip "${c.id}" overlaps "${prev.id}" by ${fmt(prevEnd - c.start, tl.fps)}; main-track clips may only overlap through a crossfade`, { item, other, frames: { overlap: prevEnd - c.start } });
      if (t.kind === 'dip' && (Math.ceil(t.frames / 2) > len || Math.ceil(t.frames / 2) > prevLen)) {
        add(c.id, `${path}.transitionIn.frames`, 'dip_too_long', `dip-to-black into main clip "${c.id}" (${fmt(t.frames, tl.fps)}) is longer than twice a clip it joins; shorten it`, { item, frames: { dip: t.frames } });
      }
    }
  });

  tl.overlays.forEach((track, ti) => {
    claim(track.id, `overlays[${ti}]`, { id: track.id, kind: 'track' });
    track.items.forEach((o, ii) => {
      const path = `overlays[${ti}].items[${ii}]`;
      const item = overlayRef(o);
      claim(o.id, path, item);
      if (o.kind === 'image') needMedia(item, path, o.media, ['image', 'video'], 'overlay');
      if (o.kind === 'text' && !o.text.trim()) add(o.id, `${path}.text`, 'text_empty', `text item "${o.id}" is empty`, { item });
      if (o.fadeInFrames + o.fadeOutFrames > o.duration) add(o.id, path, 'overlay_fades_too_long', `overlay "${o.id}" fades in and out for ${o.fadeInFrames + o.fadeOutFrames} frames but lasts only ${o.duration}; shorten the fades`, { item, frames: { fades: o.fadeInFrames + o.fadeOutFrames, length: o.duration } });
    });
  });

  tl.audio.forEach((track, ti) => {
    claim(track.id, `audio[${ti}]`, { id: track.id, kind: 'track', role: track.role });
    track.clips.forEach((c, ci) => {
      const path = `audio[${ti}].clips[${ci}]`;
      const item = audioRef(c, track.role);
      claim(c.id, path, item);
      needMedia(item, path, c.media, ['audio', 'video'], `${track.role} clip`);
      const len = c.out - c.in;
      if (len <= 0) add(c.id, `${path}.out`, 'audio_empty', `${track.role} clip "${c.id}" has out (${c.out}) ≤ in (${c.in})`, { item });
      else if (c.fadeInFrames + c.fadeOutFrames > len) add(c.id, path, 'audio_fades_too_long', `${track.role} clip "${c.id}" fades for longer than it lasts (${fmt(len, tl.fps)})`, { item, frames: { fades: c.fadeInFrames + c.fadeOutFrames, length: len } });
    });
  });

  if (timelineLength(tl) === 0) add(null, 'main.clips', 'timeline_empty', 'the timeline is empty (zero length): add at least one clip or overlay');
  return issues;
}

/** Length in frames: the end of the last visual item (main clips and overlays). Audio beyond
 *  it is cut at export. */
export function timelineLength(tl: Timeline): number {
  let end = 0;
  for (const c of tl.main.clips) end = Math.max(end, c.start + Math.max(0, c.out - c.in));
  for (const t of tl.overlays) for (const i of t.items) end = Math.max(end, i.start + i.duration);
  return end;
}
