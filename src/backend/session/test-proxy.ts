/**
 * A scripted stand-in for the proxy's auth endpoints (unit tests only; the full-system tests use
 * the real Worker). Tracks how many refreshes happened and which tokens are valid.
 */
import { createServer } from 'node:http';

export async function startAuthStub() {
  let n = 0;
  const valid = new Set<string>();
  const refreshTokens = new Set<string>();
  const calls = { refresh: 0, me: 0, logout: 0 };
  const issue = () => {
    n++;
    const t = { accessToken: `access-token-${n}`, refreshToken: `refresh-token-${n}` };
    valid.add(t.accessToken);
    refreshTokens.add(t.refreshToken);
    return { ...t, expiresIn: 900, user: { id: 'u1', email: 'a@b.co', role: 'user' } };
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, string>) : {};
      const send = (status: number, b: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(b === null ? '' : JSON.stringify(b));
      };
      const bad = () => send(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } });
      if (req.url === '/v1/auth/signup' || req.url === '/v1/auth/login') return send(req.url.endsWith('signup') ? 201 : 200, issue());
      if (req.url === '/v1/auth/refresh') {
        calls.refresh++;
        if (!refreshTokens.delete(body.refreshToken!)) return bad();
        return setTimeout(() => send(200, issue()), 30);
      }
      if (req.url === '/v1/auth/logout') {
        calls.logout++;
        refreshTokens.delete(body.refreshToken!);
        return send(204, null);
      }
      if (req.url === '/v1/me') {
        calls.me++;
        if (!valid.has((req.headers.authorization ?? '').replace('Bearer ', ''))) return bad();
        return send(200, { id: 'u1', email: 'a@b.co', role: 'user', tier: 'free', creditsCents: 0, freeVideosUsed: 0, freeVideosLeft: 2, month: '2026-11', monthVideosUsed: 0, monthVideosLeft: 0, maxLengthSeconds: 60, maxResolution: '1080p', apiAccess: false, suspended: false });
      }
      send(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return {
    url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
    calls,
    /** Expires every access token (as if their 15 minutes were up). */
    expireAccess: () => valid.clear(),
    revokeRefresh: () => refreshTokens.clear(),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
