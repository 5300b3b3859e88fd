/**
 * The caption of a post: text + hashtags + a link, composed once and counted the way each network
 * counts it, so the Post dialog, the CLI and the publisher agree on "over the limit" before
 * anything is uploaded.
 *
 * X counts *weighted* characters (twitter-text configuration v3,
 * https://docs.x.com/resources/fundamentals/counting-characters): text is NFC-normalised; code
 * points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1, everything else
 * (CJK, most symbols) 2; an emoji sequence weighs 2 however many code points it has; every URL
 * weighs 23 (t.co). We count a bare domain ("luna.coffee/x") as a URL too when X might link it —
 * over-counting by a few characters is safe, under-counting would fail at X after the upload.
 * (The twitter-text package implements this, but pulls core-js 2 into the renderer.)
 */
import { PLATFORM_LIMITS, type SocialNetwork } from './platform-limits';

export interface CaptionParts {
  text: string;
  hashtags?: readonly string[];
  link?: string;
}

/** Normalises one hashtag as typed ("#Cold Brew", "coldbrew") to "#ColdBrew"; '' when nothing is left. */
export function normaliseHashtag(tag: string): string {
  const body = tag.trim().replace(/^#+/u, '').replace(/[^\p{L}\p{N}_]/gu, '');
  return body ? `#${body}` : '';
}

/** The caption as posted: text, then the link on its own line, then the hashtags. */
export function composeCaption(parts: CaptionParts): string {
  const seen = new Set<string>();
  // Hashtags are case-insensitive on both networks: keep the first spelling of each.
  const tags = (parts.hashtags ?? []).map(normaliseHashtag).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  const lines = [parts.text.trim()];
  if (parts.link?.trim()) lines.push(parts.link.trim());
  if (tags.length) lines.push(tags.join(' '));
  return lines.filter(Boolean).join('\n\n');
}

const X_LIGHT_RANGES: readonly [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
const URL_WEIGHT = 23;
const URLISH = /(?:https?:\/\/|www\.)[^\s]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,24}\b(?:\/[^\s]*)?/giu;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;

function weighText(text: string): number {
  let w = 0;
  const graphemes = segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
  for (const g of graphemes) {
    if (EMOJI.test(g)) {
      w += 2;
      continue;
    }
    for (const ch of g) {
      const cp = ch.codePointAt(0)!;
      w += X_LIGHT_RANGES.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
    }
  }
  return w;
}

/** X's weighted length of a caption. */
export function xWeightedLength(caption: string): number {
  const text = caption.normalize('NFC');
  let total = 0;
  let last = 0;
  for (const m of text.matchAll(URLISH)) {
    total += weighText(text.slice(last, m.index));
    const explicit = /^(?:https?:\/\/|www\.)/iu.test(m[0]);
    total += explicit ? URL_WEIGHT : Math.max(URL_WEIGHT, weighText(m[0]));
    last = m.index + m[0].length;
  }
  return total + weighText(text.slice(last));
}

export interface CaptionCount {
  network: SocialNetwork;
  count: number;
  max: number;
  over: boolean;
}

export function countCaption(network: SocialNetwork, caption: string): CaptionCount {
  const limits = PLATFORM_LIMITS[network];
  const count = limits.captionCounting === 'x-weighted' ? xWeightedLength(caption) : caption.length;
  return { network, count, max: limits.captionMax, over: count > limits.captionMax };
}
