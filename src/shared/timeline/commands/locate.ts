/** Finding an item by id: which track it is on and where. */
import type { AudioClip, AudioTrack, MainClip, OverlayItem, OverlayTrack, Timeline } from '../model';

export type Located =
  | { where: 'main'; clip: MainClip; index: number }
  | { where: 'overlay'; item: OverlayItem; track: OverlayTrack; trackIndex: number; index: number }
  | { where: 'audio'; clip: AudioClip; track: AudioTrack; trackIndex: number; index: number };

export function locate(tl: Timeline, id: string): Located | null {
  const mi = tl.main.clips.findIndex((c) => c.id === id);
  if (mi >= 0) return { where: 'main', clip: tl.main.clips[mi]!, index: mi };
  for (let ti = 0; ti < tl.overlays.length; ti++) {
    const track = tl.overlays[ti]!;
    const index = track.items.findIndex((i) => i.id === id);
    if (index >= 0) return { where: 'overlay', item: track.items[index]!, track, trackIndex: ti, index };
  }
  for (let ti = 0; ti < tl.audio.length; ti++) {
    const track = tl.audio[ti]!;
    const index = track.clips.findIndex((c) => c.id === id);
    if (index >= 0) return { where: 'audio', clip: track.clips[index]!, track, trackIndex: ti, index };
  }
  return null;
}

/** Main clips in time order (the document keeps them so after every command). */
export function sortedMain(tl: Timeline): MainClip[] {
  const clips = tl.main.clips;
  for (let i = 1; i < clips.length; i++) if (clips[i - 1]!.start > clips[i]!.start) return [...clips].sort((a, b) => a.start - b.start);
  return clips;
}

export const clipLength = (c: { in: number; out: number }) => c.out - c.in;
export const clipEnd = (c: { start: number; in: number; out: number }) => c.start + c.out - c.in;
