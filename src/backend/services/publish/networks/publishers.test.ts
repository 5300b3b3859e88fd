/**
 * X and LinkedIn publishers against the fake networks (which refuse what the real ones refuse):
 * sign-in with PKCE through the loopback, a chunked upload that is cut and rate-limited midway,
 * processing, the post — and an upload resumed from its saved state after a stop.
 */
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../../../pipeline/ffmpeg/binaries';
import { startSocialFakes, FAKE_LINKEDIN, type SocialFakes } from '../../../../../test/system/fakes/social/server';
import { consentInBrowser } from '../../../../../test/system/fakes/social/browser';
import { renderLittleText } from '../../../../../test/system/fakes/social/linkedin';
import { makeVideo } from '../../../../../test/system/fakes/social/fixture-video';
import { NetworkHttp } from '../http';
import { startLoopback } from '../oauth/loopback';
import { createPkce, createState } from '../oauth/pkce';
import { XPublisher, X_SCOPES, type XUploadState } from './x';
import { LinkedInPublisher, LINKEDIN_SCOPES, toLittleText, type LinkedInUploadState, type TokenBroker } from './linkedin';
import type { Publisher, SocialTokens } from './types';

const bins = resolveBinaries();
const fastHttp = new NetworkHttp({ maxAttempts: 4, baseMs: 5, capMs: 20, maxRateLimitWaitMs: 5000 });
let fakes: SocialFakes;
let video: string;
let bytes: number;
let xPort: number;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-publish-'));
  xPort = 40_000 + Math.floor(Math.random() * 20_000);
  fakes = await startSocialFakes({ ffmpegPath: bins.ffmpegPath, ffprobePath: bins.ffprobePath, xCallbackPorts: [xPort], dir, linkedinPartBytes: 96 * 1024 });
  video = await makeVideo(bins.ffmpegPath, path.join(dir, 'ad.mp4'), { seconds: 4, width: 320, height: 180 });
  bytes = (await stat(video)).size;
}, 60_000);
afterAll(() => fakes?.close());

/** The LinkedIn token calls the proxy makes with the client secret (tested for real in the proxy and system tests). */
const directBroker = (): TokenBroker => ({
  async exchange(p) {
    const r = await fetch(`${fakes.env.LINKEDIN_OAUTH_BASE}/accessToken`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, code_verifier: p.verifier, client_id: FAKE_LINKEDIN.clientId, client_secret: FAKE_LINKEDIN.clientSecret }) });
    const b = (await r.json()) as { access_token: string; refresh_token: string; expires_in: number };
    if (!r.ok) throw new Error(JSON.stringify(b));
    return { accessToken: b.access_token, refreshToken: b.refresh_token, expiresAt: Date.now() + b.expires_in * 1000, refreshExpiresAt: null, scope: '' };
  },
  refresh: () => Promise.reject(new Error('not used')),
  revoke: () => Promise.resolve(),
});

async function connect<S>(p: Publisher<S>, ports?: number[]): Promise<SocialTokens> {
  const pkce = createPkce();
  const state = createState();
  const lb = await startLoopback({ state, ports, timeoutMs: 10_000, networkName: p.network });
  const browser = consentInBrowser(p.authorizeUrl({ redirectUri: lb.redirectUri, state, challenge: pkce.challenge }));
  const code = await lb.code;
  expect((await browser).status).toBe(200);
  // A wrong verifier is refused: PKCE is checked by the fake as by the network.
  await expect(p.exchangeCode({ code, verifier: createPkce().verifier, redirectUri: lb.redirectUri })).rejects.toThrow();
  return p.exchangeCode({ code, verifier: pkce.verifier, redirectUri: lb.redirectUri });
}

describe('X publisher', () => {
  const x = () => new XPublisher({ clientId: fakes.env.X_CLIENT_ID, authorizeUrl: fakes.env.X_AUTHORIZE_URL, apiBase: fakes.env.X_API_BASE, scopes: X_SCOPES }, fastHttp, { segmentBytes: 64 * 1024, pollMs: 5 });

  it('connects with PKCE, uploads through a cut connection and a 429, and posts once', async () => {
    const pub = x();
    const tokens = await connect(pub, [xPort]);
    expect(tokens.refreshToken).toBeTruthy();
    const account = await pub.whoAmI(tokens.accessToken);
    expect(account).toMatchObject({ handle: '@lunacoffee', name: 'Luna Coffee' });

    await fakes.control({ x: { cutAppendSegment: 1, rateLimit: { endpoint: 'append', times: 1, resetSeconds: 1 } } });
    const waits: number[] = [];
    let saved: XUploadState | null = null;
    const ac = new AbortController();
    const state = await pub.upload({ file: video, bytes, account, accessToken: async () => tokens.accessToken, state: null, save: (s) => (saved = s), onProgress: (p) => p.waitingUntil && waits.push(p.waitingUntil), signal: ac.signal });
    expect(state).toMatchObject({ finalized: true, processed: true, segmentsDone: Math.ceil(bytes / (64 * 1024)) });
    expect(saved).toEqual(state);
    expect(waits.length).toBe(1); // told the user it waits for X's reset
    const args = { account, accessToken: async () => tokens.accessToken, state, caption: 'Calm energy ☕ https://luna.coffee #ColdBrew', title: 'Luna', signal: ac.signal, onProgress: () => undefined };
    expect(await pub.findPost(args)).toBeNull();
    const post = await pub.createPost(args);
    expect(post.url).toBe(`https://x.com/lunacoffee/status/${post.remoteId}`);
    expect(await pub.findPost(args)).toEqual(post);
    const st = fakes.stats().x;
    expect(st.tweets.filter((t) => t.mediaIds.includes(state.mediaId))).toHaveLength(1);
    expect(st.media.find((m) => m.id === state.mediaId)?.segments).toEqual([...Array(state.segmentsDone).keys()]);
    expect(st.calls.rateLimited).toBe(1);
  });

  it('resumes a stopped upload from its saved state without starting a new media upload', async () => {
    const pub = x();
    const tokens = await connect(pub, [xPort]);
    const account = await pub.whoAmI(tokens.accessToken);
    const before = fakes.stats().x.calls.initialize;
    let saved: XUploadState | null = null;
    const ac = new AbortController();
    const first = pub.upload({ file: video, bytes, account, accessToken: async () => tokens.accessToken, state: null, save: (s) => { saved = s; if (s.segmentsDone === 2) ac.abort(); }, onProgress: () => undefined, signal: ac.signal });
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(saved!.segmentsDone).toBe(2);
    const done = await pub.upload({ file: video, bytes, account, accessToken: async () => tokens.accessToken, state: saved, save: () => undefined, onProgress: () => undefined, signal: new AbortController().signal });
    expect(done.mediaId).toBe(saved!.mediaId);
    expect(fakes.stats().x.calls.initialize - before).toBe(1);
  });

  it('reports a video X refuses in processing, and a revoked token as "reconnect"', async () => {
    const pub = x();
    const tokens = await connect(pub, [xPort]);
    const account = await pub.whoAmI(tokens.accessToken);
    const big = await makeVideo(bins.ffmpegPath, path.join(path.dirname(video), 'big.mp4'), { seconds: 1, width: 1920, height: 1080, kbps: 300 });
    const size = (await stat(big)).size;
    await expect(pub.upload({ file: big, bytes: size, account, accessToken: async () => tokens.accessToken, state: null, save: () => undefined, onProgress: () => undefined, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/InvalidDimensions/) });
    await fakes.control({ x: { revokeAll: true } });
    await expect(pub.whoAmI(tokens.accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/Reconnect X/) });
  });
});

describe('LinkedIn publisher', () => {
  const li = () => new LinkedInPublisher({ clientId: FAKE_LINKEDIN.clientId, authorizeUrl: `${fakes.env.LINKEDIN_OAUTH_BASE}/authorization`, apiBase: fakes.env.LINKEDIN_API_BASE, version: '202511', scopes: LINKEDIN_SCOPES }, directBroker(), fastHttp, { pollMs: 5 });

  it('connects on a random loopback port, uploads parts through a cut and a 429, and posts the caption intact', async () => {
    const pub = li();
    const tokens = await connect(pub);
    const account = await pub.whoAmI(tokens.accessToken);
    expect(account).toMatchObject({ id: FAKE_LINKEDIN.sub, name: 'Maya Chen' });
    await fakes.control({ linkedin: { cutUploadPart: 1, rateLimit: { endpoint: 'upload', times: 1 } } });
    let saved: LinkedInUploadState | null = null;
    const ac = new AbortController();
    const state = await pub.upload({ file: video, bytes, account, accessToken: async () => tokens.accessToken, state: null, save: (s) => (saved = s), onProgress: () => undefined, signal: ac.signal });
    expect(state.parts.length).toBeGreaterThan(1);
    expect(state.etags.every(Boolean)).toBe(true);
    expect(saved).toEqual(state);
    const caption = 'Meet Luna (cold brew) — 20% off_today! Ask @us <3 #ColdBrew #Calm\nhttps://luna.coffee/?a=1&b=[2]';
    const args = { account, accessToken: async () => tokens.accessToken, state, caption, title: 'Luna', signal: ac.signal, onProgress: () => undefined };
    const post = await pub.createPost(args);
    expect(post.url).toBe(`https://www.linkedin.com/feed/update/${post.remoteId}/`);
    expect(await pub.findPost(args)).toEqual(post);
    const stored = fakes.stats().linkedin.posts.find((p) => p.urn === post.remoteId)!;
    // LinkedIn would cut an unescaped caption at "(": the escaped one arrives whole.
    expect(stored.rendered).toBe(caption);
    expect(renderLittleText(caption)).toBe('Meet Luna ');
    expect(toLittleText('a (b) #tag # c')).toBe('a \\(b\\) #tag \\# c');
  });
});
