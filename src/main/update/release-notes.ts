/**
 * electron-updater hands us release notes as whatever the feed's latest.yml held: an HTML string
 * (GitHub/generic feeds written by electron-builder from the release body), an array of
 * `{ version, note }` (when `fullChangelog` is on), or nothing. The UI shows plain text, so tags
 * are stripped here — never injected as HTML into the renderer.
 */
export type RawReleaseNotes = string | ReadonlyArray<{ version: string; note: string | null }> | null | undefined;

const MAX_CHARS = 5000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '\n• ')
    .replace(/<\s*\/\s*(p|div|h[1-6]|ul|ol|li)\s*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+|#39);/gi, (whole, name: string) => {
      if (ENTITIES[name]) return ENTITIES[name];
      if (/^#x/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return whole;
    })
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text for the "what's new" panel; '' when the feed carried none. */
export function normaliseReleaseNotes(notes: RawReleaseNotes): string {
  if (!notes) return '';
  const text =
    typeof notes === 'string'
      ? htmlToText(notes)
      : notes
          .map((n) => (n.note ? `${n.version}\n${htmlToText(n.note)}` : ''))
          .filter(Boolean)
          .join('\n\n');
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1).trimEnd()}…` : text;
}
