/**
 * Spoken lines: text a speech engine can read, word counts, and cutting a line to a word budget
 * at a natural boundary. Pure, shared by the pipeline (voiceover, offline writer) and the
 * renderer (the storyboard's spoken-length estimate).
 */
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
  const cut = byClause && wordCount(byClause) >= Math.min(3, maxWords) ? byClause : byWords(t.split(/\s+/u), maxWords);
  return sentence(cut);
}

/** Words that open a phrase: a line cut by words stops before one ("…a wood-fired oven | that has…"). */
const OPENS_PHRASE = /^(and|or|but|so|because|while|when|that|which|who|with|without|for|in|into|at|on|from|by|over|to|than|since|after|before|y|o|con|sin|para|que|en|et|avec|sans|pour|und|mit|ohne|für)$/iu;

/** The first `maxWords` words, ended before a phrase-opening word when that keeps half of them. */
function byWords(words: string[], maxWords: number): string {
  let n = maxWords;
  for (let k = maxWords; k >= Math.max(2, Math.ceil(maxWords / 2)); k--) {
    if (OPENS_PHRASE.test((words[k] ?? '').replace(/[^\p{L}]/gu, ''))) {
      n = k;
      break;
    }
  }
  return words.slice(0, n).join(' ').replace(/[,;:–—-]+$/u, '');
}
