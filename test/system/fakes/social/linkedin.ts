/**
 * A fake LinkedIn that speaks the documented APIs (learn.microsoft.com/linkedin):
 *  - OAuth 2.0 3-legged with PKCE for native apps: GET /oauth/v2/authorization (any loopback port,
 *    as the native-client doc promises), consent page, POST /oauth/v2/accessToken (client_secret
 *    required — only the proxy has it; code_verifier checked when a challenge was sent; codes
 *    single-use), refresh_token grant, POST /oauth/v2/revoke, GET /v2/userinfo (OpenID Connect).
 *  - Videos API: POST /rest/videos?action=initializeUpload (owner must be the member; 75 KB–500 MB;
 *    4 MiB parts), PUT each part to its upload URL (ETag back), POST ?action=finalizeUpload (ETags
 *    in order), GET /rest/videos/{urn} (PROCESSING for a few polls, then AVAILABLE or
 *    PROCESSING_FAILED when ffprobe finds it outside 3 s–30 min).
 *  - Posts API: POST /rest/posts (201 + x-restli-id), GET /rest/posts?q=author. Commentary is
 *    "little" text: like LinkedIn, the stored text stops at the first unescaped reserved character.
 *  - Every /rest call needs LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version: 2.0.0.
 * Errors use LinkedIn's body ({ status, serviceErrorCode, code, message }).
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { probeMedia } from '../../../../src/pipeline/ffmpeg/probe';
import { bearerGrant, consentPage, form, html, json, pkceMatches, redirect, send, token, type FakeReq, type Grant, type IssuedCode, type PendingAuth } from './common';

export const FAKE_LINKEDIN = { clientId: '86fakelinkedin', clientSecret: 'fake-linkedin-client-secret-0123456789', sub: 'aB3dE5fG7h', name: 'Maya Chen' } as const;
const SCOPES = new Set(['openid', 'profile', 'email', 'w_member_social']);
/** LinkedIn splits uploads into 4 MiB parts (tests pass a smaller size to exercise several parts). */
const PART_BYTES = 4 * 1024 * 1024;
const RESERVED = new Set(['\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~']);

interface Video {
  urn: string;
  owner: string;
  size: number;
  parts: { first: number; last: number; etag?: string; body?: Buffer }[];
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  polls: number;
  failure?: string;
  durationMs?: number;
}

export interface LinkedInControl {
  rateLimit?: { endpoint: 'initializeUpload' | 'upload' | 'finalizeUpload' | 'videos' | 'posts'; times: number };
  /** Drop the connection in the middle of this part's PUT (once). */
  cutUploadPart?: number;
  processingPolls?: number;
  revokeAll?: boolean;
}

/** What LinkedIn shows for a little-text commentary: escapes resolved, cut at the first bare reserved character. */
export function renderLittleText(commentary: string): string {
  let out = '';
  for (let i = 0; i < commentary.length; i++) {
    const c = commentary[i]!;
    if (c === '\\' && i + 1 < commentary.length && RESERVED.has(commentary[i + 1]!)) {
      out += commentary[++i];
      continue;
    }
    // A hashtag element (#word) is allowed bare; any other reserved character ends the text.
    if (c === '#' && /[\p{L}\p{N}_]/u.test(commentary[i + 1] ?? '')) {
      out += c;
      continue;
    }
    if (RESERVED.has(c)) break;
    out += c;
  }
  return out;
}

export function createFakeLinkedIn(opts: { baseUrl: () => string; dir: string; ffprobePath: string; avatar: () => Buffer; partBytes?: number }) {
  const PART = opts.partBytes ?? PART_BYTES;
  const pending = new Map<string, PendingAuth>();
  const codes = new Map<string, IssuedCode>();
  const grants = new Map<string, Grant>();
  const refresh = new Map<string, Grant>();
  const videos = new Map<string, Video>();
  const posts: { urn: string; author: string; commentary: string; rendered: string; videoUrn: string }[] = [];
  const limited = new Map<string, number>();
  const control: { cutUploadPart?: number; processingPolls: number } = { processingPolls: 3 };
  const calls = { token: 0, refresh: 0, revoke: 0, initializeUpload: 0, upload: 0, finalizeUpload: 0, videos: 0, posts: 0, rateLimited: 0 };
  const member = `urn:li:person:${FAKE_LINKEDIN.sub}`;

  const error = (r: FakeReq, status: number, code: string, message: string, serviceErrorCode = 100) => send(r.res, status, { status, serviceErrorCode, code, message });
  const throttled = (r: FakeReq, endpoint: string): boolean => {
    const n = limited.get(endpoint) ?? 0;
    if (n <= 0) return false;
    limited.set(endpoint, n - 1);
    calls.rateLimited++;
    // LinkedIn sends no reset header: clients back off on their own.
    error(r, 429, 'TOO_MANY_REQUESTS', 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.', 101);
    return true;
  };
  const authed = (r: FakeReq, scope?: string): Grant | undefined => {
    const g = bearerGrant(r.headers, grants);
    if (g === 'revoked') return error(r, 401, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked by the user', 65601), undefined;
    if (g === 'expired') return error(r, 401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602), undefined;
    if (typeof g === 'string') return error(r, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600), undefined;
    if (scope && !g.scopes.includes(scope)) return error(r, 403, 'ACCESS_DENIED', `Not enough permissions to access: ${scope}`), undefined;
    return g;
  };
  const versioned = (r: FakeReq): boolean => {
    if (!/^\d{6}$/.test(String(r.headers['linkedin-version'] ?? ''))) return error(r, 400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.'), false;
    if (r.headers['x-restli-protocol-version'] !== '2.0.0') return error(r, 400, 'BAD_REQUEST', 'X-Restli-Protocol-Version 2.0.0 is required.'), false;
    return true;
  };
  const oauthError = (r: FakeReq, status: number, err: string, description: string) => send(r.res, status, { error: err, error_description: description });

  function issue(userId: string, scopes: string[], clientId: string) {
    const g: Grant = { userId, scopes, clientId, accessToken: token('AQV'), refreshToken: token('AQW'), accessExpiresAt: Date.now() + 5_184_000_000, revoked: false };
    grants.set(g.accessToken, g);
    refresh.set(g.refreshToken!, g);
    return { access_token: g.accessToken, expires_in: 5_184_000, refresh_token: g.refreshToken, refresh_token_expires_in: 31_536_000, scope: scopes.join(',') };
  }

  async function process(v: Video): Promise<void> {
    const file = path.join(opts.dir, `li-${v.urn.replace(/\W/g, '_')}.mp4`);
    await writeFile(file, Buffer.concat(v.parts.map((p) => p.body!)));
    try {
      const p = await probeMedia(opts.ffprobePath, file);
      v.durationMs = Math.round((p.durationS ?? 0) * 1000);
      if (!p.video) v.failure = 'NO_VIDEO_STREAM';
      else if ((p.durationS ?? 0) < 3 || (p.durationS ?? 0) > 1800) v.failure = 'INVALID_DURATION';
    } catch {
      v.failure = 'INVALID_MEDIA';
    }
  }

  async function handle(r: FakeReq, p: string): Promise<boolean> {
    const q = r.url.searchParams;
    if (r.method === 'GET' && p === '/oauth/v2/authorization') {
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== FAKE_LINKEDIN.clientId) return html(r.res, 400, '<h1>Bummer, something went wrong.</h1><p>Invalid client_id.</p>'), true;
      if (!/^http:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/[\w/-]*$/.test(redirectUri)) return html(r.res, 400, `<h1>Bummer, something went wrong.</h1><p>The redirect_uri does not match the registered value: ${redirectUri}</p>`), true;
      const scopes = (q.get('scope') ?? '').split(/[ ,]/).filter(Boolean);
      const state = q.get('state') ?? '';
      if (q.get('response_type') !== 'code' || !scopes.length || scopes.some((s) => !SCOPES.has(s))) return redirect(r.res, `${redirectUri}?error=invalid_scope&error_description=${encodeURIComponent('Scope not authorized')}&state=${encodeURIComponent(state)}`), true;
      const txn = token('txn-');
      pending.set(txn, { clientId: FAKE_LINKEDIN.clientId, redirectUri, state, scopes, challenge: q.get('code_challenge'), method: q.get('code_challenge_method') ?? 'S256' });
      return html(r.res, 200, consentPage({ network: 'LinkedIn', account: FAKE_LINKEDIN.name, app: 'Zapcut', scopes, action: `${opts.baseUrl()}/oauth/v2/authorization/decide`, txn })), true;
    }
    if (r.method === 'POST' && p === '/oauth/v2/authorization/decide') {
      const f = form(r.body);
      const a = pending.get(f.get('txn') ?? '');
      if (!a) return html(r.res, 400, '<p>This sign-in expired. Start again from the app.</p>'), true;
      pending.delete(f.get('txn')!);
      if (f.get('decision') !== 'allow') return redirect(r.res, `${a.redirectUri}?error=user_cancelled_authorize&error_description=${encodeURIComponent('The user cancelled the authorization')}&state=${encodeURIComponent(a.state)}`), true;
      const code = token('AQT');
      codes.set(code, { ...a, expiresAt: Date.now() + 30 * 60_000, used: false });
      return redirect(r.res, `${a.redirectUri}?code=${code}&state=${encodeURIComponent(a.state)}`), true;
    }
    if (r.method === 'POST' && p === '/oauth/v2/accessToken') {
      const f = form(r.body);
      if (f.get('client_id') !== FAKE_LINKEDIN.clientId || f.get('client_secret') !== FAKE_LINKEDIN.clientSecret) return oauthError(r, 401, 'invalid_client', 'Client authentication failed'), true;
      if (f.get('grant_type') === 'authorization_code') {
        calls.token++;
        const c = codes.get(f.get('code') ?? '');
        const bad = () => oauthError(r, 400, 'invalid_request', 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists');
        if (!c || c.used || Date.now() > c.expiresAt || c.redirectUri !== f.get('redirect_uri')) return bad(), true;
        if (c.challenge && !pkceMatches(c.challenge, c.method, f.get('code_verifier'))) return bad(), true;
        c.used = true;
        return send(r.res, 200, issue(FAKE_LINKEDIN.sub, c.scopes, c.clientId)), true;
      }
      if (f.get('grant_type') === 'refresh_token') {
        calls.refresh++;
        const g = refresh.get(f.get('refresh_token') ?? '');
        if (!g || g.revoked) return oauthError(r, 400, 'invalid_request', 'The provided authorization grant or refresh token is invalid, expired or revoked.'), true;
        refresh.delete(g.refreshToken!);
        grants.delete(g.accessToken);
        return send(r.res, 200, issue(g.userId, g.scopes, g.clientId)), true;
      }
      return oauthError(r, 400, 'unsupported_grant_type', 'Unsupported grant type'), true;
    }
    if (r.method === 'POST' && p === '/oauth/v2/revoke') {
      calls.revoke++;
      const f = form(r.body);
      if (f.get('client_id') !== FAKE_LINKEDIN.clientId || f.get('client_secret') !== FAKE_LINKEDIN.clientSecret) return oauthError(r, 401, 'invalid_client', 'Client authentication failed'), true;
      const g = grants.get(f.get('token') ?? '') ?? refresh.get(f.get('token') ?? '');
      if (g) g.revoked = true;
      return send(r.res, 200, null), true;
    }
    if (r.method === 'GET' && p === '/avatar.png') {
      r.res.writeHead(200, { 'content-type': 'image/png' });
      r.res.end(opts.avatar());
      return true;
    }
    if (r.method === 'GET' && p === '/v2/userinfo') {
      const g = authed(r, 'openid');
      if (!g) return true;
      return send(r.res, 200, { sub: FAKE_LINKEDIN.sub, name: FAKE_LINKEDIN.name, given_name: 'Maya', family_name: 'Chen', picture: `${opts.baseUrl()}/avatar.png`, locale: { country: 'US', language: 'en' }, email_verified: true }), true;
    }
    if (r.method === 'POST' && p === '/rest/videos') {
      const action = q.get('action');
      if (action !== 'initializeUpload' && action !== 'finalizeUpload') return error(r, 400, 'BAD_REQUEST', `Unknown action ${action}`), true;
      calls[action]++;
      if (throttled(r, action) || !versioned(r)) return true;
      const g = authed(r, 'w_member_social');
      if (!g) return true;
      const b = json(r.body) as Record<string, Record<string, unknown>> | undefined;
      if (action === 'initializeUpload') {
        const req = b?.initializeUploadRequest;
        const size = Number(req?.fileSizeBytes);
        if (!req || !Number.isInteger(size)) return error(r, 400, 'BAD_REQUEST', 'initializeUploadRequest.fileSizeBytes is required'), true;
        if (req.owner !== `urn:li:person:${g.userId}`) return send(r.res, 403, { message: 'Accessing this video resource is forbidden. Please check your permissions for this resource', status: 403 }), true;
        if (size < 75 * 1024 || size > 500 * 1024 * 1024) return error(r, 400, 'BAD_REQUEST', `fileSizeBytes ${size} is outside the allowed range of 76800 to 524288000 bytes`), true;
        const urn = `urn:li:video:C5${createHash('sha1').update(token('v')).digest('base64url').slice(0, 14)}`;
        const parts = Array.from({ length: Math.ceil(size / PART) }, (_, i) => ({ first: i * PART, last: Math.min(size, (i + 1) * PART) - 1 }));
        videos.set(urn, { urn, owner: String(req.owner), size, parts, status: 'WAITING_UPLOAD', polls: 0 });
        const enc = encodeURIComponent(urn);
        return send(r.res, 200, { value: { uploadUrlsExpireAt: Date.now() + 86_400_000, video: urn, uploadInstructions: parts.map((pt, i) => ({ uploadUrl: `${opts.baseUrl()}/dms-uploads/${enc}/${i}?ca=vector_feedshare&sig=fake`, firstByte: pt.first, lastByte: pt.last })), uploadToken: '' } }), true;
      }
      const req = b?.finalizeUploadRequest;
      const v = videos.get(String(req?.video ?? ''));
      if (!v || v.owner !== `urn:li:person:${g.userId}`) return error(r, 404, 'NOT_FOUND', 'Video not found'), true;
      const ids = (req?.uploadedPartIds ?? []) as unknown[];
      if (ids.length !== v.parts.length || v.parts.some((pt, i) => !pt.etag || pt.etag !== ids[i])) return error(r, 400, 'BAD_REQUEST', 'uploadedPartIds do not match the uploaded parts'), true;
      if (v.status === 'WAITING_UPLOAD') {
        v.status = 'PROCESSING';
        await process(v);
      }
      return send(r.res, 200, {}), true;
    }
    const up = /^\/dms-uploads\/([^/]+)\/(\d+)$/.exec(p);
    if (r.method === 'PUT' && up) {
      calls.upload++;
      if (throttled(r, 'upload')) return true;
      const v = videos.get(decodeURIComponent(up[1]!));
      const i = Number(up[2]);
      const pt = v?.parts[i];
      if (!v || !pt) return error(r, 404, 'NOT_FOUND', 'Upload URL not found'), true;
      if (control.cutUploadPart === i) {
        control.cutUploadPart = undefined;
        r.raw.socket.destroy();
        return true;
      }
      if (r.body.length !== pt.last - pt.first + 1) return error(r, 400, 'BAD_REQUEST', `Part ${i} must be ${pt.last - pt.first + 1} bytes, got ${r.body.length}`), true;
      pt.body = r.body;
      pt.etag = `/ambry-video/signedId/${createHash('md5').update(r.body).digest('hex')}`;
      return send(r.res, 201, null, { etag: pt.etag }), true;
    }
    const vid = /^\/rest\/videos\/([^/]+)$/.exec(p);
    if (r.method === 'GET' && vid) {
      calls.videos++;
      if (throttled(r, 'videos') || !versioned(r)) return true;
      const g = authed(r);
      if (!g) return true;
      const v = videos.get(decodeURIComponent(vid[1]!));
      if (!v || v.owner !== `urn:li:person:${g.userId}`) return error(r, 404, 'NOT_FOUND', 'Video not found'), true;
      if (v.status === 'PROCESSING') {
        v.polls++;
        if (v.polls >= control.processingPolls) v.status = v.failure ? 'PROCESSING_FAILED' : 'AVAILABLE';
      }
      return send(r.res, 200, { id: v.urn, owner: v.owner, status: v.status, ...(v.durationMs ? { duration: v.durationMs } : {}), ...(v.status === 'PROCESSING_FAILED' ? { processingFailureReason: v.failure } : {}) }), true;
    }
    if (p === '/rest/posts') {
      calls.posts++;
      if (throttled(r, 'posts') || !versioned(r)) return true;
      const g = authed(r, r.method === 'POST' ? 'w_member_social' : undefined);
      if (!g) return true;
      if (r.method === 'GET') {
        if (q.get('q') !== 'author' || q.get('author') !== member) return error(r, 400, 'BAD_REQUEST', 'q=author and author are required'), true;
        const mine = posts.filter((x) => x.author === member).reverse().slice(0, Number(q.get('count') ?? 10));
        return send(r.res, 200, { elements: mine.map((x) => ({ id: x.urn, author: x.author, commentary: x.commentary, content: { media: { id: x.videoUrn } }, lifecycleState: 'PUBLISHED' })), paging: { start: 0, count: mine.length } }), true;
      }
      const b = json(r.body) as { author?: string; commentary?: string; visibility?: string; lifecycleState?: string; distribution?: { feedDistribution?: string }; content?: { media?: { id?: string } } } | undefined;
      if (!b || b.author !== `urn:li:person:${g.userId}`) return send(r.res, 403, { message: 'Not enough permissions to create a post as this author', status: 403 }), true;
      if (!b.visibility || b.lifecycleState !== 'PUBLISHED' || !b.distribution?.feedDistribution) return error(r, 422, 'UNPROCESSABLE_ENTITY', 'visibility, distribution.feedDistribution and lifecycleState are required'), true;
      if ((b.commentary ?? '').length > 3000) return error(r, 422, 'UNPROCESSABLE_ENTITY', '/commentary :: length must be <= 3000'), true;
      const v = videos.get(b.content?.media?.id ?? '');
      if (!v || v.status !== 'AVAILABLE') return error(r, 400, 'BAD_REQUEST', `Video ${b.content?.media?.id} is not available yet (status ${v?.status ?? 'unknown'})`), true;
      const urn = `urn:li:share:${7_200_000_000_000_000_000n + BigInt(posts.length + 1)}`;
      posts.push({ urn, author: b.author, commentary: b.commentary ?? '', rendered: renderLittleText(b.commentary ?? ''), videoUrn: v.urn });
      return send(r.res, 201, null, { 'x-restli-id': urn }), true;
    }
    return false;
  }

  return {
    handle,
    control(c: LinkedInControl) {
      if (c.rateLimit) limited.set(c.rateLimit.endpoint, c.rateLimit.times);
      if (c.cutUploadPart !== undefined) control.cutUploadPart = c.cutUploadPart;
      if (c.processingPolls !== undefined) control.processingPolls = c.processingPolls;
      if (c.revokeAll) for (const g of grants.values()) g.revoked = true;
    },
    stats: () => ({ calls: { ...calls }, posts: posts.map((x) => ({ ...x })), liveTokens: [...grants.values()].filter((g) => !g.revoked).length, videos: [...videos.values()].map((v) => ({ urn: v.urn, status: v.status, partsUploaded: v.parts.filter((pt) => pt.etag).length, parts: v.parts.length })) }),
  };
}
