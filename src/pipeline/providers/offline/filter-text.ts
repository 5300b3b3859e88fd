/**
 * Escaping for values inside an FFmpeg filter graph. A value is parsed twice: by the graph parser
 * (`,` `;` `[` `]` and quotes) and then by the filter's option parser (`:` and quotes), so a path
 * like `C:\Users\o'neil` needs both levels (FFmpeg docs, "Notes on filtergraph escaping"). Use the
 * result unquoted: inside quotes FFmpeg does not process backslashes.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\:']/g, (c) => `\\${c}`);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** Wraps text to lines of at most `maxChars` characters (by code point), breaking at spaces. */
export function wrapText(text: string, maxChars: number, maxLines = 3): string {
  const words = text.trim().split(/\s+/u);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if ([...next].length > maxChars && line) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  // Scripts without spaces (Chinese, Japanese…) come out as one long "word": cut it by length.
  const cut = lines.flatMap((l) => {
    const cps = [...l];
    if (cps.length <= maxChars * 1.2) return [l];
    const parts: string[] = [];
    for (let i = 0; i < cps.length; i += maxChars) parts.push(cps.slice(i, i + maxChars).join(''));
    return parts;
  });
  if (cut.length <= maxLines) return cut.join('\n');
  return [...cut.slice(0, maxLines - 1), `${[...cut[maxLines - 1]!].slice(0, maxChars - 1).join('')}…`].join('\n');
}
