import { describe, expect, it } from 'vitest';
import { isForbiddenImageUrl } from './urlGuard';

describe('isForbiddenImageUrl', () => {
  it.each([
    'https://127.0.0.1/x.png',
    'https://127.1/x.png',
    'https://2130706433/x.png',
    'https://0x7f000001/x.png',
    'https://10.1.2.3/x.png',
    'https://172.20.0.1/x.png',
    'https://192.168.0.10/x.png',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/x.png',
    'https://0.0.0.0/x.png',
    'https://[::1]/x.png',
    'https://[fd00::1]/x.png',
    'https://[fe80::1]/x.png',
    'https://[::ffff:127.0.0.1]/x.png',
    'https://localhost/x.png',
    'https://api.localhost/x.png',
    'https://printer.local/x.png',
    'https://metadata.google.internal/x',
    'https://intranet/x.png',
    'http://cdn.example.com/x.png',
    'file:///etc/passwd',
    'https://user:pw@cdn.example.com/x.png',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isForbiddenImageUrl(url)).not.toBeNull();
  });

  it.each(['https://cdn.example.com/bottle.png', 'https://replicate.delivery/xezq/abc/out.png', 'https://8.8.8.8/x.png', 'https://[2606:4700::1111]/x.png'])('accepts %s', (url) => {
    expect(isForbiddenImageUrl(url)).toBeNull();
  });
});
