/**
 * bench:caption-timing — how far caption words are from the spoken words (issue 16).
 * The README ad's voice lines are spoken by the offline voice exactly as a run speaks them
 * (speakToFile: eSpeak NG, its voice and rate), and each word's caption start is compared with
 * where eSpeak itself says the word starts (its word events through libespeak-ng, in a separate
 * Python process: bench/support/espeak-words.py — same voice, rate and word gap):
 *  - before: the even split over the line's speech (evenWordTimes — what captions used);
 *  - after: the words aligned to the audio's pauses (stages/word-align.ts — what runs use now).
 * Prints per line and in total the mean and max |caption start − spoken start|, and ends with
 * `bench:caption-timing lines=<n> words=<n> before_mean_ms=<> after_mean_ms=<> before_max_ms=<> after_max_ms=<>`.
 * Needs espeak-ng (with libespeak-ng1) and python3.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../src/pipeline/ffmpeg';
import { speechSpan } from '../src/pipeline/ffmpeg/speech-span';
import { speakToFile } from '../src/pipeline/providers/offline/speech';
import { detectSystemVoice } from '../src/pipeline/providers/offline/system-voice';
import { evenWordTimes } from '../src/pipeline/stages/ad-text';
import { alignWords } from '../src/pipeline/stages/word-align';

/** The voice lines of the README ad (resources/briefs/example.json, offline), as its run spoke them. */
const LINES: Array<{ text: string; maxSeconds: number }> = [
  { text: 'Meet Luna Cold Brew, from Luna Coffee.', maxSeconds: 5.4 },
  { text: 'Smooth, organic cold brew concentrate, steeped for 18 hours.', maxSeconds: 5.4 },
  { text: 'Made for busy professionals.', maxSeconds: 5.4 },
  { text: 'Calm, steady energy without the crash.', maxSeconds: 5.4 },
  { text: 'Order today at luna.coffee. Luna Coffee.', maxSeconds: 5.4 },
];

interface Spoken {
  text: string;
  /** Character offset of the word in the spoken text. */
  pos: number;
  startS: number;
}

/** eSpeak's start of each caption word: its first word event inside the caption word's characters ("luna.coffee" is two to eSpeak). */
function truthFor(captionWords: string[], spokenText: string, events: Spoken[]): Array<number | null> {
  let at = 0;
  const offsets = captionWords.map((w) => {
    const i = spokenText.indexOf(w.replace(/[.,;:!?…]+$/u, ''), at);
    at = i < 0 ? at : i + 1;
    return i;
  });
  return offsets.map((o, k) => {
    if (o < 0) return null;
    const next = offsets.slice(k + 1).find((x) => x >= 0) ?? Infinity;
    return events.find((e) => e.pos >= o && e.pos < next)?.startS ?? null;
  });
}

const bins = resolveBinaries();
const system = detectSystemVoice();
if (system?.engine !== 'espeak-ng') {
  console.error('bench:caption-timing needs espeak-ng (sudo apt install espeak-ng).');
  process.exit(1);
}
const dir = mkdtempSync(path.join(tmpdir(), 'zapcut-caption-timing-'));
const helper = path.join(import.meta.dirname, 'support', 'espeak-words.py');
const ms = (s: number) => Math.round(s * 1000);
const all = { before: [] as number[], after: [] as number[] };
try {
  for (const [i, line] of LINES.entries()) {
    const out = path.join(dir, `line-${i + 1}.wav`);
    const spoken = await speakToFile({ text: line.text, voice: 'american', maxSeconds: line.maxSeconds }, out, { ffmpegPath: bins.ffmpegPath, system });
    const truth = (JSON.parse(execFileSync('python3', [helper, spoken.voice ?? 'en-us', String(spoken.wpm), spoken.text], { encoding: 'utf8' })) as { words: Spoken[] }).words;
    const span = await speechSpan(bins.ffmpegPath, out, spoken.seconds);
    const before = evenWordTimes(line.text, span.endS);
    const after = alignWords(line.text, span, span.pauses);
    const truthStarts = truthFor(before.map((w) => w.text), spoken.text, truth);
    const known = truthStarts.flatMap((t, k) => (t === null ? [] : [k]));
    if (known.length < before.length) console.log(`line ${i + 1}: ${before.length - known.length} caption word(s) not found in eSpeak's events; left out`);
    const err = (ws: { startS: number }[]) => known.map((k) => Math.abs(ws[k]!.startS - truthStarts[k]!));
    const b = err(before);
    const a = err(after);
    all.before.push(...b);
    all.after.push(...a);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`line ${i + 1} (${before.length} words, ${spoken.wpm} wpm, ${span.pauses.length} pauses): before mean ${ms(mean(b))} ms max ${ms(Math.max(...b))} ms; after mean ${ms(mean(a))} ms max ${ms(Math.max(...a))} ms — "${line.text}"`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
console.log(`bench:caption-timing lines=${LINES.length} words=${all.before.length} before_mean_ms=${ms(mean(all.before))} after_mean_ms=${ms(mean(all.after))} before_max_ms=${ms(Math.max(0, ...all.before))} after_max_ms=${ms(Math.max(0, ...all.after))}`);
