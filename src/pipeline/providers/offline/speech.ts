/**
 * Offline voiceover with eSpeak NG compiled to WebAssembly (npm `espeak-ng`): no network, no
 * native build. It sounds synthetic, but it is real narration timed to each scene. eSpeak has no
 * Australian English voice; "australian" uses British English (reported in the run notes).
 */
import { readFile } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { speakable, wordCount } from '../../stages/copy';
import type { SpeechRequest } from '../types';

const VOICES: Record<SpeechRequest['voice'], string> = { american: 'en-us', british: 'en-gb-x-rp', australian: 'en-gb' };

interface EspeakModule {
  FS: { readFile(path: string): Uint8Array };
}
type EspeakFactory = (opts: { arguments: string[]; print?: (s: string) => void; printErr?: (s: string) => void }) => Promise<EspeakModule>;

let factory: Promise<EspeakFactory> | undefined;
async function loadEspeak(): Promise<EspeakFactory> {
  factory ??= import('espeak-ng').then((m) => m.default as EspeakFactory);
  return factory;
}

/** Duration of a PCM WAV from its header (eSpeak writes canonical 44-byte headers). */
export function wavDurationSeconds(wav: Uint8Array): number {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const byteRate = view.getUint32(28, true);
  // eSpeak streams to a file and may leave the RIFF sizes unset; count the data bytes instead.
  return byteRate > 0 ? (wav.byteLength - 44) / byteRate : 0;
}

async function synthesize(text: string, voice: string, wpm: number): Promise<Uint8Array> {
  const ESpeakNg = await loadEspeak();
  const mod = await ESpeakNg({ arguments: ['-w', 'out.wav', '-v', voice, '-s', String(wpm), '-g', '2', '--', text], print: () => {}, printErr: () => {} });
  return mod.FS.readFile('out.wav');
}

/** Speaks `req.text` into `out` (WAV), fast enough to fit `req.maxSeconds`. Returns its duration. */
export async function speakToFile(req: SpeechRequest, out: string): Promise<{ seconds: number; text: string; wpm: number }> {
  const text = speakable(req.text);
  if (!text) throw new Error('nothing speakable in the line');
  const words = Math.max(1, wordCount(text));
  let wpm = Math.min(230, Math.max(145, Math.ceil((words / Math.max(1, req.maxSeconds)) * 60 * 1.1)));
  let wav = await synthesize(text, VOICES[req.voice], wpm);
  let seconds = wavDurationSeconds(wav);
  if (seconds > req.maxSeconds && wpm < 260) {
    wpm = Math.min(260, Math.ceil((wpm * seconds) / req.maxSeconds) + 5);
    wav = await synthesize(text, VOICES[req.voice], wpm);
    seconds = wavDurationSeconds(wav);
  }
  await writeFile(out, wav);
  return { seconds, text, wpm };
}

export async function espeakAvailable(): Promise<string | undefined> {
  try {
    await loadEspeak();
    return undefined;
  } catch (err) {
    return `offline voice engine (espeak-ng) could not load: ${(err as Error).message}`;
  }
}

export { readFile as _readFile };
