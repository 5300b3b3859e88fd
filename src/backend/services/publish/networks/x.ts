/**
 * X (Twitter) as a publisher, on the X API v2 as documented at docs.x.com:
 *  - OAuth 2.0 authorization code with PKCE for a public (native) client: authorize at
 *    https://x.com/i/oauth2/authorize, tokens at POST /2/oauth2/token with client_id and no secret,
 *    POST /2/oauth2/revoke (fundamentals/authentication/oauth-2-0/user-access-token). Scopes
 *    tweet.read tweet.write users.read media.write offline.access (offline.access → refresh token).
 *  - Chunked video upload on the dedicated v2 paths (x-api/media/initialize-media-upload: "Do not
 *    send command=INIT"): POST /2/media/upload/initialize (JSON), POST /2/media/upload/{id}/append
 *    (multipart: media + segment_index 0–999), POST /2/media/upload/{id}/finalize, then
 *    GET /2/media/upload?command=STATUS&media_id= until processing_info.state is succeeded — "the
 *    only remaining use of the command query parameter" (x-api/media/get-media-upload-status).
 *  - POST /2/tweets { text, media: { media_ids } } (x-api/posts/create-post); GET /2/users/:id/tweets
 *    to find a Post whose answer was lost.
 * An upload resumes at the next segment while the media id is alive (expires_after_secs).
 */
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { sleep } from '../../../../pipeline/engine/retry';
import { NetworkHttp, networkMessage } from '../http';
import { expiresAtFrom, type PostArgs, type Publisher, type RemotePost, type SocialAccount, type SocialTokens, type UploadArgs } from './types';

export interface XConfig {
  clientId: string;
  authorizeUrl: string;
  /** https://api.x.com (the fakes: their /x prefix). */
  apiBase: string;
  scopes: readonly string[];
}

export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] as const;

export interface XUploadState {
  mediaId: string;
  totalBytes: number;
  segmentBytes: number;
  segmentsDone: number;
  expiresAt: number;
  finalized: boolean;
  processed: boolean;
}

const TokenAnswer = z.object({ access_token: z.string().min(1), refresh_token: z.string().optional(), expires_in: z.number().optional(), scope: z.string().optional() });
const MediaAnswer = z.object({
  data: z.object({
    id: z.string(),
    expires_after_secs: z.number().optional(),
    processing_info: z.object({ state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']), check_after_secs: z.number().optional(), progress_percent: z.number().optional(), error: z.object({ name: z.string().optional(), message: z.string().optional() }).loose().optional() }).optional(),
  }),
});

/** 4 MiB: under the 5 MB APPEND limit with room for the multipart envelope. */
export const X_SEGMENT_BYTES = 4 * 1024 * 1024;

export class XPublisher implements Publisher<XUploadState> {
  readonly network = 'x' as const;
  constructor(
    private readonly cfg: XConfig,
    private readonly http = new NetworkHttp(),
    private readonly opts: { segmentBytes?: number; pollMs?: number } = {},
  ) {}

  private api(path: string): string {
    return `${this.cfg.apiBase.replace(/\/+$/, '')}${path}`;
  }

  authorizeUrl(p: { redirectUri: string; state: string; challenge: string }): string {
    const u = new URL(this.cfg.authorizeUrl);
    u.search = new URLSearchParams({ response_type: 'code', client_id: this.cfg.clientId, redirect_uri: p.redirectUri, scope: this.cfg.scopes.join(' '), state: p.state, code_challenge: p.challenge, code_challenge_method: 'S256' }).toString();
    return u.toString();
  }

  private async token(body: Record<string, string>, label: string): Promise<SocialTokens> {
    const a = await this.http.request({ network: 'x', label, url: this.api('/2/oauth2/token'), method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...body, client_id: this.cfg.clientId }).toString() });
    const t = TokenAnswer.parse(a.json());
    return { accessToken: t.access_token, refreshToken: t.refresh_token ?? null, expiresAt: expiresAtFrom(t.expires_in), refreshExpiresAt: null, scope: t.scope ?? '' };
  }

  exchangeCode(p: { code: string; verifier: string; redirectUri: string }): Promise<SocialTokens> {
    return this.token({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, code_verifier: p.verifier }, 'connecting your account');
  }

  async refresh(t: SocialTokens): Promise<SocialTokens> {
    if (!t.refreshToken) throw new AppError('UNAUTHENTICATED', 'Your X connection has expired. Reconnect X in Settings.');
    return this.token({ grant_type: 'refresh_token', refresh_token: t.refreshToken }, 'renewing access');
  }

  async revoke(t: SocialTokens): Promise<void> {
    for (const token of [t.refreshToken, t.accessToken]) {
      if (!token) continue;
      await this.http.request({ network: 'x', label: 'disconnecting', url: this.api('/2/oauth2/revoke'), method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, client_id: this.cfg.clientId }).toString() });
    }
  }

  async whoAmI(accessToken: string): Promise<SocialAccount> {
    const a = await this.http.request({ network: 'x', label: 'reading your profile', url: this.api('/2/users/me?user.fields=profile_image_url,username,name'), headers: { authorization: `Bearer ${accessToken}` } });
    const d = z.object({ data: z.object({ id: z.string(), name: z.string(), username: z.string(), profile_image_url: z.string().optional() }) }).parse(a.json()).data;
    return { id: d.id, name: d.name, handle: `@${d.username}`, avatarUrl: d.profile_image_url ?? null };
  }

  private async authed(a: { accessToken(): Promise<string> }, extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await a.accessToken()}`, ...extra };
  }

  async upload(a: UploadArgs<XUploadState>): Promise<XUploadState> {
    const rate = (until: number) => a.onProgress({ phase: 'uploading', sentBytes: 0, totalBytes: a.bytes, waitingUntil: until });
    let s = a.state && a.state.totalBytes === a.bytes && a.state.expiresAt > Date.now() + 60_000 ? a.state : null;
    if (!s) {
      const init = await this.http.request({ network: 'x', label: 'starting the upload', url: this.api('/2/media/upload/initialize'), method: 'POST', headers: await this.authed(a, { 'content-type': 'application/json' }), body: JSON.stringify({ media_type: 'video/mp4', total_bytes: a.bytes, media_category: 'tweet_video' }), signal: a.signal, onRateLimited: rate });
      const d = MediaAnswer.parse(init.json()).data;
      s = { mediaId: d.id, totalBytes: a.bytes, segmentBytes: this.opts.segmentBytes ?? X_SEGMENT_BYTES, segmentsDone: 0, expiresAt: Date.now() + (d.expires_after_secs ?? 86_400) * 1000, finalized: false, processed: false };
      a.save(s);
    }
    const segments = Math.ceil(s.totalBytes / s.segmentBytes);
    const fh = await open(a.file, 'r');
    try {
      while (s.segmentsDone < segments) {
        const i: number = s.segmentsDone;
        const len = Math.min(s.segmentBytes, s.totalBytes - i * s.segmentBytes);
        const chunk = Buffer.alloc(len);
        await fh.read(chunk, 0, len, i * s.segmentBytes);
        const body = new FormData();
        body.set('segment_index', String(i));
        body.set('media', new Blob([chunk], { type: 'application/octet-stream' }), 'chunk');
        await this.http.request({ network: 'x', label: `uploading part ${i + 1} of ${segments}`, url: this.api(`/2/media/upload/${s.mediaId}/append`), method: 'POST', headers: await this.authed(a), body, signal: a.signal, onRateLimited: rate });
        s = { ...s, segmentsDone: i + 1 };
        a.save(s);
        a.onProgress({ phase: 'uploading', sentBytes: Math.min(s.totalBytes, (i + 1) * s.segmentBytes), totalBytes: s.totalBytes, waitingUntil: null });
      }
    } finally {
      await fh.close();
    }
    let info = undefined as z.infer<typeof MediaAnswer>['data']['processing_info'];
    if (!s.finalized) {
      const fin = await this.http.request({ network: 'x', label: 'finishing the upload', url: this.api(`/2/media/upload/${s.mediaId}/finalize`), method: 'POST', headers: await this.authed(a), signal: a.signal, onRateLimited: rate });
      info = MediaAnswer.parse(fin.json()).data.processing_info;
      s = { ...s, finalized: true, processed: info === undefined };
      a.save(s);
    }
    while (!s.processed) {
      if (info?.state === 'failed') throw new AppError('VALIDATION', `X could not use this video: ${info.error?.message ?? info.error?.name ?? 'processing failed'}. Export it again (H.264, AAC, at most 1280×1024) and post again.`, { details: { network: 'x', processing: info } });
      if (info?.state === 'succeeded') {
        s = { ...s, processed: true };
        a.save(s);
        break;
      }
      a.onProgress({ phase: 'processing', sentBytes: s.totalBytes, totalBytes: s.totalBytes, waitingUntil: null });
      if (info) await sleep(this.opts.pollMs ?? Math.max(1, info.check_after_secs ?? 1) * 1000, a.signal);
      const st = await this.http.request({ network: 'x', label: 'waiting for X to process the video', url: this.api(`/2/media/upload?command=STATUS&media_id=${s.mediaId}`), headers: await this.authed(a), signal: a.signal, onRateLimited: rate });
      info = MediaAnswer.parse(st.json()).data.processing_info ?? { state: 'succeeded' };
    }
    return s;
  }

  private url(account: SocialAccount, id: string): string {
    return `https://x.com/${(account.handle ?? 'i').replace(/^@/, '')}/status/${id}`;
  }

  async findPost(a: PostArgs<XUploadState>): Promise<RemotePost | null> {
    const r = await this.http.request({ network: 'x', label: 'checking your recent posts', url: this.api(`/2/users/${a.account.id}/tweets?max_results=10&expansions=attachments.media_keys`), headers: await this.authed(a), signal: a.signal });
    const list = z.object({ data: z.array(z.object({ id: z.string(), attachments: z.object({ media_keys: z.array(z.string()) }).optional() })).optional() }).parse(r.json()).data ?? [];
    const hit = list.find((t) => t.attachments?.media_keys.some((k) => k.endsWith(`_${a.state.mediaId}`)));
    return hit ? { remoteId: hit.id, url: this.url(a.account, hit.id) } : null;
  }

  async createPost(a: PostArgs<XUploadState>): Promise<RemotePost> {
    const r = await this.http.request({
      network: 'x',
      label: 'publishing the post',
      url: this.api('/2/tweets'),
      idempotent: false,
      method: 'POST',
      headers: await this.authed(a, { 'content-type': 'application/json' }),
      body: JSON.stringify({ text: a.caption, media: { media_ids: [a.state.mediaId] } }),
      signal: a.signal,
      onRateLimited: (until) => a.onProgress({ phase: 'processing', sentBytes: a.state.totalBytes, totalBytes: a.state.totalBytes, waitingUntil: until }),
    });
    const parsed = z.object({ data: z.object({ id: z.string() }) }).safeParse(r.json());
    if (!parsed.success) throw new AppError('PROVIDER', `X answered the post without an id: ${networkMessage(r.json()) ?? r.text.slice(0, 200)}`);
    return { remoteId: parsed.data.data.id, url: this.url(a.account, parsed.data.data.id) };
  }
}
