/**
 * Caption words timed to the voice line's audio (issue 16), for engines that report no word
 * boundaries (the system voices run as separate programs; provider TTS without timestamps): the
 * known text is aligned to the line's pauses. FFmpeg's silencedetect (ffmpeg/speech-span.ts) gives
 * where the sound starts and ends and every pause inside (≥ 80 ms): a pause is matched to the word
 * boundary it falls nearest to by the words' spoken weight — a boundary after punctuation (where
 * every engine pauses) preferred — and the words between two pauses share that stretch of sound by
 * syllables. The even split it replaces spread the pauses over the words, so captions drifted by
 * up to a pause's length after every comma and full stop. Pure; tested on made-up spans.
 */
import { z } from 'zod';
import { spokenWords } from '../../shared/timeline';
import { evenWordTimes, type TimedSpeechWord } from './ad-text';

/** The word-timing file an engine's job writes beside the audio (offline/speech.ts), as read back. */
export const EngineTiming = z.object({
  kind: z.literal('zapcut.word-timing.v1'),
  engine: z.string().max(40),
  words: z.array(z.object({ text: z.string().max(400), startS: z.number().min(0).max(600), endS: z.number().min(0).max(600) })).min(1).max(400),
});

/**
 * The caption words timed by the engine's own word timing (seconds from its first sound), laid on
 * the line's audible span (the timing take is a second take of the same line; its pace is matched
 * to this one's). Null when the engine's words are not the caption's words one to one.
 */
export function engineWords(text: string, span: { startS: number; endS: number }, engine: { text: string; startS: number; endS: number }[]): TimedSpeechWord[] | null {
  const words = spokenWords(text);
  const last = engine[engine.length - 1];
  if (!last || words.length !== engine.length || !(last.endS > 0) || !(span.endS > span.startS)) return null;
  if (engine.some((w, i) => w.endS < w.startS || (i > 0 && w.startS < engine[i - 1]!.endS - 1e-6))) return null;
  const k = (span.endS - span.startS) / last.endS;
  return words.map((w, i) => ({ text: w, startS: round(span.startS + engine[i]!.startS * k), endS: round(span.startS + engine[i]!.endS * k) }));
}

export interface Pause {
  start: number;
  end: number;
}

/** The words of `text` timed to the audible span [startS, endS] and the pauses inside it (seconds from the file's start). */
export function alignWords(text: string, span: { startS: number; endS: number }, pauses: Pause[]): TimedSpeechWord[] {
  const template = evenWordTimes(text, 1);
  const n = template.length;
  if (!n || !(span.endS > span.startS)) return [];
  const inner = pauses.filter((p) => p.start > span.startS + 0.02 && p.end < span.endS - 0.02).sort((a, b) => a.start - b.start);
  const weightEnd = template.map((w) => w.endS); // cumulative share of the spoken weight after each word, 0–1
  const paused = inner.reduce((s, p) => s + (p.end - p.start), 0);
  const speech = Math.max(1e-6, span.endS - span.startS - paused);
  const punctuated = template.map((w) => /[,.;:!?…—–。！？、]$/u.test(w.text));
  const avgShare = 1 / n;

  // Each pause → the boundary after word b (0-based, b < n-1) nearest by spoken share, a boundary
  // after punctuation within a word and a half preferred. Longest pauses first (a sentence's end
  // outweighs a breath), boundaries kept in time order. A short pause (< 150 ms) away from
  // punctuation is a stop consonant's closure (the "k" of "crash"), not a gap between words: no cut.
  const placed = inner.map((p, i) => {
    const before = inner.slice(0, i).reduce((sum, q) => sum + (q.end - q.start), 0);
    return { p, share: (p.start - span.startS - before) / speech, after: -1 };
  });
  for (const c of [...placed].sort((a, b) => b.p.end - b.p.start - (a.p.end - a.p.start))) {
    const i = placed.indexOf(c);
    const lo = Math.max(-1, ...placed.slice(0, i).map((q) => q.after));
    const hiCut = placed.slice(i + 1).map((q) => q.after).filter((a) => a >= 0);
    const hi = hiCut.length ? Math.min(...hiCut) : n - 1;
    const short = c.p.end - c.p.start < 0.15;
    let bestCost = Infinity;
    for (let b = lo + 1; b < hi; b++) {
      if (short && !punctuated[b]) continue;
      const d = Math.abs(weightEnd[b]! - c.share);
      if (d > 3 * avgShare) continue;
      const cost = punctuated[b] && d < 1.5 * avgShare ? d - 1.5 * avgShare : d;
      if (cost < bestCost) {
        bestCost = cost;
        c.after = b;
      }
    }
  }
  const cuts = placed.filter((c) => c.after >= 0).map((c) => ({ after: c.after, pause: c.p }));

  // Segments of sound between the cuts; the words in each share it by syllables.
  const out: TimedSpeechWord[] = [];
  let from = 0;
  let segStart = span.startS;
  for (const c of [...cuts, { after: n - 1, pause: { start: span.endS, end: span.endS } }]) {
    const words = template.slice(from, c.after + 1);
    const w0 = from ? weightEnd[from - 1]! : 0;
    const total = weightEnd[c.after]! - w0 || 1;
    const len = c.pause.start - segStart;
    for (const w of words) {
      out.push({ text: w.text, startS: round(segStart + ((w.startS - w0) / total) * len), endS: round(segStart + ((w.endS - w0) / total) * len) });
    }
    from = c.after + 1;
    segStart = c.pause.end;
  }
  return out;
}

const round = (s: number) => Math.round(s * 1000) / 1000;
