/**
 * Publishing end to end: the app's backend (createBackend, as Electron and the harness build it)
 * → the proxy in workerd (social config; LinkedIn's token calls with the client secret) → fake X
 * and LinkedIn that speak their documented APIs. Per network: connect through the browser
 * sign-in (PKCE, loopback), refuse a caption over the limit before uploading, post a 30 s ad
 * through a cut upload and a 429, never twice, history after a restart, an upload interrupted by
 * quitting resumed in a new process without a second post, and a token revoked on the network's
 * side → "reconnect" → resumed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import type { Events } from '../../src/shared/contract';
import type { PostView } from '../../src/shared/domain/publish';
import { openMediaStore } from '../../src/backend/media-store';
import { openDatabase, databasePath } from '../../src/backend/storage/database';
import { insertExport } from '../../src/backend/storage/repos/generation';
import { ffmpegPath } from '../integration/pipeline-fixtures';
import { consentInBrowser } from './fakes/social/browser';
import { makeVideo } from './fakes/social/fixture-video';
import { startStack, type Stack } from './stack';
import { testEncryptor } from './test-encryptor';
import { waitFor } from '../support/wait';

let stack: Stack;
let dataDir: string;
let backend: Backend;
const projectId = 'ad-luna-30s';
const events: { event: string; payload: unknown }[] = [];

function open(): Backend {
  const b = createBackend({ dataDir, mediaBaseUrl: '/media/', secretEncryptor: testEncryptor });
  b.on((event, payload) => events.push({ event, payload }));
  return b;
}

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function until<E extends keyof Events>(event: E, pred: (p: Events[E]) => boolean, timeoutMs = 60_000): Promise<Events[E]> {
  const hit = await waitFor(() => events.find((e) => e.event === event && pred(e.payload as Events[E])), (h) => h !== undefined, `a ${event} event`, { timeoutMs, intervalMs: 50, show: () => JSON.stringify(events.slice(-5)) });
  return hit!.payload as Events[E];
}

async function connect(network: 'x' | 'linkedin') {
  const flow = await call<{ flowId: string; authorizeUrl: string }>('publish/connect', { network });
  const browser = await consentInBrowser(flow.authorizeUrl);
  expect(browser.status).toBe(200);
  const done = await until('publish/connectFinished', (p) => p.flowId === flow.flowId);
  expect(done).toMatchObject({ ok: true, error: null });
  // The redirect is one use: replaying it is refused (the loopback server is gone or answers 410).
  const replay = await fetch(browser.location).then((r) => r.status).catch(() => 0);
  expect([0, 410]).toContain(replay);
}

const posted = (id: string) => until('publish/postChanged', (p) => p.id === id && (p.status === 'posted' || p.status === 'failed' || p.status === 'cancelled'), 120_000);

beforeAll(async () => {
  process.env.ZAPCUT_KEYCHAIN = 'off';
  process.env.ZAPCUT_X_SEGMENT_BYTES = String(256 * 1024);
  process.env.ZAPCUT_PUBLISH_POLL_MS = '200';
  stack = await startStack({ ffmpegPath, latencyMs: { text: 10 } });
  dataDir = await mkdtemp(path.join(tmpdir(), 'zapcut-publish-sys-'));
  // A finished 30 s ad: its 16:9 and 1:1 results in the media store, as a run leaves them.
  const db = openDatabase(databasePath(dataDir));
  const media = openMediaStore(dataDir);
  const now = new Date().toISOString();
  db.prepare('INSERT INTO ad_projects (id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(projectId, 'Luna Cold Brew — 30 s', 'ready', now, now);
  for (const [aspect, w, h] of [['16:9', 640, 360], ['1:1', 480, 480]] as const) {
    const file = await makeVideo(ffmpegPath, path.join(dataDir, `ad-${w}.mp4`), { seconds: 30, width: w, height: h, kbps: 400 });
    const stored = await media.putFile(file);
    insertExport(db, { projectId, timelineId: null, preset: aspect, sha256: stored.sha256, thumbnailSha256: null, durationMs: 30_000 });
  }
  db.close();
  backend = open();
  await call('settings/update', { proxyUrl: stack.proxyUrl });
  const email = `poster-${Date.now()}@zapcut.test`;
  await call('account/signup', { email, password: 'correct-horse-battery' });
  await stack.verifyEmail(email);
}, 300_000);

afterAll(async () => {
  backend?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  delete process.env.ZAPCUT_KEYCHAIN;
  delete process.env.ZAPCUT_X_SEGMENT_BYTES;
  delete process.env.ZAPCUT_PUBLISH_POLL_MS;
});

describe.each([
  { network: 'x' as const, aspect: '16:9', cut: { x: { cutAppendSegment: 2, rateLimit: { endpoint: 'append' as const, times: 1, resetSeconds: 1 } } }, tooLong: 'あ'.repeat(141), handle: '@lunacoffee' },
  { network: 'linkedin' as const, aspect: '1:1', cut: { linkedin: { cutUploadPart: 0, rateLimit: { endpoint: 'upload' as const, times: 1 } } }, tooLong: 'a'.repeat(3001), handle: null },
])('$network', ({ network, aspect, cut, tooLong, handle }) => {
  const source = { kind: 'result', aspect };
  const stats = () => (network === 'x' ? stack.social.stats().x.tweets.length : stack.social.stats().linkedin.posts.length);

  it('connects through the browser sign-in and shows the account', async () => {
    await connect(network);
    const list = await call<{ network: string; state: string; account: { name: string; handle: string | null; avatarDataUrl: string | null } }[]>('publish/connections', {});
    const c = list.find((x) => x.network === network)!;
    expect(c.state).toBe('connected');
    expect(c.account).toMatchObject({ handle });
    expect(c.account.avatarDataUrl).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses a caption over the limit before uploading anything', async () => {
    const before = JSON.stringify(stack.social.stats());
    const check = await call<{ ok: boolean; issues: { code: string }[] }>('publish/check', { projectId, network, source, caption: tooLong });
    expect(check.ok).toBe(false);
    expect(check.issues.map((i) => i.code)).toContain('caption_too_long');
    const r = await backend.dispatch('publish/start', { projectId, network, source, caption: tooLong, idempotencyKey: `too-long-${network}` });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/caption is \d+ characters/) } });
    expect(JSON.stringify(stack.social.stats())).toBe(before);
  });

  it('posts the 30 s ad through a cut upload and a 429, once, with progress and the post link', async () => {
    await stack.social.control(cut);
    const before = stats();
    const key = `first-post-${network}`;
    const caption = 'Calm, steady energy — Luna Cold Brew (20% off this week) https://luna.coffee #ColdBrew';
    const [a, b] = await Promise.all([
      call<PostView>('publish/start', { projectId, network, source, caption, idempotencyKey: key }),
      call<PostView>('publish/start', { projectId, network, source, caption, idempotencyKey: key }),
    ]);
    expect(b.id).toBe(a.id); // a double click is one post
    const done = await posted(a.id);
    expect(done).toMatchObject({ status: 'posted', error: null, url: expect.stringMatching(network === 'x' ? /^https:\/\/x\.com\/lunacoffee\/status\/\d+$/ : /^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:share:\d+\/$/) });
    expect(stats() - before).toBe(1);
    const progress = events.filter((e) => e.event === 'publish/progress' && (e.payload as Events['publish/progress']).postId === a.id).map((e) => e.payload as Events['publish/progress']);
    expect(progress.some((p) => p.status === 'uploading' && p.percent >= 3 && p.percent <= 90)).toBe(true);
    expect(progress.at(-1)!.percent).toBe(100);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.percent).toBeGreaterThanOrEqual(progress[i - 1]!.percent);
    if (network === 'x') expect(progress.some((p) => p.waitingUntil)).toBe(true);
    const st = stack.social.stats();
    expect(network === 'x' ? st.x.calls.rateLimited : st.linkedin.calls.rateLimited).toBeGreaterThanOrEqual(1);
    // Posting the same video again needs a yes.
    const again = await backend.dispatch('publish/start', { projectId, network, source, caption, idempotencyKey: `second-${network}` });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/already on/) } });
  });

  it('keeps the history across a restart', async () => {
    backend.close();
    backend = open();
    const history = await call<PostView[]>('publish/history', { projectId });
    expect(history.find((p) => p.network === network && p.status === 'posted')?.url).toMatch(/^https:\/\//);
  });

  it('resumes an upload interrupted by quitting, in a new process, without a second post', async () => {
    const before = stats();
    const start = await call<PostView>('publish/start', { projectId, network, source, caption: `Second take ${network} #Calm`, idempotencyKey: `resume-${network}`, again: true });
    // Quit as soon as the upload has started (the first 'uploading' event always arrives; later ones are throttled).
    await until('publish/progress', (p) => p.postId === start.id && p.status === 'uploading');
    backend.close();
    backend = open();
    const stopped = (await call<PostView[]>('publish/history', { projectId })).find((p) => p.id === start.id)!;
    expect(stopped).toMatchObject({ status: expect.stringMatching(/failed|cancelled/), resumable: true });
    const initBefore = network === 'x' ? stack.social.stats().x.calls.initialize : stack.social.stats().linkedin.calls.initializeUpload;
    await call('publish/resume', { postId: start.id });
    expect(await posted(start.id)).toMatchObject({ status: 'posted' });
    const initAfter = network === 'x' ? stack.social.stats().x.calls.initialize : stack.social.stats().linkedin.calls.initializeUpload;
    expect(initAfter).toBe(initBefore); // the same upload continued
    expect(stats() - before).toBe(1);
  });

  it('a token revoked on the network\'s side asks to reconnect and loses nothing', async () => {
    await stack.social.control(network === 'x' ? { x: { revokeAll: true } } : { linkedin: { revokeAll: true } });
    const p = await call<PostView>('publish/start', { projectId, network, source, caption: `Third take ${network}`, idempotencyKey: `revoked-${network}`, again: true });
    const failed = await posted(p.id);
    expect(failed).toMatchObject({ status: 'failed', resumable: true, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/Reconnect/) } });
    const c = (await call<{ network: string; state: string }[]>('publish/connections', {})).find((x) => x.network === network)!;
    expect(c.state).toBe('needs_reconnect');
    await connect(network);
    events.length = 0;
    await call('publish/resume', { postId: p.id });
    const resumed = await posted(p.id);
    expect(resumed, JSON.stringify(resumed.error)).toMatchObject({ status: 'posted' });
  });

  it('disconnect revokes the tokens at the network and forgets them', async () => {
    const live = () => (network === 'x' ? stack.social.stats().x.liveTokens : stack.social.stats().linkedin.liveTokens);
    expect(live()).toBeGreaterThan(0);
    const r = await call<{ revoked: boolean; connections: { network: string; state: string }[] }>('publish/disconnect', { network });
    expect(r.revoked).toBe(true);
    expect(r.connections.find((x) => x.network === network)?.state).toBe('disconnected');
    expect(live()).toBe(0);
  });
});
