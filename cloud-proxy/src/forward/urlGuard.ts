/**
 * The Worker never fetches a client-supplied URL, but it does pass image URLs on to Replicate.
 * Those must be public https URLs: loopback, private, link-local, CGNAT and metadata addresses are
 * refused (in every spelling the URL parser normalises, e.g. http://2130706433/ → 127.0.0.1).
 * A public hostname that resolves to a private address cannot be seen from here; Replicate's
 * fetcher is outside our network, so that is its concern.
 */
/** Whether a string is (so far) just `https://`-ish: the full URL-shape test comes with the guard's hardening. */
export function looksLikeUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

export function isForbiddenImageUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:') return 'only https URLs are accepted';
  if (url.username || url.password) return 'URLs with credentials are not accepted';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan') || !host.includes('.') && !host.startsWith('[')) {
    return 'local hostnames are not accepted';
  }
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) return privateV4(v4.slice(1).map(Number)) ? 'private or local addresses are not accepted' : null;
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::' || v6 === '::1') return 'loopback addresses are not accepted';
    if (/^f[cd][0-9a-f]{2}:/.test(v6)) return 'private addresses are not accepted';
    if (/^fe[89ab][0-9a-f]:/.test(v6)) return 'link-local addresses are not accepted';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6) ?? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (mapped) {
      const parts = mapped.length === 2 ? mapped[1]!.split('.').map(Number) : [parseInt(mapped[1]!, 16) >> 8, parseInt(mapped[1]!, 16) & 255, parseInt(mapped[2]!, 16) >> 8, parseInt(mapped[2]!, 16) & 255];
      if (privateV4(parts)) return 'private or local addresses are not accepted';
    }
  }
  return null;
}

function privateV4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}
