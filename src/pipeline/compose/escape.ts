/**
 * FFmpeg filtergraph escaping (https://ffmpeg.org/ffmpeg-filters.html#Notes-on-filtergraph-escaping).
 * Two levels, applied in order:
 *  1. an option value inside a filter's `key=value:key=value` list: wrapped in single quotes
 *     (inside quotes `:` and `\` are literal); a `'` closes the quote, is escaped, reopens;
 *  2. the whole argument string inside the graph: `\ ' [ ] , ;` are backslash-escaped.
 * drawtext additionally runs `%{…}` expansion, which we turn off (`expansion=none`), so user
 * text (quotes, colons, backslashes, %, commas, emoji, any script) reaches the font verbatim.
 */

/** Level 1: one option value. */
export function quoteOptionValue(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Level 2: a filter's whole argument string. */
export function escapeFilterArgs(args: string): string {
  return args.replace(/[\\'[\],;]/g, '\\$&');
}

export type FilterOptionValue = string | number | boolean;

/** `name=k1=v1:k2=v2` with both levels applied. Strings are always quoted (level 1); numbers
 *  and booleans are written plainly. `raw` marks an expression that must not be quoted. */
export function filter(name: string, opts: Record<string, FilterOptionValue | { raw: string } | undefined> = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(opts)) {
    if (v === undefined) continue;
    if (typeof v === 'object') parts.push(`${k}=${v.raw}`);
    else if (typeof v === 'string') parts.push(`${k}=${quoteOptionValue(v)}`);
    else parts.push(`${k}=${typeof v === 'boolean' ? (v ? 1 : 0) : formatNumber(v)}`);
  }
  return parts.length ? `${name}=${escapeFilterArgs(parts.join(':'))}` : name;
}

/** Numbers without exponent notation and without float noise (1/30 → 0.033333). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

/** Characters that would end the drawtext run early or render as garbage: control chars
 *  (except tab) are dropped; line breaks are handled by the caller (one drawtext per line). */
export function cleanTextLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
}
