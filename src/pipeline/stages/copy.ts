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

export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const first = t[0]!.toLocaleUpperCase() + t.slice(1);
  return /[.!?。！？…]$/u.test(first) ? first : `${first}.`;
}

/** Text for a speech engine: no emoji/pictographs, no markup-ish symbols, single spaces. */
export function speakable(text: string): string {
  return text
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200D|\uFE0F/gu, ' ')
    .replace(/[\\<>{}[\]|^~`*_#@]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function wordCount(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/u).length : 0;
}

/**
 * A spoken line cut down to `maxWords` at a natural boundary: whole sentences first, then whole
 * clauses, then words — ending as a sentence (a voice does not say "…").
 */
export function shortenLine(text: string, maxWords: number): string {
  const t = text.trim();
  if (wordCount(t) <= maxWords) return t;
  const fits = (parts: string[]) => {
    const out: string[] = [];
    for (const p of parts) {
      if (wordCount([...out, p].join(' ')) > maxWords) break;
      out.push(p);
    }
    return out.join(' ').trim();
  };
  const sentences = t.split(/(?<=[.!?。！？])\s+/u);
  const bySentence = fits(sentences);
  if (bySentence) return bySentence;
  const clauses = sentences[0]!.split(/(?<=[,;:–—])\s+/u);
  const byClause = fits(clauses).replace(/[,;:–—]+$/u, '');
  const cut = byClause && wordCount(byClause) >= Math.min(3, maxWords) ? byClause : t.split(/\s+/u).slice(0, maxWords).join(' ').replace(/[,;:–—-]+$/u, '');
  return sentence(cut);
}
