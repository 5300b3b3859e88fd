/**
 * A stand-in for the Zapcut proxy for test/e2e/brand-style.spec.ts: just enough of its HTTP API
 * for the app to sign up (auth, /v1/me, /v1/quote) and to run a brand-style training that never
 * finishes by itself (POST /v1/trainings, GET polls answer "processing") until it is cancelled
 * (POST /v1/trainings/:id/cancel). Records every request so the test can assert on them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface FakeProxy {
  url: string;
  seen: { method: string; path: string }[];
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

export async function startFakeProxy(): Promise<FakeProxy> {
  const seen: FakeProxy['seen'] = [];
  const trainings = new Map<string, { brandKey: string; canceled: boolean }>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await read(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? '/', 'http://fake');
    seen.push({ method: req.method ?? 'GET', path: url.pathname });
    const send = (status: number, b: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(b));
    };
    const p = url.pathname;
    if (/^\/v1\/auth\/(signup|login|refresh)$/.test(p)) return send(p.endsWith('signup') ? 201 : 200, { accessToken: 'fake-access-token-0001', refreshToken: 'fake-refresh-token-0001', user: { id: 'u_fake', email: String(body.email ?? 'lark@zapcut.test') } });
    if (p === '/v1/auth/logout') return send(200, {});
    if (p === '/v1/me') return send(200, { id: 'u_fake', email: 'lark@zapcut.test', role: 'user', tier: 'free', creditsCents: 0, freeVideosUsed: 0, freeVideosLeft: 2, month: '2026-11', monthVideosUsed: 0, monthVideosLeft: 0, maxLengthSeconds: 30, maxResolution: '1080p', apiAccess: false, suspended: false });
    if (p === '/v1/quote') return send(200, { allowed: true, source: 'free', costCents: 0, lengthSeconds: Number(url.searchParams.get('lengthSeconds') ?? 15), resolution: '1080p' });
    if (p === '/v1/trainings' && req.method === 'POST') {
      const id = `tr_${trainings.size + 1}`;
      trainings.set(id, { brandKey: String(body.brandKey), canceled: false });
      return send(201, { trainingId: id, status: 'starting' });
    }
    const m = /^\/v1\/trainings\/([^/]+)(\/cancel)?$/.exec(p);
    const t = m ? trainings.get(m[1]!) : undefined;
    if (m && t) {
      if (m[2] && req.method === 'POST') t.canceled = true;
      return send(200, { trainingId: m[1], brandKey: t.brandKey, status: t.canceled ? 'canceled' : 'processing' });
    }
    send(404, { error: { code: 'NOT_FOUND', message: `${req.method} ${p} is not faked.` } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return {
    url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
    seen,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
