/**
 * A fake X that speaks the X API v2 as documented (docs.x.com):
 *  - OAuth 2.0 authorization code + PKCE: GET /i/oauth2/authorize (exact redirect_uri match against
 *    the registered callback URLs, S256 or plain challenge), consent page, POST /2/oauth2/token
 *    (codes single-use and valid 30 s, code_verifier checked; refresh tokens rotate),
 *    POST /2/oauth2/revoke, GET /2/users/me.
 *  - Media: POST /2/media/upload/initialize (JSON), /{id}/append (multipart: media + segment_index,
 *    ≤ 5 MB per segment), /{id}/finalize (bytes must add up), GET /2/media/upload?command=STATUS
 *    (pending → in_progress → succeeded over a few polls; failed + InvalidMedia when ffprobe finds
 *    the video outside X's limits).
 *  - POST /2/tweets (280 weighted characters, media must be processed, duplicate text refused),
 *    GET /2/users/:id/tweets.
 *  - Every answer carries x-rate-limit-limit/remaining/reset; 429 with a problem body when limited.
 * Errors use X's problem format ({ title, detail, type, status }).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { xWeightedLength } from '../../../../src/shared/publish/caption';
import { probeMedia } from '../../../../src/pipeline/ffmpeg/probe';
import { bearerGrant, consentPage, form, html, json, multipart, pkceMatches, redirect, send, token, type FakeReq, type Grant, type IssuedCode, type PendingAuth } from './common';

export const FAKE_X = { clientId: 'ZmFrZS14LWNsaWVudC1pZA', userId: '1460000000000000001', name: 'Luna Coffee', username: 'lunacoffee' } as const;
const SCOPES = new Set(['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write']);
const MAX_SEGMENT = 5 * 1024 * 1024;

interface Media {
  id: string;
  owner: string;
  total: number;
  category: string;
  segments: Map<number, Buffer>;
  finalized: boolean;
  polls: number;
  state: 'none' | 'pending' | 'in_progress' | 'succeeded' | 'failed';
  failure?: string;
}

export interface XControl {
  /** Answer the next `times` calls to this endpoint with 429 and a reset `resetSeconds` ahead. */
  rateLimit?: { endpoint: 'initialize' | 'append' | 'finalize' | 'status' | 'tweets'; times: number; resetSeconds: number };
  /** Drop the connection in the middle of this APPEND segment (once). */
  cutAppendSegment?: number;
  /** STATUS polls before processing succeeds. */
  processingPolls?: number;
  /** Revoke every token, as a user removing the app in X's settings does. */
  revokeAll?: boolean;
  /** Drop the connection after creating the Post, before answering (once). */
  dropAfterTweet?: boolean;
}

export function createFakeX(opts: { baseUrl: () => string; dir: string; ffprobePath: string; callbackUrls: () => string[]; avatar: () => Buffer }) {
  const pending = new Map<string, PendingAuth>();
  const codes = new Map<string, IssuedCode>();
  const grants = new Map<string, Grant>();
  const refresh = new Map<string, Grant>();
  const media = new Map<string, Media>();
  const tweets: { id: string; text: string; mediaIds: string[]; authorId: string }[] = [];
  const limited = new Map<string, { times: number; resetAt: number }>();
  const control: { cutAppendSegment?: number; processingPolls: number; dropAfterTweet?: boolean } = { processingPolls: 3 };
  const calls = { token: 0, refresh: 0, revoke: 0, initialize: 0, append: 0, finalize: 0, status: 0, tweets: 0, rateLimited: 0 };

  const problem = (r: FakeReq, status: number, title: string, detail: string, type = 'about:blank', headers: Record<string, string> = {}) =>
    send(r.res, status, { title, detail, type, status }, { ...rate(), ...headers });
  const rate = (endpoint?: string): Record<string, string> => {
    const l = endpoint ? limited.get(endpoint) : undefined;
    return { 'x-rate-limit-limit': '500', 'x-rate-limit-remaining': l && l.times > 0 ? '0' : '499', 'x-rate-limit-reset': String(Math.ceil((l?.resetAt ?? Date.now() + 900_000) / 1000)) };
  };
  /** True (and answered) when this endpoint is rate limited right now. */
  const throttled = (r: FakeReq, endpoint: string): boolean => {
    const l = limited.get(endpoint);
    if (!l || l.times <= 0) return false;
    l.times--;
    calls.rateLimited++;
    problem(r, 429, 'Too Many Requests', 'Too Many Requests', 'about:blank', rate(endpoint));
    return true;
  };
  const authed = (r: FakeReq, scope?: string): Grant | undefined => {
    const g = bearerGrant(r.headers, grants);
    if (typeof g === 'string') {
      problem(r, 401, 'Unauthorized', 'Unauthorized');
      return undefined;
    }
    if (scope && !g.scopes.includes(scope)) {
      problem(r, 403, 'Forbidden', `Missing scope ${scope}.`, 'https://api.x.com/2/problems/client-forbidden');
      return undefined;
    }
    return g;
  };
  const oauthError = (r: FakeReq, error: string, description: string) => send(r.res, 400, { error, error_description: description });

  function issue(userId: string, scopes: string[], clientId: string): Record<string, unknown> {
    const g: Grant = { userId, scopes, clientId, accessToken: token('xat-'), refreshToken: scopes.includes('offline.access') ? token('xrt-') : null, accessExpiresAt: Date.now() + 7200_000, revoked: false };
    grants.set(g.accessToken, g);
    if (g.refreshToken) refresh.set(g.refreshToken, g);
    return { token_type: 'bearer', expires_in: 7200, access_token: g.accessToken, scope: scopes.join(' '), ...(g.refreshToken ? { refresh_token: g.refreshToken } : {}) };
  }

  async function processMedia(m: Media): Promise<void> {
    const file = path.join(opts.dir, `x-${m.id}.mp4`);
    await writeFile(file, Buffer.concat([...m.segments.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b)));
    try {
      const p = await probeMedia(opts.ffprobePath, file);
      const v = p.video;
      const long = v ? Math.max(v.displayWidth, v.displayHeight) : 0;
      const short = v ? Math.min(v.displayWidth, v.displayHeight) : 0;
      if (!v || v.codec !== 'h264') m.failure = 'UnsupportedMedia';
      else if ((p.durationS ?? 0) < 0.5 || (p.durationS ?? 0) > 1200) m.failure = 'InvalidDuration';
      else if (long > 1280 || short > 1024 || short < 32) m.failure = 'InvalidDimensions';
    } catch {
      m.failure = 'UnsupportedMedia';
    }
  }

  function mediaView(m: Media) {
    const info = m.state === 'none' ? {} : { processing_info: { state: m.state, ...(m.state === 'failed' ? { error: { code: 1, name: 'InvalidMedia', message: `Invalid or Unsupported media, Reason: ${m.failure}.` } } : m.state === 'succeeded' ? { progress_percent: 100 } : { check_after_secs: 1, progress_percent: m.state === 'pending' ? 0 : 50 }) } };
    return { data: { id: m.id, media_key: `7_${m.id}`, size: m.total, expires_after_secs: 86_400, ...info } };
  }

  async function handle(r: FakeReq, p: string): Promise<boolean> {
    const q = r.url.searchParams;
    if (r.method === 'GET' && p === '/i/oauth2/authorize') {
      const clientId = q.get('client_id') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      if (clientId !== FAKE_X.clientId) return html(r.res, 400, '<h1>Something went wrong</h1><p>You weren’t able to give access to the App (unknown client_id).</p>'), true;
      if (!opts.callbackUrls().includes(redirectUri)) return html(r.res, 400, `<h1>Something went wrong</h1><p>Callback URL not approved for this client application: ${redirectUri}</p>`), true;
      const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
      const challenge = q.get('code_challenge');
      const method = q.get('code_challenge_method') ?? 'plain';
      if (q.get('response_type') !== 'code' || !challenge || !['S256', 'plain'].includes(method) || !scopes.length || scopes.some((s) => !SCOPES.has(s)) || !q.get('state')) {
        return redirect(r.res, `${redirectUri}?error=invalid_request&state=${encodeURIComponent(q.get('state') ?? '')}`), true;
      }
      const txn = token('txn-');
      pending.set(txn, { clientId, redirectUri, state: q.get('state')!, scopes, challenge, method });
      html(r.res, 200, consentPage({ network: 'X', account: `@${FAKE_X.username}`, app: 'Zapcut', scopes, action: `${opts.baseUrl()}/i/oauth2/authorize/decide`, txn }));
      return true;
    }
    if (r.method === 'POST' && p === '/i/oauth2/authorize/decide') {
      const f = form(r.body);
      const a = pending.get(f.get('txn') ?? '');
      if (!a) return html(r.res, 400, '<p>This authorization request expired. Start again from the app.</p>'), true;
      pending.delete(f.get('txn')!);
      if (f.get('decision') !== 'allow') return redirect(r.res, `${a.redirectUri}?error=access_denied&state=${encodeURIComponent(a.state)}`), true;
      const code = token('xcode-');
      codes.set(code, { ...a, expiresAt: Date.now() + 30_000, used: false });
      return redirect(r.res, `${a.redirectUri}?state=${encodeURIComponent(a.state)}&code=${code}`), true;
    }
    if (r.method === 'POST' && p === '/2/oauth2/token') {
      const f = form(r.body);
      if (f.get('grant_type') === 'authorization_code') {
        calls.token++;
        const c = codes.get(f.get('code') ?? '');
        if (!c || c.used || Date.now() > c.expiresAt || c.clientId !== f.get('client_id') || c.redirectUri !== f.get('redirect_uri')) return oauthError(r, 'invalid_request', 'Value passed for the authorization code was invalid.'), true;
        if (!pkceMatches(c.challenge!, c.method, f.get('code_verifier'))) return oauthError(r, 'invalid_grant', 'Value passed for the code verifier did not match the code challenge.'), true;
        c.used = true;
        return send(r.res, 200, issue(FAKE_X.userId, c.scopes, c.clientId)), true;
      }
      if (f.get('grant_type') === 'refresh_token') {
        calls.refresh++;
        const g = refresh.get(f.get('refresh_token') ?? '');
        if (!g || g.revoked || g.clientId !== f.get('client_id')) return oauthError(r, 'invalid_request', 'Value passed for the token was invalid.'), true;
        // X rotates refresh tokens: the old pair stops working.
        refresh.delete(g.refreshToken!);
        g.revoked = true;
        return send(r.res, 200, issue(g.userId, g.scopes, g.clientId)), true;
      }
      return oauthError(r, 'unsupported_grant_type', 'Unsupported grant type.'), true;
    }
    if (r.method === 'POST' && p === '/2/oauth2/revoke') {
      calls.revoke++;
      const f = form(r.body);
      const t = f.get('token') ?? '';
      const g = grants.get(t) ?? refresh.get(t);
      if (f.get('client_id') !== FAKE_X.clientId) return oauthError(r, 'invalid_client', 'Missing valid authorization header'), true;
      if (g) g.revoked = true;
      return send(r.res, 200, { revoked: true }), true;
    }
    if (r.method === 'GET' && p === '/avatar.png') {
      r.res.writeHead(200, { 'content-type': 'image/png' });
      r.res.end(opts.avatar());
      return true;
    }
    if (r.method === 'GET' && p === '/2/users/me') {
      const g = authed(r, 'users.read');
      if (!g) return true;
      return send(r.res, 200, { data: { id: FAKE_X.userId, name: FAKE_X.name, username: FAKE_X.username, profile_image_url: `${opts.baseUrl()}/avatar.png` } }, rate()), true;
    }
    if (r.method === 'POST' && p === '/2/media/upload/initialize') {
      calls.initialize++;
      if (throttled(r, 'initialize')) return true;
      const g = authed(r, 'media.write');
      if (!g) return true;
      const b = json(r.body) as { media_type?: string; total_bytes?: number; media_category?: string } | undefined;
      if (!b || typeof b.total_bytes !== 'number' || !b.media_type) return problem(r, 400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.x.com/2/problems/invalid-request'), true;
      if (b.media_type !== 'video/mp4' || !['tweet_video', 'amplify_video'].includes(b.media_category ?? 'tweet_video')) return problem(r, 400, 'Invalid Request', 'Unsupported media_type or media_category.', 'https://api.x.com/2/problems/invalid-request'), true;
      if (b.total_bytes <= 0 || b.total_bytes > 8 * 1024 ** 3) return problem(r, 400, 'Invalid Request', 'File size exceeds 8589934592 bytes.', 'https://api.x.com/2/problems/invalid-request'), true;
      const id = `18${Date.now()}${randomBytes(2).readUInt16BE(0)}`.slice(0, 19);
      media.set(id, { id, owner: g.userId, total: b.total_bytes, category: b.media_category ?? 'tweet_video', segments: new Map(), finalized: false, polls: 0, state: 'none' });
      return send(r.res, 200, { data: { id, media_key: `7_${id}`, expires_after_secs: 86_400 } }, rate('initialize')), true;
    }
    const append = /^\/2\/media\/upload\/(\d{1,19})\/(append|finalize)$/.exec(p);
    if (r.method === 'POST' && append) {
      const [, id, what] = append;
      calls[what as 'append' | 'finalize']++;
      if (throttled(r, what!)) return true;
      const g = authed(r, 'media.write');
      if (!g) return true;
      const m = media.get(id!);
      if (!m || m.owner !== g.userId) return problem(r, 400, 'Invalid Request', 'Invalid media_id.', 'https://api.x.com/2/problems/invalid-request'), true;
      if (what === 'append') {
        const fd = await multipart(r);
        const part = fd?.get('media');
        const index = Number(fd?.get('segment_index'));
        if (!(part instanceof Blob) || !Number.isInteger(index) || index < 0 || index > 999) return problem(r, 400, 'Invalid Request', 'media and segment_index (0-999) are required.', 'https://api.x.com/2/problems/invalid-request'), true;
        if (m.finalized) return problem(r, 400, 'Invalid Request', 'Upload is already finalized.', 'https://api.x.com/2/problems/invalid-request'), true;
        if (part.size > MAX_SEGMENT) return problem(r, 400, 'Invalid Request', 'Segment size exceeds 5242880 bytes.', 'https://api.x.com/2/problems/invalid-request'), true;
        if (control.cutAppendSegment === index) {
          control.cutAppendSegment = undefined;
          r.raw.socket.destroy();
          return true;
        }
        m.segments.set(index, Buffer.from(await part.arrayBuffer()));
        return send(r.res, 200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } }, rate('append')), true;
      }
      const size = [...m.segments.values()].reduce((n, b) => n + b.length, 0);
      if (size !== m.total) return problem(r, 400, 'Invalid Request', `Segments do not add up to provided total file size (${size} of ${m.total} bytes).`, 'https://api.x.com/2/problems/invalid-request'), true;
      if (!m.finalized) {
        m.finalized = true;
        m.state = 'pending';
        await processMedia(m);
      }
      return send(r.res, 200, mediaView(m), rate('finalize')), true;
    }
    if (r.method === 'GET' && p === '/2/media/upload' && q.get('command') === 'STATUS') {
      calls.status++;
      if (throttled(r, 'status')) return true;
      const g = authed(r);
      if (!g) return true;
      const m = media.get(q.get('media_id') ?? '');
      if (!m || m.owner !== g.userId || !m.finalized) return problem(r, 400, 'Invalid Request', 'Invalid media_id.', 'https://api.x.com/2/problems/invalid-request'), true;
      if (m.state === 'pending' || m.state === 'in_progress') {
        m.polls++;
        m.state = m.polls >= control.processingPolls ? (m.failure ? 'failed' : 'succeeded') : 'in_progress';
      }
      return send(r.res, 200, mediaView(m), rate('status')), true;
    }
    if (r.method === 'POST' && p === '/2/tweets') {
      calls.tweets++;
      if (throttled(r, 'tweets')) return true;
      const g = authed(r, 'tweet.write');
      if (!g) return true;
      const b = json(r.body) as { text?: string; media?: { media_ids?: string[] } } | undefined;
      const text = b?.text ?? '';
      if (xWeightedLength(text) > 280) return problem(r, 400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.x.com/2/problems/invalid-request', {}), true;
      const ids = b?.media?.media_ids ?? [];
      for (const id of ids) {
        const m = media.get(id);
        if (!m || m.owner !== g.userId || m.state !== 'succeeded') return problem(r, 400, 'Invalid Request', 'Your media IDs are invalid.', 'https://api.x.com/2/problems/invalid-request'), true;
      }
      if (tweets.some((t) => t.authorId === g.userId && t.text === text)) return problem(r, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'), true;
      const id = `19${Date.now()}${randomBytes(2).readUInt16BE(0)}`.slice(0, 19);
      tweets.push({ id, text, mediaIds: ids, authorId: g.userId });
      if (control.dropAfterTweet) {
        control.dropAfterTweet = false;
        r.raw.socket.destroy();
        return true;
      }
      return send(r.res, 201, { data: { id, text } }, rate('tweets')), true;
    }
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(p);
    if (r.method === 'GET' && timeline) {
      const g = authed(r, 'tweet.read');
      if (!g) return true;
      const mine = tweets.filter((t) => t.authorId === timeline[1]).slice(-Number(q.get('max_results') ?? 10)).reverse();
      return send(r.res, 200, { data: mine.map((t) => ({ id: t.id, text: t.text, attachments: { media_keys: t.mediaIds.map((i) => `7_${i}`) } })), meta: { result_count: mine.length } }, rate()), true;
    }
    return false;
  }

  return {
    handle,
    control(c: XControl) {
      if (c.rateLimit) limited.set(c.rateLimit.endpoint, { times: c.rateLimit.times, resetAt: Date.now() + c.rateLimit.resetSeconds * 1000 });
      if (c.cutAppendSegment !== undefined) control.cutAppendSegment = c.cutAppendSegment;
      if (c.processingPolls !== undefined) control.processingPolls = c.processingPolls;
      if (c.dropAfterTweet) control.dropAfterTweet = true;
      if (c.revokeAll) for (const g of grants.values()) g.revoked = true;
    },
    stats: () => ({ calls: { ...calls }, tweets: tweets.map((t) => ({ ...t })), liveTokens: [...grants.values()].filter((g) => !g.revoked).length, media: [...media.values()].map((m) => ({ id: m.id, segments: [...m.segments.keys()].sort((a, b) => a - b), state: m.state })) }),
  };
}
