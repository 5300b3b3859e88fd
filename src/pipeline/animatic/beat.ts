/**
 * The beat grid an ad is cut to (issue 20). The offline music bed is generated at a known tempo
 * (OFFLINE_BPM); provider music has its tempo detected (tempo.ts). Cuts, title entrances and the
 * end card are snapped to the grid, so the picture changes on the music's beats.
 *
 * 120 BPM is chosen for the offline bed because its beat (0.5 s = 15 frames at 30 fps) puts every
 * whole second on a beat: scene lengths are whole seconds (the storyboard and the video models
 * work in seconds), so scene joins land on the beat without moving them, and shots of 3–6 beats
 * are the 1.5–3 s the animatic cuts at. Calm briefs get a half-time feel at the same tempo.
 */
export const OFFLINE_BPM = 120;

export interface BeatGrid {
  bpm: number;
  /** Where the first beat falls (seconds from the start of the music). */
  offsetS: number;
}

export function beatSeconds(grid: BeatGrid): number {
  return 60 / grid.bpm;
}

/** The beat nearest to `t` seconds (never before the grid's first beat). */
export function snapToBeat(t: number, grid: BeatGrid, mode: 'nearest' | 'floor' | 'ceil' = 'nearest'): number {
  const b = beatSeconds(grid);
  const k = (t - grid.offsetS) / b;
  const n = mode === 'floor' ? Math.floor(k + 1e-9) : mode === 'ceil' ? Math.ceil(k - 1e-9) : Math.round(k);
  return grid.offsetS + Math.max(0, n) * b;
}

/** Frame of the beat nearest to frame `f` at `fps`. */
export function snapFrame(f: number, grid: BeatGrid, fps: number, mode: 'nearest' | 'floor' | 'ceil' = 'nearest'): number {
  return Math.round(snapToBeat(f / fps, grid, mode) * fps);
}

/** Whole frames per beat when the beat is a whole number of frames (120 BPM at 30 fps: 15), else null. */
export function framesPerBeat(grid: BeatGrid, fps: number): number | null {
  const f = (fps * 60) / grid.bpm;
  return Math.abs(f - Math.round(f)) < 1e-6 ? Math.round(f) : null;
}

/**
 * The tempo provider music is asked for (its prompt names it), by the creative bible's energy
 * (1–10): it is also the sanity check on the tempo detected in what comes back (tempo.ts).
 */
export function requestedBpm(energyLevel: number): number {
  return energyLevel <= 3 ? 90 : energyLevel <= 7 ? 120 : 128;
}
