/**
 * Where the sound in a voice line actually starts and ends (TTS engines pad lines with silence):
 * `silencedetect` finds the leading and trailing silence. A line "fits" when its audible span
 * fits, and a cut that only removes trailing silence loses nothing.
 */
import { runFfmpeg } from './run';

/** Quieter than this counts as silence (eSpeak's padding is digital silence; provider TTS has room tone). */
export const SILENCE_DB = -50;
/** Gaps shorter than this are pauses inside the line, not padding. */
const MIN_SILENCE_S = 0.08;

export interface SpeechSpan {
  /** First audible moment, seconds from the file's start. */
  startS: number;
  /** Last audible moment. */
  endS: number;
  /** The file's length. */
  durationS: number;
  /** Pauses inside the span (≥ 80 ms): where caption words are cut (stages/word-align.ts). */
  pauses: Array<{ start: number; end: number }>;
}

/** Reads silencedetect's stderr lines (pure; exported for tests). */
export function parseSilences(stderr: string): Array<{ start: number; end: number | null }> {
  const out: Array<{ start: number; end: number | null }> = [];
  for (const line of stderr.split(/\r?\n/)) {
    const s = /silence_start:\s*(-?[\d.]+)/.exec(line);
    if (s) out.push({ start: Math.max(0, Number(s[1])), end: null });
    const e = /silence_end:\s*(-?[\d.]+)/.exec(line);
    if (e && out.length) out[out.length - 1]!.end = Number(e[1]);
  }
  return out;
}

/** The audible span given the silences and the file length (pure). */
export function spanFromSilences(silences: Array<{ start: number; end: number | null }>, durationS: number): SpeechSpan {
  let startS = 0;
  let endS = durationS;
  const first = silences[0];
  if (first && first.start <= 0.001) startS = first.end ?? durationS;
  const last = silences[silences.length - 1];
  if (last && (last.end === null || last.end >= durationS - 0.001) && last.start > startS) endS = last.start;
  if (endS < startS) endS = startS;
  const pauses = silences.filter((s): s is { start: number; end: number } => s.end !== null && s.start > startS && s.end < endS).map((s) => ({ start: s.start, end: s.end }));
  return { startS, endS, durationS, pauses };
}

export async function speechSpan(ffmpegPath: string, file: string, durationS: number, signal?: AbortSignal): Promise<SpeechSpan> {
  const { stderrTail } = await runFfmpeg({ ffmpegPath, args: ['-i', file, '-vn', '-af', `silencedetect=n=${SILENCE_DB}dB:d=${MIN_SILENCE_S}`, '-f', 'null', '-'], output: null, signal });
  return spanFromSilences(parseSilences(stderrTail), durationS);
}
