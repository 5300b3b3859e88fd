/**
 * Whether a signing secret looks like the output of a random generator rather than a phrase, a
 * placeholder or a short key. HS256 wants a key of at least 256 bits (RFC 7518 §3.2); a human
 * cannot type that, so the rule is: 32+ random bytes written as hex (64+ characters) or base64 /
 * base64url (43+ characters). A heuristic, not a proof of randomness — it catches what actually
 * goes wrong on a deploy: the example's value, a sentence, a repeated or sequential string.
 */
const HOW = 'use at least 32 random bytes, e.g. `openssl rand -base64 48`';

/** Words that only a person (or an example file) puts in a secret; 5+ letters, so random base64 hits one about once in 50 000 keys. */
const PLACEHOLDER = /secret|change|example|password|placeholder|token|zapcut|replace|random|default|local|stack|bench|length|enough/i;

function shannonBitsPerChar(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** Null when the secret is strong enough; else why not, with what to do (the value itself is never echoed). */
export function weakSecretReason(secret: string | undefined): string | null {
  if (!secret) return `it is not set; ${HOW}`;
  if (/\s/.test(secret)) return `it contains spaces; ${HOW}`;
  const hex = /^[0-9a-f]+$/.test(secret) || /^[0-9A-F]+$/.test(secret);
  const base64 = /^[A-Za-z0-9+/_-]+={0,2}$/.test(secret);
  if (!hex && !base64) return `it is not hex or base64 (a passphrase?); ${HOW}`;
  const body = secret.replace(/=+$/, '');
  if (hex ? body.length < 64 : body.length < 43) return `it is ${body.length} characters, under the ${hex ? 64 : 43} that 32 bytes of ${hex ? 'hex' : 'base64'} take; ${HOW}`;
  if (PLACEHOLDER.test(body)) return `it contains a word (a placeholder or a phrase, not random bytes); ${HOW}`;
  const distinct = new Set(body).size;
  // Random hex uses ≥ 14 of its 16 digits and base64 well over 20 of its 64 symbols in 43+ characters.
  if (distinct < (hex ? 12 : 20) || shannonBitsPerChar(body) < (hex ? 3.2 : 4.0)) return `it repeats too few characters to be random; ${HOW}`;
  let steps = 0;
  for (let i = 1; i < body.length; i++) if (Math.abs(body.charCodeAt(i) - body.charCodeAt(i - 1)) <= 1) steps++;
  // Random base64 steps by 0 or ±1 between neighbours about 1 time in 20 (hex 1 in 5); 'abcdef…' or 'aaaa…' always does.
  if (steps / (body.length - 1) > (hex ? 0.45 : 0.25)) return `it runs in sequences (abc…, 123…); ${HOW}`;
  if (!hex) {
    // Random base64 is about 40 % upper case and 40 % lower case; a phrase or a slug is not.
    const upper = body.replace(/[^A-Z]/g, '').length / body.length;
    const lower = body.replace(/[^a-z]/g, '').length / body.length;
    if (upper < 0.1 || lower < 0.1) return `its letters are nearly all one case, which random base64 never is; ${HOW}`;
  }
  return null;
}
