/**
 * Shots an AI scene can replace (issue 20): the animatic's scenes are timeline clips (`scene-N`,
 * media `scene-N`) with the duration and role a generated scene has, so a later run — "Generate
 * with AI", or one scene made again — puts its new clips into the creator's edited timeline in
 * place instead of replacing the timeline: their titles, captions, moves, trims and every other
 * edit stay. Pure.
 */
import type { MainClip, Timeline } from '../../shared/timeline';

export interface SwapResult {
  timeline: Timeline;
  /** The media ids whose clips now play the new scenes. */
  swapped: string[];
  /** Clips the creator had made longer than the new scene's picture holds: shortened to fit. */
  shortened: string[];
}

const isScene = (media: string) => /^scene-\d+$/.test(media);

/**
 * Pure: `edited` (the creator's timeline, from the run `original` made) with each scene's media
 * replaced by `generated`'s. A clip keeps its place, length, transition and the creator's trim: its
 * source range moves by as much as the new scene's range moved from the old one (a generated clip
 * may skip a different lead), and ends no later than the new scene's picture the run used. Scenes
 * the creator deleted stay deleted; a split scene's pieces all get the new picture.
 */
export function swapSceneClips(edited: Timeline, original: Timeline, generated: Timeline): SwapResult {
  const first = (tl: Timeline, media: string): MainClip | undefined => tl.main.clips.find((c) => c.media === media);
  const media = { ...edited.media };
  const swapped: string[] = [];
  const shortened: string[] = [];
  const moved = new Map<string, { shift: number; end: number }>();
  for (const [id, entry] of Object.entries(generated.media)) {
    if (!isScene(id) || !edited.media[id]) continue;
    const gen = first(generated, id);
    const old = first(original, id);
    if (!gen || !old) continue;
    media[id] = entry;
    // The new clip's last frame the run used, as far past its range as the old one's (a creator's
    // lengthened tail) only when the generated range left room: the run's `out` is what is known to exist.
    moved.set(id, { shift: gen.in - old.in, end: gen.out });
    swapped.push(id);
  }
  const clips = edited.main.clips.map((c): MainClip => {
    const m = moved.get(c.media);
    if (!m) return c;
    const length = c.out - c.in;
    const start = Math.max(0, c.in + m.shift);
    const inFrame = Math.min(start, Math.max(0, m.end - 1));
    const out = Math.min(inFrame + length, m.end);
    if (out - inFrame < length) shortened.push(c.id);
    return { ...c, in: inFrame, out };
  });
  return { timeline: { ...edited, media, main: { ...edited.main, clips } }, swapped, shortened };
}
