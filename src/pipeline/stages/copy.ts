/**
 * Plain-text helpers for ad copy built from a brief: first sentences, trimming to a word budget,
 * and text that a speech engine can read (emoji and symbols dropped; the captions keep them).
 */
export function firstSentence(text: string, maxChars = 120): string {
  const m = /^(.+?[.!?。！？])(\s|$)/su.exec(text.trim());
  const s = (m ? m[1]! : text.trim()).trim();
  return trimChars(s, maxChars);
}

export function trimChars(text: string, maxChars: number): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  const cut = chars.slice(0, maxChars).join('');
  const sp = cut.lastIndexOf(' ');
  return `${(sp > maxChars * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}

export function trimWords(text: string, maxWords: number): string {
  const words = text.trim().split(/\s+/u);
  if (words.length <= maxWords) return text.trim();
  return `${words.slice(0, maxWords).join(' ').replace(/[,;:–—-]+$/u, '')}…`;
}

// Spoken-line helpers live in src/shared/voice (the storyboard editor estimates with them too).
export { sentence, shortenLine, speakable, wordCount } from '../../shared/voice/copy';

/** A brand name longer than this (characters) or `SHORT_NAME_WORDS` words is shortened in copy. */
export const SHORT_NAME_CHARS = 32;
const SHORT_NAME_WORDS = 5;
const SHORT_NAME_LINE_CHARS = 48;
/** Words that open a name's descriptive tail ("… Company | of the Old Town", "… Roastery | from the Hills"). */
const NAME_TAIL = /^(of|by|from|since|founded|est\.?|established|in|at|on|for|with|serving|de|del|da|du|des|von|und|y|et|and)$/iu;

/**
 * The name an ad says and shows for a brand (issue 16): the name itself when it fits a title's
 * budget, else its longest head that ends where a phrase does — before a comma or a word opening
 * the name's descriptive tail ("Heritage Bread & Pastry Company of the Old Town Market Square,
 * Founded by …" → "Heritage Bread & Pastry Company"). Never cut mid-phrase, never an ellipsis;
 * a name with no such break stays whole (the layout shrinks it).
 */
export function shortName(name: string): string {
  const whole = name.trim();
  const words = whole.split(/\s+/u);
  if ([...whole].length <= SHORT_NAME_CHARS && words.length <= SHORT_NAME_WORDS) return whole;
  // The longest head within a title's budget; else the shortest within a line's (an end-card
  // line: "Ridgeline Mountain Roasters Cooperative, Boulder, …" → its first clause).
  let best = '';
  for (let k = 1; k < words.length; k++) {
    const head = words.slice(0, k).join(' ');
    const withinTitle = [...head].length <= SHORT_NAME_CHARS && k <= SHORT_NAME_WORDS;
    if (!withinTitle && (best || [...head].length > SHORT_NAME_LINE_CHARS)) break;
    const breaks = /[,;:–—(]$/u.test(words[k - 1]!) || /^[(–—-]/u.test(words[k]!) || NAME_TAIL.test(words[k]!);
    if (breaks) best = head;
    if (breaks && !withinTitle) break;
  }
  best = best.replace(/[\s,;:–—(-]+$/u, '');
  return best || whole;
}
