/**
 * A spoken line measured once it is made (issue 16; revised and variant lines too, issue 19): where
 * its speech ends (TTS pads lines with silence — what has to fit the scene) and when each caption
 * word is said. The engine's own word timing when its job wrote one beside the audio (offline
 * eSpeak), else the known text aligned to the audio's pauses (word-align.ts) — never spread evenly
 * over the line. The voiceover stage, revising a finished ad and variant sets all time lines here.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { speechSpan } from '../ffmpeg/speech-span';
import type { TimedSpeechWord } from './ad-text';
import { alignWords, EngineTiming, engineWords } from './word-align';

export interface LineTiming {
  /** Seconds of actual speech from the file's start (the audio without its trailing silence). */
  speechSeconds: number;
  /** Each caption word and when it is spoken, in seconds from the file's start. */
  words: TimedSpeechWord[];
  /** Where `words` came from: the speech engine's own timing, or the known text aligned to the audio's pauses. */
  wordTiming: 'engine' | 'pauses';
}

/** The engine's word-timing file (zod-checked); null when it is missing or not one. */
async function readEngineTiming(file: string): Promise<z.infer<typeof EngineTiming> | null> {
  try {
    const parsed = EngineTiming.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Times `text` as spoken in `audioFile` (`seconds` long); `timingFile` is the engine's word timing, when its job wrote one. */
export async function timeSpokenLine(ffmpegPath: string, audioFile: string, seconds: number, text: string, timingFile: string | null | undefined, signal?: AbortSignal): Promise<LineTiming> {
  const span = await speechSpan(ffmpegPath, audioFile, seconds, signal);
  const engine = timingFile ? await readEngineTiming(timingFile) : null;
  const timed = engine ? engineWords(text, span, engine.words) : null;
  return { speechSeconds: Math.round(span.endS * 1000) / 1000, words: timed ?? alignWords(text, span, span.pauses), wordTiming: timed ? 'engine' : 'pauses' };
}
