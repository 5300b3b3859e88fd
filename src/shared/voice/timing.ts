/**
 * Where each scene's voice line may speak (pipeline: voice-fit.ts fits lines to these windows)
 * and how long a line takes to say — estimated before any voice exists, so the storyboard can
 * flag a line that will not fit its scene (issue 19).
 *
 * A scene is on screen on its own from the end of the crossfade that brings it in; its line
 * starts VOICE_LEAD_S after that and must end before the next crossfade begins; the last line
 * must end VOICE_TAIL_S before the ad does.
 */
import { CROSSFADE_SECONDS } from '../models/video';
import { shortenLine, speakable, wordCount } from './copy';

/** A line starts this long after its scene is fully on screen. */
export const VOICE_LEAD_S = 0.3;
/** The last line ends at least this long before the ad ends. */
export const VOICE_TAIL_S = 0.3;
/**
 * The voices' natural pace: the narration voices speak about 150 words a minute (the writer is
 * asked for lines at this rate; the offline voice can go faster, but then sounds rushed).
 */
export const SPEAKING_WORDS_PER_SECOND = 2.5;
/** The longest scene the storyboard allows. */
const MAX_SCENE_SECONDS = 20;

/** Seconds each scene's line may last, for integer scene lengths and the crossfade between scenes. */
export function lineWindows(durations: readonly number[], crossfadeS: number): number[] {
  const n = durations.length;
  return durations.map((d, i) => Math.max(0, d - (i > 0 ? crossfadeS : 0) - VOICE_LEAD_S - (i === n - 1 ? VOICE_TAIL_S : 0)));
}

/** Seconds a line takes to say at the natural pace (0 for a silent scene). */
export function spokenSeconds(line: string): number {
  return wordCount(speakable(line)) / SPEAKING_WORDS_PER_SECOND;
}

export interface LineFit {
  /** Estimated seconds to say the line. */
  seconds: number;
  /** Seconds the scene gives it. */
  windowSeconds: number;
  fits: boolean;
  /** The scene length (whole seconds) that would fit the line, at most 20 s. */
  sceneSecondsNeeded: number;
  /** The line cut to what fits, at a natural boundary (null when it fits). */
  shorter: string | null;
}

/** For every scene: how long its line takes and whether it fits (null: no line). */
export function fitLines(scenes: ReadonlyArray<{ durationSeconds: number; voiceover: string }>, crossfadeS = CROSSFADE_SECONDS): Array<LineFit | null> {
  const windows = lineWindows(
    scenes.map((s) => s.durationSeconds),
    crossfadeS,
  );
  return scenes.map((s, i) => {
    const seconds = spokenSeconds(s.voiceover);
    if (seconds === 0) return null;
    const window = windows[i]!;
    const overhead = (i > 0 ? crossfadeS : 0) + VOICE_LEAD_S + (i === scenes.length - 1 ? VOICE_TAIL_S : 0);
    const fits = seconds <= window + 1e-6;
    const budget = Math.max(2, Math.floor(window * SPEAKING_WORDS_PER_SECOND));
    return {
      seconds: Math.round(seconds * 10) / 10,
      windowSeconds: Math.round(window * 10) / 10,
      fits,
      sceneSecondsNeeded: Math.min(MAX_SCENE_SECONDS, Math.ceil(seconds + overhead - 1e-6)),
      shorter: fits ? null : shortenLine(speakable(s.voiceover), budget),
    };
  });
}

/**
 * Scene `index` made `seconds` long so its line fits, the extra time taken from scenes whose
 * line has a second or more to spare (or no line), so the ad keeps its length; what no scene can
 * give is added (the storyboard then says the total is over).
 */
export function lengthenScene<T extends { durationSeconds: number; voiceover: string }>(scenes: readonly T[], index: number, seconds: number, minSceneSeconds = 2): T[] {
  const out = scenes.map((s) => ({ ...s }));
  let need = seconds - out[index]!.durationSeconds;
  out[index]!.durationSeconds = seconds;
  for (let guard = 0; need > 0 && guard < 100; guard++) {
    const fits = fitLines(out);
    let donor = -1;
    let best = -Infinity;
    out.forEach((s, j) => {
      if (j === index || s.durationSeconds - 1 < minSceneSeconds) return;
      const f = fits[j];
      const spare = f ? f.windowSeconds - f.seconds : Infinity;
      if (spare >= 1 - 1e-6 && spare > best) {
        best = spare;
        donor = j;
      }
    });
    if (donor < 0) break;
    out[donor]!.durationSeconds--;
    need--;
  }
  return out;
}
