/**
 * The ad's on-screen text as timeline items (issue 16): a punchline title per scene, captions
 * that are the voiceover's words in short pages with the spoken word highlighted, and the end
 * card (logo or brand name, product, CTA button, URL) for the last 2.8 s with no caption over it.
 * Every item sits in its layout slot (no placement), so each aspect lays it out afresh.
 */
import { countsNext, leadsOn } from './phrase-breaks';
import { ROLE_FONT_SIZE, secondsToFrames, spokenWords, type CaptionLook, type ImageItem, type TextItem, type TextRole, type TimedWord } from '../../shared/timeline';

/** The end card holds the last 2.5–3 s (PRODUCT.md); 2.8 s leaves room for a fade in. */
export const END_CARD_SECONDS = 2.8;

export interface TimedSpeechWord {
  text: string;
  startS: number;
  endS: number;
}

/** Splits "Shop now at ridgeroasters.com" into the action and the address (shown apart). */
export function splitCta(cta: string): { action: string; url: string | null } {
  const m = /(?:https?:\/\/)?(?:www\.)?((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}(?:\/[^\s]*)?)/iu.exec(cta);
  if (!m) return { action: cta.trim(), url: null };
  const url = m[1]!.replace(/[.,!?;:]+$/u, '');
  const action = (cta.slice(0, m.index) + cta.slice(m.index + m[0].length))
    .replace(/\s+(?:at|on|via|from|in|en|a|à|sur|bei|auf|em|no|na|@|:|–|—|-)\s*$/iu, '')
    .replace(/[\s,:;–—-]+$/u, '')
    .trim();
  return { action: action || 'Visit us', url };
}

function text(id: string, role: TextRole, body: string, start: number, end: number, fps: number, accent: string, extra: Partial<TextItem> = {}): TextItem {
  const duration = Math.max(1, end - start);
  const fade = Math.min(secondsToFrames(role === 'caption' ? 0 : 0.25, fps), Math.floor(duration / 3));
  return {
    id,
    kind: 'text',
    role,
    text: body,
    start,
    duration,
    opacity: 1,
    fadeInFrames: fade,
    fadeOutFrames: role === 'caption' ? 0 : fade,
    style: { fontSize: ROLE_FONT_SIZE[role], color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.55, accent },
    ...extra,
  };
}

/** Rough syllables (vowel groups): how long a word takes to say, for timing without boundaries. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (!w) return 0;
  if (/^\p{N}+$/u.test(w)) return Math.max(1, w.length);
  const groups = w.match(/[aeiouyàáâäèéêëìíîïòóôöùúûüœæ]+/gu)?.length ?? 0;
  // Scripts without Latin vowels (CJK, Arabic…): one beat per character, capped.
  return Math.max(1, groups || Math.min(6, [...w].length));
}

/**
 * Word times when the speech engine gave none: the line's speaking time split by syllables
 * (seconds from the line's start). Defensible for captions: error grows with line length but
 * stays within a word or two on a 3-second line.
 */
export function evenWordTimes(line: string, seconds: number): TimedSpeechWord[] {
  const words = spokenWords(line);
  const weights = words.map((w) => syllables(w) + 0.6);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let t = 0;
  return words.map((w, i) => {
    const d = (weights[i]! / total) * seconds;
    const out = { text: w, startS: t, endS: t + d };
    t += d;
    return out;
  });
}

/**
 * Groups timed words into short pages (≤ maxWords, ≤ maxChars), sentence by sentence. Within a
 * sentence the breaks are chosen together (fewest pages, then the best breaks): a page ends at
 * punctuation or between phrases, never after a word that leads into the next ("…batido a /
 * mano…", "Get it at /"; `phrase-breaks.ts`) nor between a number and what it counts ("12 / days"),
 * pages are of even length (7 words → 4 + 3, never 6 + 1), and a one-word page is made only when
 * the sentence is one word or the word fills a page alone (a long URL). `language` (BCP-47)
 * picks the function-word table; without one all four are used.
 */
export function captionPages(words: TimedSpeechWord[], maxWords: number, maxChars: number, language?: string): TimedSpeechWord[][] {
  const sentences: TimedSpeechWord[][] = [];
  let cur: TimedSpeechWord[] = [];
  for (const w of words) {
    cur.push(w);
    if (/[.!?。！？]["”»)]*$/u.test(w.text)) {
      sentences.push(cur);
      cur = [];
    }
  }
  if (cur.length) sentences.push(cur);
  return sentences.flatMap((s) => pageSentence(s, maxWords, maxChars, language));
}

const len = (w: TimedSpeechWord) => [...w.text].length;
const charsOf = (ws: TimedSpeechWord[]) => ws.reduce((n, w, i) => n + len(w) + (i ? 1 : 0), 0);

/** The cost of ending a page after word i of the sentence (before word i + 1). */
function breakCost(ws: TimedSpeechWord[], i: number, language?: string): number {
  const w = ws[i]!.text;
  const next = ws[i + 1]!.text;
  if (/[.!?;:。！？；：]["”»)]*$/u.test(w)) return 0;
  if (/[,，、)]["”»]*$|[…]$/u.test(w)) return 0.2;
  if (leadsOn(w, language)) return 20;
  if (countsNext(w) && /^\p{L}/u.test(next)) return 8;
  // Between phrases: before a preposition, article or conjunction ("…trainer / with a…").
  if (leadsOn(next, language)) return 1;
  return 3;
}

function pageSentence(ws: TimedSpeechWord[], maxWords: number, maxChars: number, language?: string): TimedSpeechWord[][] {
  const n = ws.length;
  if (n <= maxWords && charsOf(ws) <= maxChars) return [ws];
  // A page may run over maxChars only when it is one long word, or one long word with the words
  // that lead into it ("at ctrl-alt.example/…"): the layout shrinks it, nothing better exists.
  const fits = (a: number, b: number) => {
    const page = ws.slice(a, b);
    if (page.length > maxWords) return false;
    if (charsOf(page) <= maxChars) return true;
    const content = page.filter((w, k) => k === page.length - 1 || !leadsOn(w.text, language));
    return content.length === 1;
  };
  const total = charsOf(ws);
  let best: { cost: number; cuts: number[] } | null = null;
  let first = 0;
  for (let k = Math.max(2, Math.ceil(n / maxWords)); k <= n; k++) {
    if (first && k > first + 2) break;
    const target = total / k;
    // cost[j][i]: the best cost of the first i words in j pages.
    const cost: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
    const from: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(-1));
    cost[0]![0] = 0;
    for (let j = 1; j <= k; j++) {
      for (let i = j; i <= n; i++) {
        for (let a = j - 1; a < i; a++) {
          if (cost[j - 1]![a] === Infinity || !fits(a, i)) continue;
          const page = ws.slice(a, i);
          let c = cost[j - 1]![a]! + ((charsOf(page) - target) / maxChars) ** 2 * 6;
          if (i < n) c += breakCost(ws, i - 1, language);
          // A lone word is an orphan unless it fills a page by itself.
          if (page.length === 1 && len(page[0]!) * 2 < maxChars) c += 10;
          if (c < cost[j]![i]!) {
            cost[j]![i] = c;
            from[j]![i] = a;
          }
        }
      }
    }
    const c = cost[k]![n]! + (first ? 2.5 * (k - first) : 0);
    if (c === Infinity) continue;
    if (!first) first = k;
    if (!best || c < best.cost) {
      const cuts: number[] = [];
      for (let j = k, i = n; j > 0; j--) {
        cuts.unshift(i);
        i = from[j]![i]!;
      }
      best = { cost: c, cuts };
    }
  }
  if (!best) return ws.map((w) => [w]);
  let a = 0;
  return best.cuts.map((b) => {
    const page = ws.slice(a, b);
    a = b;
    return page;
  });
}

export interface VoicedLine {
  sceneIndex: number;
  text: string;
  /** Timeline frame where the line's audio starts. */
  start: number;
  words: TimedSpeechWord[];
}

/** Caption pages of the voice lines, as text items; nothing on or after `until` (the end card). */
export function captionItems(lines: VoicedLine[], opts: { fps: number; until: number; portrait: boolean; accent: string; look?: CaptionLook; language?: string }): TextItem[] {
  const { fps } = opts;
  const items: TextItem[] = [];
  const [maxWords, maxChars] = opts.portrait ? [4, 26] : [6, 40];
  for (const line of lines) {
    const pages = captionPages(line.words, maxWords, maxChars, opts.language);
    pages.forEach((page, p) => {
      const start = line.start + secondsToFrames(page[0]!.startS, fps);
      const next = pages[p + 1];
      // A page stays until the next one starts (no flicker) or a beat after its last word.
      const end = Math.min(opts.until, next ? line.start + secondsToFrames(next[0]!.startS, fps) : line.start + secondsToFrames(page[page.length - 1]!.endS + 0.35, fps));
      if (end - start < 3) return;
      const words: TimedWord[] = page.map((w) => ({ text: w.text, start: Math.max(0, secondsToFrames(w.startS, fps) + line.start - start), end: Math.max(1, secondsToFrames(w.endS, fps) + line.start - start) }));
      items.push(text(`caption-${line.sceneIndex}-${p + 1}`, 'caption', page.map((w) => w.text).join(' '), start, end, fps, opts.accent, { words, style: { fontSize: ROLE_FONT_SIZE.caption, color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.6, accent: opts.accent, look: opts.look ?? 'pop' } }));
    });
  }
  return items;
}

export interface SceneWindow {
  index: number;
  role: string;
  title: string;
  /** Frames where the scene is on screen on its own (after the crossfade in) and where the next one starts coming in. */
  start: number;
  end: number;
}

/** A punchline per scene (the CTA scene's comes from the end card). */
/**
 * Where text enters on the music's beat (issue 20): a frame → the beat frame to enter on, and the
 * frames of one beat. Without one, titles enter 0.2 s into their scene and the end card's lines
 * follow each other by 0.25 s.
 */
export interface BeatSnap {
  snap: (frame: number, mode: 'nearest' | 'floor' | 'ceil') => number;
  beatFrames: number;
}

export function titleItems(scenes: SceneWindow[], opts: { fps: number; until: number; accent: string; cta: string; beat?: BeatSnap }): TextItem[] {
  const { fps } = opts;
  const out: TextItem[] = [];
  for (const s of scenes) {
    // On the beat: the first beat of the scene (its cut is on one).
    const start = opts.beat ? opts.beat.snap(s.start, 'ceil') : s.start + secondsToFrames(0.2, fps);
    const end = Math.min(s.end, opts.until);
    if (end - start < fps || !s.title.trim()) continue;
    if (s.role === 'cta' && s.title.trim() === opts.cta.trim()) continue;
    out.push(text(`title-${s.index}`, 'title', s.title.trim(), start, end, fps, opts.accent));
  }
  return out;
}

/**
 * The end card: logo and brand name (or the brand name alone), product, CTA button, URL. A logo
 * that is a wordmark (`wordmark`: it spells the name) stands where the name would, with no name
 * printed under it ("LUNA COFFEE / Luna Coffee" said it twice); the product takes the logo's room.
 */
export function endCardItems(opts: { fps: number; total: number; brandName: string; cta: string; accent: string; productMedia: string; logoMedia: string | null; wordmark?: boolean; beat?: BeatSnap }): { text: TextItem[]; images: ImageItem[]; start: number } {
  const { fps, total, beat } = opts;
  // On the beat: the last beat at least END_CARD_SECONDS before the end (the animatic's field under it starts there too).
  const plain = Math.max(0, total - secondsToFrames(END_CARD_SECONDS, fps));
  const start = beat ? Math.max(0, beat.snap(plain, 'floor')) : plain;
  const { action, url } = splitCta(opts.cta);
  const t = (id: string, role: TextRole, body: string, delay: number) => text(id, role, body, start + delay, total, fps, opts.accent, { fadeOutFrames: 0 });
  // The brand on the card's first beat, the action on the next, the address on the one after.
  const step = (k: number, s: number) => (beat ? k * beat.beatFrames : secondsToFrames(s, fps));
  const wordmark = !!opts.logoMedia && !!opts.wordmark;
  const texts = [...(wordmark ? [] : [t('end-brand', 'brand', opts.brandName, 0)]), t('end-cta', 'cta', action, step(1, 0.25))];
  if (url) texts.push(t('end-url', 'url', url, step(2, 0.4)));
  const fade = secondsToFrames(0.3, fps);
  const image = (id: string, media: string, slot: ImageItem['slot']): ImageItem => ({ id, kind: 'image', media, start, duration: total - start, opacity: 1, fadeInFrames: fade, fadeOutFrames: 0, placement: { anchor: 'center', x: 0, y: 0 }, slot });
  const images = [image('end-product', opts.productMedia, 'hero')];
  if (opts.logoMedia) images.push(image('end-logo', opts.logoMedia, wordmark ? 'wordmark' : 'logo'));
  return { text: texts, images, start };
}
