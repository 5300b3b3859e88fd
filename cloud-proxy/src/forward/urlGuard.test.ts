import { describe, expect, it } from 'vitest';
import { isForbiddenImageUrl, looksLikeUrl } from './urlGuard';

/** What checkInputString does with a model input's string: a URL-looking one must pass the guard. */
const passes = (v: string) => !looksLikeUrl(v) || isForbiddenImageUrl(v) === null;

describe('the URL guard', () => {
  it.each([
    // IPv4 in every spelling (the parser turns decimal, octal, hex and short forms into dotted quads)
    'https://127.0.0.1/x.png',
    'https://127.1/x.png',
    'https://2130706433/x.png',
    'https://0x7f000001/x.png',
    'https://0177.0.0.1/x.png',
    'https://0x7f.0.0.1/x.png',
    'https://10.1.2.3/x.png',
    'https://172.20.0.1/x.png',
    'https://192.168.0.10/x.png',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/x.png',
    'https://0.0.0.0/x.png',
    'https://198.18.0.1/x.png',
    'https://192.0.2.7/x.png',
    'https://255.255.255.255/x.png',
    // IPv6: loopback and unspecified in long and short forms, private, link-local, site-local, multicast
    'https://[::1]/x.png',
    'https://[0:0:0:0:0:0:0:1]/x.png',
    'https://[::]/x.png',
    'https://[fc00::1]/x.png',
    'https://[fd12:3456::1]/x.png',
    'https://[fe80::1]/x.png',
    'https://[febf::1]/x.png',
    'https://[fec0::1]/x.png',
    'https://[ff02::1]/x.png',
    'https://[2001:db8::1]/x.png',
    // IPv6 forms that embed an IPv4 address
    'https://[::ffff:127.0.0.1]/x.png',
    'https://[::ffff:7f00:1]/x.png',
    'https://[0:0:0:0:0:ffff:7f00:1]/x.png',
    'https://[::ffff:169.254.169.254]/x.png',
    'https://[::ffff:8.8.8.8]/x.png',
    'https://[::127.0.0.1]/x.png',
    'https://[::ffff:0:127.0.0.1]/x.png',
    'https://[64:ff9b::127.0.0.1]/x.png',
    'https://[2002:7f00:1::]/x.png',
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x.png',
    // names
    'https://localhost/x.png',
    'https://api.localhost/x.png',
    'https://printer.local/x.png',
    'https://metadata.google.internal/x',
    'https://intranet/x.png',
    'https://nas.lan/x.png',
    // schemes, credentials, spellings other parsers read differently
    'http://cdn.example.com/x.png',
    'ftp://cdn.example.com/x.png',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_INFO',
    'javascript:alert(1)',
    'https://user:pw@cdn.example.com/x.png',
    'https://user@cdn.example.com/x.png',
    'https:/127.0.0.1/x.png',
    'https:\\\\127.0.0.1\\x.png',
    'https:cdn.example.com/x.png',
    '//127.0.0.1/x.png',
    ' https://127.0.0.1/x.png',
    '\thttps://cdn.example.com/x.png',
    'HTTPS://CDN.EXAMPLE.COM/x.png',
    'https://cdn.example.com/a b.png',
  ])('refuses %s', (url) => {
    expect(passes(url)).toBe(false);
  });

  it.each([
    'https://cdn.example.com/bottle.png',
    'https://replicate.delivery/xezq/abc/out.png',
    'https://api.replicate.com/v1/files/abc123',
    'https://8.8.8.8/x.png',
    'https://[2606:4700::1111]/x.png',
    'https://cdn.example.com:8443/x.png?w=1024&h=1024',
  ])('accepts %s', (url) => {
    expect(looksLikeUrl(url)).toBe(true);
    expect(isForbiddenImageUrl(url)).toBeNull();
  });

  it.each(['A bottle of tea on a table', 'Note: keep the label readable', 'ratio 16:9', 'data:image/png;base64,iVBORw0KGgo=', 'red, then blue: at 2:30'])('leaves prose and data URIs to their own checks: %s', (text) => {
    expect(looksLikeUrl(text)).toBe(false);
  });
});
