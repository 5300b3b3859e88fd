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
