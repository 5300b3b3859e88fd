import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ensureRendererBuilt } from './renderer-build';
import { injectShim, startHarness, staticPath, type Harness } from './server';

/** Raw GET so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, origin: string): Promise<WebSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws') + '__zapcut/ws', { origin });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('injectShim / staticPath', () => {
  it('puts the shim before the first script', () => {
    const html = '<head><meta charset="UTF-8"><script type="module" src="./a.js"></script></head>';
    const out = injectShim(html);
    expect(out.indexOf('/__zapcut/shim.js')).toBeLessThan(out.indexOf('./a.js'));
    expect(() => injectShim('<p>no scripts</p>')).toThrow(/no <script>/);
  });

  it('keeps static paths inside the root', () => {
    expect(staticPath('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(staticPath('/srv/r', '/../etc/passwd')).toBeUndefined();
    expect(staticPath('/srv/r', '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(staticPath('/srv/r', '/a%00.js')).toBeUndefined();
    expect(staticPath('/srv/r', '/%E0%A4%A')).toBeUndefined();
  });
});

describe('startHarness', () => {
  let harness: Harness;
  let dataDir: string;

  beforeAll(async () => {
    await ensureRendererBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'zapcut-harness-test-'));
    harness = await startHarness({ dataDir });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the built renderer with the shim injected, and refuses traversal', async () => {
    const index = await rawGet(harness.url, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(index.body).toMatch(/<script src="\/__zapcut\/shim.js"><\/script>\s*<script type="module"/);
    expect(index.body).toContain('Content-Security-Policy');
    expect((await rawGet(harness.url, '/__zapcut/shim.js')).body).toContain("Object.defineProperty(window, 'zapcut'");
    expect((await rawGet(harness.url, '/../../package.json')).status).toBe(404);
    expect((await rawGet(harness.url, '/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await rawGet(harness.url, `/media/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('dispatches {id, channel, input} and pushes events over the WebSocket', async () => {
    const origin = harness.url.replace(/\/$/, '');
    const socket = await connect(harness.url, origin);
    const messages: unknown[] = [];
    socket.on('message', (d) => messages.push(JSON.parse(String(d))));
    socket.send(JSON.stringify({ id: 7, channel: 'brand/create', input: { name: 'Acme 🚀 شركة' } }));
    socket.send(JSON.stringify({ id: 8, channel: 'brand/create', input: { name: '' } }));
    socket.send('not json');
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(4);
    socket.close();
    expect(messages).toContainEqual({ id: 7, result: { ok: true, value: expect.objectContaining({ name: 'Acme 🚀 شركة' }) } });
    expect(messages).toContainEqual({ id: 8, result: { ok: false, error: expect.objectContaining({ code: 'VALIDATION' }) } });
    expect(messages).toContainEqual({ event: 'brand/changed', payload: { id: expect.any(String) } });
    expect(messages).toContainEqual({ error: expect.objectContaining({ code: 'VALIDATION' }) });
  });

  it('closes sockets from other origins', async () => {
    const socket = await connect(harness.url, 'http://evil.example');
    const code = await new Promise<number>((resolve) => socket.once('close', (c) => resolve(c)));
    expect(code).toBe(1008);
  });
});
