import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_CSP, createAppPageHandler } from '.';

describe('app pages', () => {
  let dir: string;
  let handle: (req: Request) => Promise<Response>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-pages-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Zapcut</title>');
    writeFileSync(join(dir, 'renderer', 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'renderer', 'assets', 'leak.js'));
    handle = createAppPageHandler(join(dir, 'renderer'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the renderer with the CSP header and the right types', async () => {
    const page = await handle(new Request('zapcut-app://app/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Zapcut</title>');
    const js = await handle(new Request('zapcut-app://app/assets/index-abc.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it.each([
    'zapcut-app://app/../secret.txt',
    'zapcut-app://app/%2e%2e/secret.txt',
    'zapcut-app://app/..%2fsecret.txt',
    'zapcut-app://app/assets/leak.js',
    'zapcut-app://app/missing.js',
    'zapcut-app://app/assets',
    'zapcut-app://app/index.html%00.js',
  ])('refuses %s', async (url) => {
    const r = await handle(new Request(url));
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('secret');
  });

  it('keeps script-src strict: no inline, no eval, no remote origins', () => {
    const script = APP_CSP.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(APP_CSP).not.toMatch(/unsafe-|https?:|\*/);
  });
});
