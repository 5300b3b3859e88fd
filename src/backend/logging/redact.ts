/**
 * Scrubs secrets out of anything that is about to be written to the log file. Logs get attached
 * to bug reports, so a session token, a provider key or an Authorization header must never reach
 * disk. Two layers: values under a sensitive *key* are replaced wholesale, and every string is
 * scanned for secret-shaped *text* (a token pasted into an error message, a URL with ?key=…).
 */

export const REDACTED = '[redacted]';

/** Object keys whose values are always secret, whatever they look like. */
const SENSITIVE_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|session[-_]?token|token|secret|client[-_]?secret|password|passphrase|private[-_]?key|signature)$/i;

/** [pattern, replacement] pairs applied in order to every string. */
const SECRET_TEXT: Array<[RegExp, string]> = [
  // "Authorization: Bearer abc", "authorization=Basic abc" (headers dumped as text)
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;}]+/gi, `$1$2${REDACTED}`],
  // a bare "Bearer abc" anywhere
  [/\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // JSON/JS-ish "apiKey": "value" or token=value inside a string
  [/(["']?\b(?:api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|session[-_]?token|token|secret|client[-_]?secret|password|x-api-key)\b["']?\s*[:=]\s*)(["']?)[^\s"'&,;}]+\2/gi, `$1$2${REDACTED}$2`],
  // URL query parameters that carry credentials
  [/([?&](?:key|api_key|apikey|token|access_token|refresh_token|auth|sig|signature|password|X-Amz-Signature|X-Amz-Credential)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
  // user:password@host in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+@/gi, `$1${REDACTED}@`],
  // JWTs (our proxy session tokens are HS256 JWTs)
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, REDACTED],
  // OpenAI / Anthropic (sk-…, sk-ant-…), Replicate (r8_…), GitHub, Slack, AWS access keys
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\br8_[A-Za-z0-9]{16,}/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Returns a JSON-safe, redacted copy of `value` (never mutates it). Errors become
 * `{ name, message, code?, stack }`; cycles become "[circular]"; depth is capped so a huge object
 * graph cannot stall the main process.
 */
export function redactValue(value: unknown, maxDepth = 6): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactText(v);
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'undefined') return undefined;
    if (typeof v === 'function' || typeof v === 'symbol') return `[${typeof v}]`;
    const obj = v as object;
    if (seen.has(obj)) return '[circular]';
    if (depth >= maxDepth) return '[…]';
    seen.add(obj);
    if (obj instanceof Error) {
      const e = obj as Error & { code?: unknown; cause?: unknown };
      const shape: Record<string, unknown> = { name: e.name, message: redactText(e.message) };
      if (e.code !== undefined) shape.code = walk(e.code, depth + 1);
      if (e.stack) shape.stack = redactText(e.stack);
      if (e.cause !== undefined) shape.cause = walk(e.cause, depth + 1);
      return shape;
    }
    if (Array.isArray(obj)) return obj.map((item) => walk(item, depth + 1));
    if (obj instanceof Date) return obj.toISOString();
    if (obj instanceof Map) return walk(Object.fromEntries(obj), depth);
    if (typeof Buffer !== 'undefined' && Buffer.isBuffer(obj)) return `[${obj.length} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(obj)) {
      out[k] = SENSITIVE_KEY.test(k) && item !== undefined && item !== null && item !== '' ? REDACTED : walk(item, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}
