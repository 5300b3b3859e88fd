/**
 * Offline voiceover with the machine's own speech engine (system-voice.ts): the line goes to a
 * UTF-8 file, the engine runs as its own process with a timeout, its output is checked (a WAV or
 * AIFF with sound in it) and converted by FFmpeg to mono 24 kHz PCM WAV, the form the pipeline
 * measures (probe + speech-span.ts). When the line is too long for its scene it is spoken again,
 * faster. Zapcut bundles no speech engine.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { runFfmpeg } from '../../ffmpeg/run';
import { parseSilences, SILENCE_DB, spanFromSilences, type SpeechSpan } from '../../ffmpeg/speech-span';
import { spokenWords } from '../../../shared/timeline';
import { speakable, wordCount } from '../../stages/copy';
import type { SpeechRequest } from '../types';
import { detectSystemVoice, espeakVoiceFor, listVoicesCommand, localeFor, noVoiceReason, parseEspeakVoices, parseSayVoices, pickVoice, voiceCommand, type SystemVoice } from './system-voice';

/** Longest a line may take to speak before the engine is stopped. */
const ENGINE_TIMEOUT_MS = 60_000;

function exec(bin: string, args: string[], opts: { env?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? ENGINE_TIMEOUT_MS, killSignal: 'SIGKILL', signal: opts.signal, windowsHide: true, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (opts.signal?.aborted) return reject(new AppError('CANCELLED', 'Cancelled.'));
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        const why = e.killed ? `stopped after ${(opts.timeoutMs ?? ENGINE_TIMEOUT_MS) / 1000} s` : (stderr.trim().split(/\r?\n/).slice(-3).join(' | ') || e.message);
        reject(new AppError('PROVIDER', `The system voice (${path.basename(bin)}) failed: ${why}`));
      },
    );
  });
}

/** The voices an engine offers, asked once per program. */
const voiceLists = new Map<string, Promise<string>>();
function voiceList(sys: SystemVoice): Promise<string> {
  const cmd = listVoicesCommand(sys);
  if (!cmd) return Promise.resolve('');
  let p = voiceLists.get(sys.bin);
  if (!p) {
    p = exec(cmd.bin, cmd.args, { timeoutMs: 15_000 }).catch(() => '');
    voiceLists.set(sys.bin, p);
  }
  return p;
}

/** The engine voice for the request's language and accent, and whether the language was honoured. */
export async function resolveVoice(sys: SystemVoice, req: Pick<SpeechRequest, 'voice' | 'language'>): Promise<{ voice: string | null; matched: boolean }> {
  const locale = localeFor(req.language ?? 'en', req.voice);
  if (sys.engine === 'sapi') return { voice: locale, matched: true }; // its script picks by culture
  if (sys.engine === 'flite') return { voice: null, matched: locale.toLowerCase().startsWith('en') };
  const listed = await voiceList(sys);
  if (sys.engine === 'say') {
    const { voice, matched } = pickVoice(parseSayVoices(listed), (v) => v.locale, locale);
    return { voice: voice?.name ?? null, matched };
  }
  return espeakVoiceFor(locale, parseEspeakVoices(listed));
}

/** What the engine wrote: 'wav' | 'aiff', from its first bytes (null: not audio we know). */
export function audioContainer(head: Uint8Array): 'wav' | 'aiff' | null {
  const tag = (o: number) => String.fromCharCode(...head.subarray(o, o + 4));
  if (head.length >= 12 && tag(0) === 'RIFF' && tag(8) === 'WAVE') return 'wav';
  if (head.length >= 12 && tag(0) === 'FORM' && (tag(8) === 'AIFF' || tag(8) === 'AIFC')) return 'aiff';
  return null;
}

/** Seconds of PCM in a WAV, walking its chunks (`fmt ` byte rate, `data` size). */
export function wavDurationSeconds(wav: Uint8Array): number {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.byteLength; ) {
    const id = String.fromCharCode(...wav.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') byteRate = view.getUint32(at + 16, true);
    if (id === 'data') return byteRate > 0 ? Math.min(size, wav.byteLength - at - 8) / byteRate : 0;
    at += 8 + size + (size % 2);
  }
  return 0;
}

interface Spoken {
  seconds: number;
}

/**
 * Word timing from the engine itself (issue 16). eSpeak NG's command line prints no timings:
 * `--pho` writes nothing without an MBROLA voice, `-x`/`--ipa` print phonemes without durations,
 * and SSML `<mark>` positions reach only a program linked to its C library (GPL-3; Zapcut runs it
 * as a separate program instead). What it does offer is `-g`, the pause between words: the line
 * is said a second time with a 600 ms pause after every word, which changes only the pauses
 * (the summed sound of the two takes differs by tens of ms). Every pause in that take is a word
 * boundary of the engine's own, so each word's spoken length, and the extra pause the engine put
 * at a comma or full stop, is read off it. Null when the pauses do not match the words one to one
 * (a URL read as several words), and the pause-based alignment (word-align.ts) is used.
 */
export const TIMING_GAP = 60;
/** The `kind` of the word-timing file the offline speech job writes beside the line's audio. */
export const WORD_TIMING_KIND = 'zapcut.word-timing.v1';
/** A pause in the timing take: far longer than any pause eSpeak makes inside a word. */
const TIMING_PAUSE_S = 0.35;

export interface EngineWord {
  text: string;
  /** Seconds from the first sound of the line, at the normal take's pace. */
  startS: number;
  endS: number;
}

/** The words' times from the timing take's audible span and its pauses (pure). */
export function wordsFromTimingTake(text: string, take: SpeechSpan): EngineWord[] | null {
  const words = spokenWords(text);
  const pauses = take.pauses.filter((p) => p.end - p.start >= TIMING_PAUSE_S);
  if (!words.length || pauses.length !== words.length - 1) return null;
  // The shortest pause is the added gap alone (two words run together); the rest is the engine's own pause.
  const added = Math.min(...pauses.map((p) => p.end - p.start));
  const out: EngineWord[] = [];
  let at = 0;
  let from = take.startS;
  words.forEach((w, i) => {
    const until = i < pauses.length ? pauses[i]!.start : take.endS;
    const spoken = Math.max(0.01, until - from);
    out.push({ text: w, startS: round3(at), endS: round3(at + spoken) });
    if (i < pauses.length) {
      at += spoken + Math.max(0, pauses[i]!.end - pauses[i]!.start - added);
      from = pauses[i]!.end;
    }
  });
  return out;
}

const round3 = (s: number) => Math.round(s * 1000) / 1000;

/** The engine's word timing for a line (eSpeak only; null for other engines or when it cannot be read). */
async function engineWordTimes(sys: SystemVoice, text: string, voice: string | null, wpm: number, ffmpegPath: string, signal?: AbortSignal): Promise<EngineWord[] | null> {
  if (sys.engine !== 'espeak-ng' && sys.engine !== 'espeak') return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-timing-'));
  try {
    const textFile = path.join(dir, 'line.txt');
    await writeFile(textFile, text, 'utf8');
    const cmd = voiceCommand(sys, { textFile, out: path.join(dir, 'timing.wav'), wpm, voice, wordGap: TIMING_GAP });
    await exec(cmd.bin, cmd.args, { env: cmd.env, signal });
    const seconds = wavDurationSeconds(await readFile(cmd.out));
    if (!(seconds > 0)) return null;
    const { stderrTail } = await runFfmpeg({ ffmpegPath, args: ['-i', cmd.out, '-vn', '-af', `silencedetect=n=${SILENCE_DB}dB:d=0.08`, '-f', 'null', '-'], output: null, signal });
    return wordsFromTimingTake(text, spanFromSilences(parseSilences(stderrTail), seconds));
  } catch (err) {
    if (signal?.aborted) throw err;
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function synthesize(sys: SystemVoice, text: string, voice: string | null, wpm: number, out: string, ffmpegPath: string, signal?: AbortSignal): Promise<Spoken> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-voice-'));
  try {
    const textFile = path.join(dir, 'line.txt');
    await writeFile(textFile, text, 'utf8');
    const cmd = voiceCommand(sys, { textFile, out: path.join(dir, sys.engine === 'say' ? 'line.aiff' : 'line.wav'), wpm, voice });
    await exec(cmd.bin, cmd.args, { env: cmd.env, signal });
    const head = Buffer.alloc(12);
    const fh = await open(cmd.out, 'r').catch(() => null);
    if (!fh) throw new AppError('PROVIDER', `The system voice (${sys.engine}) wrote no audio file.`);
    try {
      await fh.read(head, 0, 12, 0);
    } finally {
      await fh.close();
    }
    if (!audioContainer(head)) throw new AppError('PROVIDER', `The system voice (${sys.engine}) wrote something that is not a WAV or AIFF file.`);
    await runFfmpeg({ ffmpegPath, args: ['-i', cmd.out, '-vn', '-ac', '1', '-ar', '24000', '-c:a', 'pcm_s16le', '-f', 'wav'], output: out, signal });
    const seconds = wavDurationSeconds(await readFile(out));
    if (!(seconds > 0)) throw new AppError('PROVIDER', `The system voice (${sys.engine}) made no sound for the line.`);
    return { seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface SpeakOptions {
  ffmpegPath: string;
  signal?: AbortSignal;
  /** The engine (default: the one this machine has). */
  system?: SystemVoice | null;
}

/** Speaks `req.text` into `out` (WAV), fast enough to fit `req.maxSeconds`. */
export async function speakToFile(req: SpeechRequest, out: string, opts: SpeakOptions): Promise<{ seconds: number; text: string; wpm: number; voice: string | null; languageMatched: boolean; words: EngineWord[] | null }> {
  const sys = opts.system === undefined ? detectSystemVoice() : opts.system;
  if (!sys) throw new AppError('PROVIDER', noVoiceReason());
  const text = speakable(req.text);
  if (!text) throw new AppError('VALIDATION', 'Nothing speakable in the line.');
  const { voice, matched } = await resolveVoice(sys, req);
  const words = Math.max(1, wordCount(text));
  let wpm = Math.min(230, Math.max(145, Math.ceil((words / Math.max(1, req.maxSeconds)) * 60 * 1.1)));
  // FFmpeg writes `out` atomically, so a second, faster take simply replaces the first.
  let { seconds } = await synthesize(sys, text, voice, wpm, out, opts.ffmpegPath, opts.signal);
  if (seconds > req.maxSeconds && wpm < 260) {
    wpm = Math.min(260, Math.ceil((wpm * seconds) / req.maxSeconds) + 5);
    ({ seconds } = await synthesize(sys, text, voice, wpm, out, opts.ffmpegPath, opts.signal));
  }
  const timed = await engineWordTimes(sys, text, voice, wpm, opts.ffmpegPath, opts.signal);
  return { seconds, text, wpm, voice, languageMatched: matched, words: timed };
}
