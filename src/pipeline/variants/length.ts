/**
 * A shorter cut of a finished ad (issue 23: 15 / 30 s from a 60 or 30 s ad). Whole scenes are
 * chosen by their storyboard role — the opening (the hook), the product and proof scenes, and the
 * call to action with its end card, always kept — and laid end to end; each kept scene brings its
 * own clip, title, captions, voice line, product pop and whoosh, so no voice line is cut or
 * crosses a cut. So the total is exact, a scene may lose the silence after its last word (never a
 * word) or part of its crossfade in, or show more of its clip where the source has the frames.
 * The last scene's end card is kept whole. Pure: the caller passes what the media files hold.
 */
import { secondsToFrames, type AudioClip, type MainClip, type OverlayItem, type Timeline } from '../../shared/timeline';
import { timelineFrames } from './recut';

export interface LengthScene {
  index: number;
  role: string;
}

/** Frames a scene keeps after its last spoken word (a breath before the cut). */
const TAIL_FRAMES = 6;
/** A crossfade shortened for a shorter cut keeps at least this many frames. */
const MIN_CROSSFADE = 10;
/** A scene shorter than this reads as a flash. */
const MIN_SCENE_S = 1.5;
/** How much each storyboard role is worth in a short cut (the hook and the CTA are always kept). */
const ROLE_WEIGHT: Record<string, number> = { climax: 4, exploration: 3, resolution: 2, setup: 1 };

export interface SceneSpan {
  /** 1-based storyboard index (from the clip id `scene-<n>`). */
  index: number;
  role: string;
  clip: MainClip;
  /** Where the scene is on the track: from its clip's start to the next clip's start (or the end). */
  start: number;
  end: number;
  /** Shortest it may be (its speech and a breath), longest (the frames its source has). */
  minFrames: number;
  maxFrames: number;
  /** Frames its clip may start earlier in its source (a hidden lead), and run past its out. */
  headRoom: number;
  tailRoom: number;
  /** Frames after its last word it may lose; frames of its crossfade in it may lose (a shorter crossfade). */
  tailSlack: number;
  headCut: number;
  /** The end card's scene: never longer, and its end (the card) never cut. */
  last: boolean;
}

const sceneOfId = (id: string): number | null => {
  const m = /^(?:scene|title|caption|product|voice|whoosh)-(\d+)(?:-|$)/.exec(id);
  return m ? Number(m[1]) : null;
};

/** Where every spoken word of a scene ends (its captions' timed words), in timeline frames. */
function speechEnd(tl: Timeline, index: number): number | null {
  let end: number | null = null;
  for (const o of tl.overlays)
    for (const i of o.items) {
      if (i.kind !== 'text' || i.role !== 'caption' || sceneOfId(i.id) !== index) continue;
      const last = i.words?.length ? Math.max(...i.words.map((w) => w.end)) : i.duration;
      end = Math.max(end ?? 0, i.start + last);
    }
  if (end !== null) return end;
  const voice = tl.audio.find((a) => a.role === 'voice')?.clips.find((c) => sceneOfId(c.id) === index);
  return voice ? voice.start + voice.out - voice.in : null;
}

/** The ad's scenes as spans of the main track, with how far each may shrink or grow. */
export function sceneSpans(tl: Timeline, scenes: LengthScene[], opts: { sourceFrames?: Record<string, number> } = {}): SceneSpan[] {
  const total = timelineFrames(tl);
  const clips = tl.main.clips;
  const shortest = secondsToFrames(MIN_SCENE_S, tl.fps);
  return clips.map((clip, i) => {
    const index = sceneOfId(clip.id) ?? i + 1;
    const start = clip.start;
    const end = clips[i + 1]?.start ?? total;
    const frames = end - start;
    const last = i === clips.length - 1;
    const spoken = speechEnd(tl, index);
    const need = Math.min(frames, Math.max(shortest, spoken === null ? 0 : spoken - start + TAIL_FRAMES));
    // A cut shows a clip from its start: its hidden lead (the animatic's handle) may be shown. A
    // crossfade may be shortened (to MIN_CROSSFADE frames): the scene then starts later in its clip.
    const xfade = clip.transitionIn.kind === 'crossfade' ? clip.transitionIn.frames : 0;
    const headRoom = clip.transitionIn.kind === 'cut' ? clip.in : 0;
    const headCut = Math.max(0, xfade - MIN_CROSSFADE);
    const have = opts.sourceFrames?.[clip.media];
    const tailRoom = last || have === undefined ? 0 : Math.max(0, have - clip.out);
    const tailSlack = last ? 0 : frames - need;
    const minFrames = Math.max(Math.min(shortest, frames), frames - tailSlack - headCut);
    const maxFrames = last ? frames : frames + headRoom + tailRoom;
    return { index, role: scenes.find((s) => s.index === index)?.role ?? 'scene', clip, start, end, minFrames, maxFrames, headRoom, tailRoom, tailSlack, headCut, last };
  });
}

export interface LengthPlan {
  /** Kept scenes (storyboard indexes, in order) and each one's new length in frames. */
  keep: { index: number; frames: number }[];
  /** The scenes left out. */
  dropped: number[];
}

/** Splits `amount` frames over weights as whole frames (largest remainders), each at most its weight. */
function spread(amount: number, room: number[]): number[] {
  const sum = room.reduce((a, b) => a + b, 0);
  if (sum === 0 || amount === 0) return room.map(() => 0);
  const exact = room.map((r) => (amount * r) / sum);
  const out = exact.map(Math.floor);
  let left = amount - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left <= 0) break;
    if (out[i]! < room[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

/**
 * Which scenes a cut of `targetFrames` keeps and how long each is. The first scene (the hook), the
 * CTA scene and the last (the end card) are always kept; of every set of the others that fits, the
 * one worth most by role (then the one changed least) wins. Null when no cut fits.
 */
export function planLength(spans: SceneSpan[], targetFrames: number, ctaScene: number): LengthPlan | null {
  const must = new Set([spans[0]?.index, ctaScene, spans.at(-1)?.index]);
  const optional = spans.filter((s) => !must.has(s.index));
  let best: { score: number; change: number; kept: SceneSpan[] } | null = null;
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const kept = spans.filter((s) => must.has(s.index) || optional.some((o, k) => o === s && mask & (1 << k)));
    const min = kept.reduce((a, s) => a + s.minFrames, 0);
    const max = kept.reduce((a, s) => a + s.maxFrames, 0);
    if (targetFrames < min || targetFrames > max) continue;
    const score = kept.reduce((a, s) => a + (must.has(s.index) ? 0 : (ROLE_WEIGHT[s.role] ?? 1)), 0);
    const change = Math.abs(kept.reduce((a, s) => a + (s.end - s.start), 0) - targetFrames);
    if (!best || score > best.score || (score === best.score && change < best.change)) best = { score, change, kept };
  }
  if (!best) return null;
  const kept = best.kept;
  const natural = kept.map((s) => s.end - s.start);
  const diff = targetFrames - natural.reduce((a, b) => a + b, 0);
  const delta = diff < 0 ? spread(-diff, kept.map((s, i) => Math.max(0, natural[i]! - s.minFrames))).map((d) => -d) : spread(diff, kept.map((s, i) => Math.max(0, s.maxFrames - natural[i]!)));
  return { keep: kept.map((s, i) => ({ index: s.index, frames: natural[i]! + delta[i]! })), dropped: spans.filter((s) => !kept.includes(s)).map((s) => s.index) };
}

/** Cuts an item to end by `until` (dropped when nothing is left); timed words past the end go. */
function endBy<T extends OverlayItem>(item: T, until: number): T | null {
  if (item.start >= until) return null;
  if (item.start + item.duration <= until) return item;
  const duration = until - item.start;
  const out = { ...item, duration, fadeOutFrames: Math.min(item.fadeOutFrames, duration) };
  if (out.kind === 'text' && out.words) {
    const words = out.words.filter((w) => w.start < duration).map((w) => ({ ...w, end: Math.min(w.end, duration) }));
    return { ...out, words: words.length ? words : undefined };
  }
  return out;
}

/**
 * The ad cut to `seconds`, or null when no choice of its scenes fits (a scene's speech alone is
 * longer). Items are moved with the scene they belong to (by id, else by where they start).
 */
export function recutToLength(source: Timeline, opts: { seconds: number; scenes: LengthScene[]; ctaScene: number; sourceFrames?: Record<string, number> }): { timeline: Timeline; plan: LengthPlan } | null {
  const tl = structuredClone(source);
  const target = secondsToFrames(opts.seconds, tl.fps);
  const total = timelineFrames(tl);
  if (target >= total) return null;
  const spans = sceneSpans(tl, opts.scenes, opts);
  const plan = planLength(spans, target, opts.ctaScene);
  if (!plan) return null;
  const lastSpan = spans.at(-1)!;
  const owner = (id: string, start: number): SceneSpan | undefined => {
    if (id.startsWith('end-')) return lastSpan;
    const n = sceneOfId(id);
    if (n !== null) return spans.find((s) => s.index === n);
    return spans.find((s) => start >= s.start && start < s.end) ?? (start >= total ? lastSpan : undefined);
  };
  // Where each kept scene now starts, how far its content moves, its new end and its transition in.
  // Shorter: the silence after its last word goes first, then part of its crossfade in. Longer:
  // the source's frames after its out first, then its hidden lead.
  const placed = new Map<number, { at: number; shift: number; end: number; head: number; first: boolean; transition: MainClip['transitionIn'] }>();
  let cursor = 0;
  plan.keep.forEach((k, n) => {
    const s = spans.find((x) => x.index === k.index)!;
    const natural = s.end - s.start;
    const cut = Math.max(0, natural - k.frames);
    const grow = Math.max(0, k.frames - natural);
    const head = grow > 0 ? Math.max(0, grow - s.tailRoom) : -Math.max(0, cut - s.tailSlack);
    const t = s.clip.transitionIn;
    const transition = n === 0 ? { kind: 'cut' as const, frames: 0 } : head < 0 ? { ...t, frames: t.frames + head } : t;
    placed.set(k.index, { at: cursor, shift: cursor - s.start + head, end: cursor + k.frames, head, first: n === 0, transition });
    cursor += k.frames;
  });

  const kept = plan.keep.map((k) => spans.find((s) => s.index === k.index)!);
  tl.main.clips = kept.map((s, n) => {
    const p = placed.get(s.index)!;
    const next = kept[n + 1] && placed.get(kept[n + 1]!.index)!.transition;
    const overlap = next && next.kind === 'crossfade' ? next.frames : 0;
    const inF = s.clip.in - p.head;
    return { ...s.clip, start: p.at, in: inF, out: inF + (p.end - p.at) + overlap, transitionIn: p.transition };
  });

  for (const track of tl.overlays) {
    track.items = track.items.flatMap((item) => {
      const s = owner(item.id, item.start);
      const p = s && placed.get(s.index);
      if (!s || !p) return [];
      const moved = endBy({ ...item, start: Math.max(0, item.start + p.shift) }, s.last ? target : p.end);
      return moved ? [moved] : [];
    });
  }

  for (const track of tl.audio) {
    track.clips = track.clips.flatMap((clip): AudioClip[] => {
      if (track.role === 'music' && clip.start === 0) {
        // The bed runs under the whole ad, as before, and ends with its fade at the new end.
        const out = Math.min(clip.out, clip.in + target);
        return [{ ...clip, out, fadeOutFrames: Math.min(clip.fadeOutFrames, out - clip.in) }];
      }
      const s = owner(clip.id, clip.start);
      const p = s && placed.get(s.index);
      if (!s || !p) return [];
      if (/^whoosh-/.test(clip.id)) {
        // A whoosh marks the cut into its scene: none before the first, and it moves with the cut.
        if (p.first) return [];
        const start = Math.max(0, clip.start - s.clip.start + p.at);
        return start < target ? [{ ...clip, start, out: clip.in + Math.min(clip.out - clip.in, target - start) }] : [];
      }
      const start = clip.start + p.shift;
      const until = s.last ? target : p.end;
      if (start >= until) return [];
      const frames = Math.min(clip.out - clip.in, until - start);
      // Only the silence after the last word is ever cut (the scene keeps its speech); it still fades.
      const cut = frames < clip.out - clip.in;
      return [{ ...clip, start, out: clip.in + frames, fadeOutFrames: cut ? Math.min(4, frames) : Math.min(clip.fadeOutFrames, frames) }];
    });
  }
  return { timeline: tl, plan };
}
