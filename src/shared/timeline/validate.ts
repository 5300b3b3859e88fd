/**
 * Turning untrusted JSON into a Timeline, and the rules zod cannot express (overlaps, transition
 * lengths, media references). Every problem names the item (`main clip "scene-2"`) so the editor
 * can select it and the CLI can print it.
 */
import { type z } from 'zod';
import { AppError } from '../errors';
import { TIMELINE_SCHEMA, TIMELINE_VERSION, Timeline, type MediaKind } from './model';

export interface TimelineIssue {
  /** The item's id when the problem belongs to one (clip, overlay, track, media entry). */
  itemId: string | null;
  /** JSON path, e.g. "main.clips[2].out". */
  path: string;
  message: string;
}

function pathString(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** Walks the raw document along a zod issue path to find the nearest object with an `id`. */
function describe(raw: unknown, path: readonly PropertyKey[]): { itemId: string | null; label: string } {
  let node: unknown = raw;
  let itemId: string | null = null;
  let label = 'timeline';
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') {
      itemId = id;
      const where = path.slice(0, i + 1).map(String);
      const kind = where[0] === 'main' ? 'main clip' : where[0] === 'overlays' ? (where.length > 3 ? 'overlay item' : 'overlay track') : where[0] === 'audio' ? (where.length > 3 ? 'audio clip' : 'audio track') : 'item';
      label = `${kind} "${id}"`;
    } else if (path[0] === 'media' && i === 1) {
      itemId = String(key);
      label = `media "${String(key)}"`;
    }
  }
  return { itemId, label };
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
      throw issuesToError([{ itemId: null, path: 'schema', message: `"schema" is ${JSON.stringify(schema)}, expected "${TIMELINE_SCHEMA}" — this is not a Zapcut timeline` }]);
    }
    if (typeof version === 'number' && version !== TIMELINE_VERSION) {
      const hint = version > TIMELINE_VERSION ? 'it was written by a newer Zapcut; update Zapcut to open it' : 'it is older than anything this Zapcut can read';
      throw issuesToError([{ itemId: null, path: 'version', message: `timeline schema version ${version} is not supported (this Zapcut reads version ${TIMELINE_VERSION}): ${hint}` }]);
    }
  }
  const parsed = Timeline.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw issuesToError(zodIssues(raw, parsed.error));
}

export function zodIssues(raw: unknown, error: z.ZodError): TimelineIssue[] {
  return error.issues.map((issue) => {
    const { itemId, label } = describe(raw, issue.path);
    const path = pathString(issue.path);
    return { itemId, path, message: `${label} ${path ? `(${path})` : ''}: ${issue.message}`.replace(/\s+:/, ':') };
  });
}

const fmt = (frames: number, fps: number) => `${frames} frame${frames === 1 ? '' : 's'} (${(frames / fps).toFixed(2)} s)`;

/** Semantic rules of a parsed timeline. Empty array means valid. */
export function checkTimeline(tl: Timeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const add = (itemId: string | null, path: string, message: string) => issues.push({ itemId, path, message });
  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const prev = ids.get(id);
    if (prev) add(id, path, `id "${id}" is used twice (${prev} and ${path}); ids must be unique`);
    else ids.set(id, path);
  };
  const needMedia = (itemId: string, path: string, mediaId: string, allowed: MediaKind[], what: string) => {
    const m = tl.media[mediaId];
    if (!m) return add(itemId, path, `${what} "${itemId}" uses media "${mediaId}", which is not in the timeline's media list`);
    if (!allowed.includes(m.kind)) add(itemId, path, `${what} "${itemId}" uses ${m.kind} media "${mediaId}"${m.name ? ` (${m.name})` : ''}, but it needs ${allowed.join(' or ')}`);
  };

  const clips = tl.main.clips.map((c, i) => ({ c, i })).sort((a, b) => a.c.start - b.c.start);
  clips.forEach(({ c, i }, k) => {
    const path = `main.clips[${i}]`;
    claim(c.id, path);
    needMedia(c.id, path, c.media, ['video', 'image'], 'main clip');
    const len = c.out - c.in;
    if (len <= 0) return add(c.id, `${path}.out`, `main clip "${c.id}" has out (${c.out}) ≤ in (${c.in}); it must be at least 1 frame long`);
    const t = c.transitionIn;
    const prev = clips[k - 1]?.c;
    const nextT = clips[k + 1]?.c.transitionIn;
    const edge = (x: typeof t | undefined) => (!x ? 0 : x.kind === 'crossfade' ? x.frames : x.kind === 'dip' ? Math.ceil(x.frames / 2) : 0);
    if (prev && nextT && edge(t) + edge(nextT) > len) {
      add(c.id, path, `main clip "${c.id}" (${fmt(len, tl.fps)}) is shorter than its transitions in and out together (${fmt(edge(t) + edge(nextT), tl.fps)}); shorten a transition or lengthen the clip`);
    }
    if (t.kind !== 'cut' && t.frames === 0) add(c.id, `${path}.transitionIn`, `main clip "${c.id}" has a ${t.kind} of 0 frames; use a cut or give it a length`);
    if (!prev) {
      if (t.kind === 'crossfade') add(c.id, `${path}.transitionIn`, `main clip "${c.id}" is first on the main track, so it cannot crossfade from a previous clip`);
      return;
    }
    const prevLen = prev.out - prev.in;
    const prevEnd = prev.start + prevLen;
    if (t.kind === 'crossfade') {
      if (t.frames > len || t.frames > prevLen) {
        add(c.id, `${path}.transitionIn.frames`, `crossfade into main clip "${c.id}" is ${fmt(t.frames, tl.fps)}, longer than ${t.frames > len ? `"${c.id}" (${fmt(len, tl.fps)})` : `the previous clip "${prev.id}" (${fmt(prevLen, tl.fps)})`}; shorten the crossfade`);
      } else if (c.start !== prevEnd - t.frames) {
        add(c.id, `${path}.start`, `main clip "${c.id}" crossfades for ${fmt(t.frames, tl.fps)}, so it must start at frame ${prevEnd - t.frames} (previous clip "${prev.id}" ends at ${prevEnd}), not ${c.start}`);
      }
    } else {
      if (c.start < prevEnd) add(c.id, `${path}.start`, `main clip "${c.id}" overlaps "${prev.id}" by ${fmt(prevEnd - c.start, tl.fps)}; main-track clips may only overlap through a crossfade`);
      if (t.kind === 'dip' && (Math.ceil(t.frames / 2) > len || Math.ceil(t.frames / 2) > prevLen)) {
        add(c.id, `${path}.transitionIn.frames`, `dip-to-black into main clip "${c.id}" (${fmt(t.frames, tl.fps)}) is longer than twice a clip it joins; shorten it`);
      }
    }
  });

  tl.overlays.forEach((track, ti) => {
    claim(track.id, `overlays[${ti}]`);
    track.items.forEach((item, ii) => {
      const path = `overlays[${ti}].items[${ii}]`;
      claim(item.id, path);
      if (item.kind === 'image') needMedia(item.id, path, item.media, ['image', 'video'], 'overlay');
      if (item.kind === 'text' && !item.text.trim()) add(item.id, `${path}.text`, `text item "${item.id}" is empty`);
      if (item.fadeInFrames + item.fadeOutFrames > item.duration) add(item.id, path, `overlay "${item.id}" fades in and out for ${item.fadeInFrames + item.fadeOutFrames} frames but lasts only ${item.duration}; shorten the fades`);
    });
  });

  tl.audio.forEach((track, ti) => {
    claim(track.id, `audio[${ti}]`);
    track.clips.forEach((c, ci) => {
      const path = `audio[${ti}].clips[${ci}]`;
      claim(c.id, path);
      needMedia(c.id, path, c.media, ['audio', 'video'], `${track.role} clip`);
      const len = c.out - c.in;
      if (len <= 0) add(c.id, `${path}.out`, `${track.role} clip "${c.id}" has out (${c.out}) ≤ in (${c.in})`);
      else if (c.fadeInFrames + c.fadeOutFrames > len) add(c.id, path, `${track.role} clip "${c.id}" fades for longer than it lasts (${fmt(len, tl.fps)})`);
    });
  });

  if (timelineLength(tl) === 0) add(null, 'main.clips', 'the timeline is empty (zero length): add at least one clip or overlay');
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
