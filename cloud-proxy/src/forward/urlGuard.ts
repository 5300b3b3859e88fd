/**
 * The one URL guard. The Worker never fetches a client-supplied URL, but it passes URLs in model
 * inputs on to Replicate, and image URLs in text calls on to OpenAI and Anthropic, whose fetchers
 * then load them. Those must be plain public https URLs:
 *  - any string that a URL parser would take as a URL is checked, not only `https://…`: other
 *    schemes (ftp:, file:, gopher:, javascript:), `https:/host`, `https:\\host`, `//host` and
 *    leading blanks are URLs to some parser, so they are refused rather than passed on unchecked;
 *  - the URL must already be in the parser's plain (canonical) form, so the provider's parser and
 *    ours cannot read two hosts out of one string (`https://0177.1/` or `https://[::ffff:7f00:1]`
 *    are refused whatever they spell, with the plain form to use instead);
 *  - no credentials; no local names (localhost, .local, .internal, .lan, single-label names);
 *  - IP hosts must be public unicast: IPv4 outside loopback, private, link-local, CGNAT,
 *    benchmarking, documentation, multicast and reserved ranges; IPv6 inside 2000::/3 and outside
 *    6to4, Teredo, documentation and the other special ranges — which also refuses every form that
 *    embeds an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96, ::ffff:0:a.b.c.d).
 * The ranges come from ipaddr.js (MIT, no dependencies; its tables cite the RFCs). A public
 * hostname that resolves to a private address cannot be seen from here; the providers' fetchers
 * are outside our network, so that is their concern.
 */
import ipaddr from 'ipaddr.js';

/** Leading C0 controls and spaces are stripped by the WHATWG parser, so they are part of "looks like a URL". */
const BLANKS = /^[\u0000-\u0020]*/;
/** Schemes that parse as hierarchical URLs even without `//` (`https:example.com` is https://example.com/). */
const SPECIAL = new Set(['http', 'https', 'ftp', 'ws', 'wss', 'file']);
/** Schemes a fetcher may act on even without a slash. */
const ACTIVE = new Set(['javascript', 'vbscript', 'blob', 'gopher', 'jar', 'view-source', 'filesystem']);

/**
 * Whether some URL parser would take this string as a URL (data: URIs are checked on their own).
 * Prose like "Note: a bottle" is not a URL: a scheme must be followed by a slash or be a special one.
 */
export function looksLikeUrl(value: string): boolean {
  const v = value.replace(BLANKS, '');
  if (/^[/\\]{2}/.test(v)) return true; // scheme-relative: //host/x
  const m = /^([a-z][a-z0-9+.-]*):(.?)/i.exec(v);
  if (!m) return false;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'data') return false;
  return m[2] === '/' || m[2] === '\\' || SPECIAL.has(scheme) || ACTIVE.has(scheme);
}

/** Null when the URL may be passed to a provider; else why not (said to the user). */
export function isForbiddenImageUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:') return `only https URLs are accepted (not ${url.protocol.slice(0, 20)})`;
  if (url.username || url.password) return 'URLs with credentials are not accepted';
  if (url.href !== raw) return `write the URL in its plain form (${url.href.slice(0, 200)})`;
  const host = url.hostname;
  if (host.startsWith('[')) return publicAddress(host.slice(1, -1)) ? null : 'private, local or special IPv6 addresses are not accepted';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return publicAddress(host) ? null : 'private, local or special IPv4 addresses are not accepted';
  const name = host.replace(/\.$/, '');
  if (!name.includes('.') || /(^|\.)(localhost|local|internal|lan|home|arpa|intranet|corp)$/.test(name)) return 'local hostnames are not accepted';
  return null;
}

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

function publicAddress(literal: string): boolean {
  if (!ipaddr.isValid(literal)) return false;
  const ip = ipaddr.parse(literal);
  if (ip.kind() === 'ipv6' && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST)) return false;
  return ip.range() === 'unicast';
}
