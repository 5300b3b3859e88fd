/**
 * LinkedIn as a publisher (learn.microsoft.com/linkedin):
 *  - OAuth 2.0 3-legged (shared/authentication/authorization-code-flow) with PKCE and a loopback
 *    redirect on a random port as the native-client flow describes
 *    (shared/authentication/authorization-code-flow-native). LinkedIn wants the client secret for
 *    the code exchange, refresh and revoke, so those go through the Zapcut proxy (TokenBroker),
 *    which holds the secret; the app sends the code and its PKCE verifier.
 *  - Profile: GET /v2/userinfo (OpenID Connect; sub → urn:li:person:{sub}).
 *  - Videos API (marketing/community-management/shares/videos-api): POST
 *    /rest/videos?action=initializeUpload → PUT each byte range to its uploadUrl, keeping the ETag
 *    → POST ?action=finalizeUpload with the ETags in order → GET /rest/videos/{urn} until AVAILABLE.
 *  - Posts API (…/shares/posts-api): POST /rest/posts, id in x-restli-id; commentary in the
 *    "little" text format (…/shares/little-text-format): reserved characters backslash-escaped,
 *    otherwise LinkedIn silently cuts the text at the first one.
 *  Every /rest call carries LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version: 2.0.0.
 */
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { sleep } from '../../../../pipeline/engine/retry';
import { NetworkHttp } from '../http';
import type { PostArgs, Publisher, RemotePost, SocialAccount, SocialTokens, UploadArgs } from './types';

export interface LinkedInConfig {
  clientId: string;
  authorizeUrl: string;
  /** https://api.linkedin.com */
  apiBase: string;
  /** LinkedIn-Version, YYYYMM. */
  version: string;
  scopes: readonly string[];
}

export const LINKEDIN_SCOPES = ['openid', 'profile', 'w_member_social'] as const;

/** The token calls that need LinkedIn's client secret: done by the Zapcut proxy. */
export interface TokenBroker {
  exchange(p: { code: string; verifier: string; redirectUri: string }): Promise<SocialTokens>;
  refresh(refreshToken: string): Promise<SocialTokens>;
  revoke(token: string): Promise<void>;
}

export interface LinkedInUploadState {
  videoUrn: string;
  totalBytes: number;
  parts: { first: number; last: number; url: string }[];
  etags: (string | null)[];
  uploadToken: string;
  expiresAt: number;
  finalized: boolean;
  processed: boolean;
}

const RESERVED = /[\\|{}@[\]()<>*_~]|#(?![\p{L}\p{N}_])/gu;

/** Caption → little text: every reserved character escaped, except the # that starts a hashtag. */
export function toLittleText(caption: string): string {
  return caption.replace(RESERVED, (c) => `\\${c}`);
}

const InitAnswer = z.object({ value: z.object({ video: z.string(), uploadUrlsExpireAt: z.number().optional(), uploadToken: z.string().optional(), uploadInstructions: z.array(z.object({ uploadUrl: z.string(), firstByte: z.number(), lastByte: z.number() })).min(1) }) });

export class LinkedInPublisher implements Publisher<LinkedInUploadState> {
  readonly network = 'linkedin' as const;
  constructor(
    private readonly cfg: LinkedInConfig,
    private readonly broker: TokenBroker,
    private readonly http = new NetworkHttp(),
    private readonly opts: { pollMs?: number } = {},
  ) {}

  private api(path: string): string {
    return `${this.cfg.apiBase.replace(/\/+$/, '')}${path}`;
  }

  private async rest(a: { accessToken(): Promise<string> }, extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await a.accessToken()}`, 'linkedin-version': this.cfg.version, 'x-restli-protocol-version': '2.0.0', ...extra };
  }

  authorizeUrl(p: { redirectUri: string; state: string; challenge: string }): string {
    const u = new URL(this.cfg.authorizeUrl);
    u.search = new URLSearchParams({ response_type: 'code', client_id: this.cfg.clientId, redirect_uri: p.redirectUri, state: p.state, scope: this.cfg.scopes.join(' '), code_challenge: p.challenge, code_challenge_method: 'S256' }).toString();
    return u.toString();
  }

  exchangeCode(p: { code: string; verifier: string; redirectUri: string }): Promise<SocialTokens> {
    return this.broker.exchange(p);
  }

  async refresh(t: SocialTokens): Promise<SocialTokens> {
    if (!t.refreshToken || (t.refreshExpiresAt !== null && t.refreshExpiresAt < Date.now())) throw new AppError('UNAUTHENTICATED', 'Your LinkedIn connection has expired (LinkedIn grants 60 days). Reconnect LinkedIn in Settings; nothing is lost.');
    return this.broker.refresh(t.refreshToken);
  }

  async revoke(t: SocialTokens): Promise<void> {
    await this.broker.revoke(t.accessToken);
  }

  async whoAmI(accessToken: string): Promise<SocialAccount> {
    const a = await this.http.request({ network: 'linkedin', label: 'reading your profile', url: this.api('/v2/userinfo'), headers: { authorization: `Bearer ${accessToken}` } });
    const d = z.object({ sub: z.string(), name: z.string().optional(), given_name: z.string().optional(), family_name: z.string().optional(), picture: z.string().optional() }).parse(a.json());
    return { id: d.sub, name: d.name ?? [d.given_name, d.family_name].filter(Boolean).join(' ') ?? 'LinkedIn member', handle: null, avatarUrl: d.picture ?? null };
  }

  async upload(a: UploadArgs<LinkedInUploadState>): Promise<LinkedInUploadState> {
    const rate = (until: number) => a.onProgress({ phase: 'uploading', sentBytes: 0, totalBytes: a.bytes, waitingUntil: until });
    let s = a.state && a.state.totalBytes === a.bytes && (a.state.finalized || a.state.expiresAt > Date.now() + 60_000) ? a.state : null;
    if (!s) {
      const init = await this.http.request({
        network: 'linkedin',
        label: 'starting the upload',
        url: this.api('/rest/videos?action=initializeUpload'),
        method: 'POST',
        headers: await this.rest(a, { 'content-type': 'application/json' }),
        body: JSON.stringify({ initializeUploadRequest: { owner: `urn:li:person:${a.account.id}`, fileSizeBytes: a.bytes, uploadCaptions: false, uploadThumbnail: false } }),
        signal: a.signal,
        onRateLimited: rate,
      });
      const v = InitAnswer.parse(init.json()).value;
      s = { videoUrn: v.video, totalBytes: a.bytes, parts: v.uploadInstructions.map((i) => ({ first: i.firstByte, last: i.lastByte, url: i.uploadUrl })), etags: v.uploadInstructions.map(() => null), uploadToken: v.uploadToken ?? '', expiresAt: v.uploadUrlsExpireAt ?? Date.now() + 3_600_000, finalized: false, processed: false };
      a.save(s);
    }
    const fh = await open(a.file, 'r');
    try {
      for (let i = 0; i < s.parts.length; i++) {
        if (s.etags[i]) continue;
        const p = s.parts[i]!;
        const chunk = Buffer.alloc(p.last - p.first + 1);
        await fh.read(chunk, 0, chunk.length, p.first);
        // The upload URL is pre-signed: no bearer token (docs: "upload the video … to the uploadUrl").
        const r = await this.http.request({ network: 'linkedin', label: `uploading part ${i + 1} of ${s.parts.length}`, url: p.url, method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: chunk, signal: a.signal, onRateLimited: rate });
        const etag = r.headers.get('etag');
        if (!etag) throw new AppError('PROVIDER', `LinkedIn accepted part ${i + 1} but sent no ETag; the upload cannot be finished. Post again.`);
        s = { ...s, etags: s.etags.map((e, j) => (j === i ? etag : e)) };
        a.save(s);
        a.onProgress({ phase: 'uploading', sentBytes: s.parts.filter((_, j) => s!.etags[j]).reduce((n, q) => n + q.last - q.first + 1, 0), totalBytes: s.totalBytes, waitingUntil: null });
      }
    } finally {
      await fh.close();
    }
    if (!s.finalized) {
      await this.http.request({ network: 'linkedin', label: 'finishing the upload', url: this.api('/rest/videos?action=finalizeUpload'), method: 'POST', headers: await this.rest(a, { 'content-type': 'application/json' }), body: JSON.stringify({ finalizeUploadRequest: { video: s.videoUrn, uploadToken: s.uploadToken, uploadedPartIds: s.etags } }), signal: a.signal, onRateLimited: rate });
      s = { ...s, finalized: true };
      a.save(s);
    }
    for (let poll = 0; !s.processed; poll++) {
      a.onProgress({ phase: 'processing', sentBytes: s.totalBytes, totalBytes: s.totalBytes, waitingUntil: null });
      const r = await this.http.request({ network: 'linkedin', label: 'waiting for LinkedIn to process the video', url: this.api(`/rest/videos/${encodeURIComponent(s.videoUrn)}`), headers: await this.rest(a), signal: a.signal, onRateLimited: rate });
      const v = z.object({ status: z.string(), processingFailureReason: z.string().optional() }).loose().parse(r.json());
      if (v.status === 'AVAILABLE') {
        s = { ...s, processed: true };
        a.save(s);
        break;
      }
      if (v.status === 'PROCESSING_FAILED') throw new AppError('VALIDATION', `LinkedIn could not use this video (${v.processingFailureReason ?? 'processing failed'}). LinkedIn takes MP4 videos of 3 s to 30 min; export again and post again.`, { details: { network: 'linkedin', status: v.status } });
      await sleep(this.opts.pollMs ?? Math.min(10_000, 1000 * 2 ** Math.min(poll, 3)), a.signal);
    }
    return s;
  }

  private url(urn: string): string {
    return `https://www.linkedin.com/feed/update/${urn}/`;
  }

  async findPost(a: PostArgs<LinkedInUploadState>): Promise<RemotePost | null> {
    const author = encodeURIComponent(`urn:li:person:${a.account.id}`);
    const r = await this.http.request({ network: 'linkedin', label: 'checking your recent posts', url: this.api(`/rest/posts?author=${author}&q=author&count=10`), headers: await this.rest(a), signal: a.signal });
    const list = z.object({ elements: z.array(z.object({ id: z.string(), content: z.object({ media: z.object({ id: z.string() }).loose().optional() }).loose().optional() }).loose()) }).parse(r.json()).elements;
    const hit = list.find((p) => p.content?.media?.id === a.state.videoUrn);
    return hit ? { remoteId: hit.id, url: this.url(hit.id) } : null;
  }

  async createPost(a: PostArgs<LinkedInUploadState>): Promise<RemotePost> {
    const r = await this.http.request({
      network: 'linkedin',
      label: 'publishing the post',
      url: this.api('/rest/posts'),
      idempotent: false,
      method: 'POST',
      headers: await this.rest(a, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        author: `urn:li:person:${a.account.id}`,
        commentary: toLittleText(a.caption),
        visibility: 'PUBLIC',
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        content: { media: { title: a.title.slice(0, 200), id: a.state.videoUrn } },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
      }),
      signal: a.signal,
      onRateLimited: (until) => a.onProgress({ phase: 'processing', sentBytes: a.state.totalBytes, totalBytes: a.state.totalBytes, waitingUntil: until }),
    });
    const urn = r.headers.get('x-restli-id');
    if (!urn) throw new AppError('PROVIDER', 'LinkedIn accepted the post but did not say its id; check your LinkedIn feed before posting again.');
    return { remoteId: urn, url: this.url(urn) };
  }
}
