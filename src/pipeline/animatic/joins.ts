/**
 * Scene joins on the music's beat (issue 20) for scenes the animatic does not cut itself (AI
 * clips joined by crossfades): each scene is fully in when the previous clip ends, so moving a
 * clip's end to a beat puts the join — and the title that enters with the scene — on the beat.
 * Pure. A join moves to the nearest beat (else the other neighbour) only when every clip stays
 * inside the media it has, the voice line of the scene still ends before it, and the ad keeps its
 * length; otherwise it stays where the storyboard put it.
 */
export interface JoinInput {
  /** Frames the timeline uses of each clip (crossfade handles included). */
  frames: number[];
  /** Frames each clip's media has (the most a clip can be stretched to). */
  available: number[];
  /** Crossfade frames between clips. */
  crossfade: number;
  /** Per scene, frames after the scene is fully in by which its voice line ends (null: no line). */
  voiceEnds: Array<number | null>;
  /** The beat at or around a frame. */
  snap: (frame: number, mode: 'floor' | 'ceil') => number;
  /** Fewest frames a clip may keep beyond its crossfade. */
  minFrames: number;
}

export interface JoinResult {
  frames: number[];
  /** Joins now on a beat (of frames.length − 1). */
  onBeat: number;
}

export function beatJoins(input: JoinInput): JoinResult {
  const { frames, available, crossfade: xf, minFrames } = input;
  const n = frames.length;
  const out = [...frames];
  if (n < 2) return { frames: out, onBeat: 0 };
  const total = frames.reduce((s, f) => s + f, 0) - xf * (n - 1);
  // How far every later join may move earlier: what the last clip can still stretch by.
  const slackLast = Math.max(0, available[n - 1]! - frames[n - 1]!);
  let start = 0;
  let originalEnd = 0;
  let onBeat = 0;
  for (let i = 0; i < n - 1; i++) {
    originalEnd += frames[i]! - (i > 0 ? xf : 0);
    // The scene is fully in `xf` frames after its clip starts (the first at once).
    const inAt = i === 0 ? 0 : start + xf;
    const keep = start + frames[i]!;
    const voiceEnd = input.voiceEnds[i] === null || input.voiceEnds[i] === undefined ? -Infinity : inAt + input.voiceEnds[i]!;
    const ok = (end: number) =>
      end - start <= available[i]! &&
      end - start >= xf + minFrames &&
      end >= originalEnd - slackLast &&
      end >= voiceEnd &&
      total - (end - xf) >= xf + minFrames &&
      // The last scene comes in at the last join: its line must still end inside the ad.
      (i < n - 2 || end + (input.voiceEnds[n - 1] ?? -Infinity) <= total);
    const down = input.snap(keep, 'floor');
    const up = input.snap(keep, 'ceil');
    const nearest = keep - down <= up - keep ? [down, up] : [up, down];
    const end = nearest.find(ok) ?? keep;
    if (end === down || end === up) onBeat++;
    out[i] = end - start;
    start = end - xf;
  }
  out[n - 1] = total - start;
  return { frames: out, onBeat };
}
