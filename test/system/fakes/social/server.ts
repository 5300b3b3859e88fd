/**
 * The fake social networks on one local HTTP server: X under /x (x.com and api.x.com), LinkedIn
 * under /linkedin (www.linkedin.com/oauth and api.linkedin.com). Started by the system stack
 * (`npm run dev:stack`) and by the publisher tests. Control (tests): POST /__social/control
 * { x?: XControl, linkedin?: LinkedInControl }; GET /__social/stats.
 */
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runFfmpeg } from '../../../../src/pipeline/ffmpeg/run';
import { json, readBody, send, type FakeReq } from './common';
import { createFakeLinkedIn, type LinkedInControl } from './linkedin';
import { createFakeX, type XControl } from './x';

export { FAKE_X } from './x';
export { FAKE_LINKEDIN } from './linkedin';

export interface SocialFakeOptions {
  ffmpegPath: string;
  ffprobePath: string;
  port?: number;
  dir?: string;
  /** Loopback ports registered as X callback URLs (X matches redirect_uri exactly). */
  xCallbackPorts: number[];
  /** LinkedIn's upload part size (4 MiB like the real one unless a test wants several parts of a small file). */
  linkedinPartBytes?: number;
}

export type SocialFakes = Awaited<ReturnType<typeof startSocialFakes>>;

export async function startSocialFakes(opts: SocialFakeOptions) {
  const dir = opts.dir ?? path.join(tmpdir(), `zapcut-social-${process.pid}-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  const avatarFile = path.join(dir, 'avatar.png');
  await runFfmpeg({ ffmpegPath: opts.ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x4A3121:s=96x96', '-vf', "drawbox=x=24:y=24:w=48:h=48:color=0xE8C39E:t=fill", '-frames:v', '1'], output: avatarFile });
  const avatar = await readFile(avatarFile);
  let url = '';
  const x = createFakeX({ baseUrl: () => `${url}/x`, dir, ffprobePath: opts.ffprobePath, callbackUrls: () => opts.xCallbackPorts.map((p) => `http://127.0.0.1:${p}/callback`), avatar: () => avatar });
  const linkedin = createFakeLinkedIn({ baseUrl: () => `${url}/linkedin`, dir, ffprobePath: opts.ffprobePath, avatar: () => avatar, partBytes: opts.linkedinPartBytes });

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req).catch(() => Buffer.alloc(0));
      const r: FakeReq = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://fake'), headers: req.headers, body, raw: req, res };
      const p = r.url.pathname;
      if (p === '/__social/control' && r.method === 'POST') {
        const c = (json(body) ?? {}) as { x?: XControl; linkedin?: LinkedInControl };
        if (c.x) x.control(c.x);
        if (c.linkedin) linkedin.control(c.linkedin);
        return send(res, 200, { ok: true });
      }
      if (p === '/__social/stats') return send(res, 200, { x: x.stats(), linkedin: linkedin.stats() });
      if (p.startsWith('/x/') && (await x.handle(r, p.slice(2)))) return;
      if (p.startsWith('/linkedin/') && (await linkedin.handle(r, p.slice(9)))) return;
      send(res, 404, { title: 'Not Found Error', detail: `No fake route for ${r.method} ${p}`, type: 'about:blank', status: 404 });
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { title: 'Internal', detail: String(err), status: 500 });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  return {
    url,
    /** Worker vars that point the proxy's social config at these fakes. */
    env: {
      X_CLIENT_ID: 'ZmFrZS14LWNsaWVudC1pZA',
      X_AUTHORIZE_URL: `${url}/x/i/oauth2/authorize`,
      X_API_BASE: `${url}/x`,
      X_REDIRECT_PORTS: opts.xCallbackPorts.join(','),
      LINKEDIN_CLIENT_ID: '86fakelinkedin',
      LINKEDIN_CLIENT_SECRET: 'fake-linkedin-client-secret-0123456789',
      LINKEDIN_OAUTH_BASE: `${url}/linkedin/oauth/v2`,
      LINKEDIN_API_BASE: `${url}/linkedin`,
    },
    async control(c: { x?: XControl; linkedin?: LinkedInControl }) {
      const r = await fetch(`${url}/__social/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) });
      if (!r.ok) throw new Error(`control: ${r.status}`);
    },
    stats: () => ({ x: x.stats(), linkedin: linkedin.stats() }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections()),
  };
}
