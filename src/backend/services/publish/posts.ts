/**
 * Posting an ad: the spec check, the post record (one per idempotency key; one live post per
 * file and network), the upload with progress (percent + ETA), processing, the post itself, and
 * the history. A post survives everything short of the network refusing the video:
 *  - a cut connection or a 429 is retried inside the upload (NetworkHttp), the upload state is
 *    saved after every chunk, so Resume (after a cancel, a quit or a crash) continues there;
 *  - a revoked token marks the connection "reconnect" and keeps the post resumable;
 *  - creating the post is never repeated blindly: if its answer was lost, the network is asked
 *    whether the post exists (findPost) before posting — a post is never made twice.
 */
import { stat } from 'node:fs/promises';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { PostCheck, PostSource, PostView } from '../../../shared/domain/publish';
import type { SocialNetwork } from '../../../shared/publish/platform-limits';
import * as repo from '../../storage/repos/social';
import { latestExports } from '../../storage/repos/projects';
import { resolveExportPath } from '../desktop';
import type { ServiceContext } from '../context';
import { connectedAccount, needsReconnect, networkName } from './connections';
import { checkVideo, removeUploadFile, uploadFile } from './prepare';
import type { UploadProgress } from './networks/types';
import { projectExport, projectTitle } from '../../storage/repos/timelines';
import { isExportedPath } from '../../storage/repos/timelines';

interface Running {
  controller: AbortController;
  done: Promise<void>;
}
const runtimes = new WeakMap<ServiceContext, Map<string, Running>>();
const running = (ctx: ServiceContext) => {
  let m = runtimes.get(ctx);
  if (!m) runtimes.set(ctx, (m = new Map()));
  return m;
};

interface ResolvedSource {
  file: string;
  kind: 'media' | 'file';
  ref: string;
  aspect: string;
  exportId: string | null;
  title: string;
}

async function resolveSource(ctx: ServiceContext, projectId: string, source: PostSource): Promise<ResolvedSource> {
  const project = projectTitle(ctx.db, projectId);
  if (!project) throw new AppError('NOT_FOUND', 'That ad no longer exists.');
  if (source.kind === 'result') {
    const exp = latestExports(ctx.db, projectId).find((e) => e.preset === source.aspect);
    if (!exp) throw new AppError('NOT_FOUND', `This ad has no ${source.aspect} version yet. Make it on the result screen, then post.`);
    const file = await ctx.media.resolve(exp.sha256);
    if (!file) throw new AppError('NOT_FOUND', `The ${source.aspect} video of this ad is missing from the data folder. Make it again, then post.`);
    return { file: file.path, kind: 'media', ref: exp.sha256, aspect: source.aspect, exportId: null, title: project.title };
  }
  const file = await resolveExportPath(ctx.dataDir, source.path, (p) => isExportedPath(ctx.db, p));
  const row = source.exportId ? projectExport(ctx.db, source.exportId, projectId) : undefined;
  return { file, kind: 'file', ref: file, aspect: row?.preset.split('@')[0] ?? 'export', exportId: row?.id ?? null, title: project.title };
}

export function viewOf(p: repo.PostRow): PostView {
  const resumable = (p.status === 'failed' || p.status === 'cancelled') && p.errorCode !== 'VALIDATION' && p.errorCode !== 'UNSUPPORTED_MEDIA' && p.errorCode !== 'NOT_FOUND';
  return {
    id: p.id,
    projectId: p.projectId,
    network: p.network as SocialNetwork,
    account: { id: p.accountId, name: p.accountName },
    aspect: p.aspect,
    caption: p.caption,
    status: p.status,
    remoteId: p.remoteId,
    url: p.remoteUrl,
    error: p.errorCode ? { code: p.errorCode, message: p.errorMessage ?? '' } : null,
    resumable,
    createdAt: p.createdAt,
    postedAt: p.postedAt,
  };
}

function lastPosted(ctx: ServiceContext, network: SocialNetwork, ref: string): repo.PostRow | undefined {
  return repo.listPosts(ctx.db, { limit: 500 }).find((p) => p.network === network && p.sourceRef === ref && p.status === 'posted');
}

export async function checkPost(ctx: ServiceContext, input: { projectId: string; network: SocialNetwork; source: PostSource; caption: string }): Promise<PostCheck> {
  const src = await resolveSource(ctx, input.projectId, input.source);
  const { check } = await checkVideo(ctx, input.network, src.file, input.caption);
  const prev = lastPosted(ctx, input.network, src.ref);
  if (prev) check.issues.push({ level: 'note', code: 'already_posted', message: `This video was already posted to ${networkName(input.network)} (${prev.postedAt?.slice(0, 16).replace('T', ' ')} UTC).` });
  return { ...check, alreadyPosted: prev ? { postId: prev.id, url: prev.remoteUrl, postedAt: prev.postedAt ?? prev.updatedAt } : null };
}

export async function startPost(ctx: ServiceContext, input: { projectId: string; network: SocialNetwork; source: PostSource; caption: string; idempotencyKey: string; again?: boolean }): Promise<PostView> {
  const same = repo.postByKey(ctx.db, input.idempotencyKey);
  if (same) return viewOf(same); // a double click or a retried request: the same post
  const src = await resolveSource(ctx, input.projectId, input.source);
  const { check } = await checkVideo(ctx, input.network, src.file, input.caption);
  const errors = check.issues.filter((i) => i.level === 'error');
  if (errors.length) throw new AppError('VALIDATION', errors.map((e) => e.message).join(' '), { details: { issues: errors } });
  const acct = await connectedAccount(ctx, input.network);
  // From here to the insert nothing awaits: a double click's second request finds the first's row.
  const raced = repo.postByKey(ctx.db, input.idempotencyKey);
  if (raced) return viewOf(raced);
  let live = repo.livePostFor(ctx.db, input.network, src.ref);
  if (live && !running(ctx).has(live.id) && repo.interruptLivePosts(ctx.db, ctx.now(), staleBefore(), live.id)) live = undefined;
  if (live) throw new AppError('CONFLICT', `This video is already being posted to ${networkName(input.network)}. Wait for it, or cancel it first.`, { details: { postId: live.id } });
  const prev = lastPosted(ctx, input.network, src.ref);
  if (prev && !input.again) throw new AppError('CONFLICT', `This video is already on ${networkName(input.network)}${prev.remoteUrl ? ` (${prev.remoteUrl})` : ''}. Post it again anyway?`, { details: { postId: prev.id, url: prev.remoteUrl } });
  const now = ctx.now();
  const { row } = repo.insertPost(ctx.db, {
    id: ctx.newId(),
    idempotencyKey: input.idempotencyKey,
    network: input.network,
    configOrigin: acct.origin,
    accountId: acct.account.id,
    accountName: acct.account.handle ?? acct.account.name,
    projectId: input.projectId,
    exportId: src.exportId,
    sourceKind: src.kind,
    sourceRef: src.ref,
    aspect: src.aspect,
    caption: input.caption,
    status: 'queued',
    uploadJson: null,
    postAttemptedAt: null,
    remoteId: null,
    remoteUrl: null,
    errorCode: null,
    errorMessage: null,
    createdAt: now,
    updatedAt: now,
    postedAt: null,
  });
  launch(ctx, row.id);
  return viewOf(repo.getPost(ctx.db, row.id)!);
}

export async function resumePost(ctx: ServiceContext, postId: string): Promise<PostView> {
  const p = repo.getPost(ctx.db, postId);
  if (!p) throw new AppError('NOT_FOUND', 'That post is not in the history any more.');
  if (running(ctx).has(postId)) return viewOf(p);
  // Live but nobody's heartbeat for a minute: the process posting it is gone.
  if (repo.LIVE_POST_STATUSES.includes(p.status) && repo.interruptLivePosts(ctx.db, ctx.now(), staleBefore(), postId) === 0) return viewOf(p);
  return resumeInterrupted(ctx, repo.getPost(ctx.db, postId)!);
}

async function resumeInterrupted(ctx: ServiceContext, p: repo.PostRow): Promise<PostView> {
  const postId = p.id;
  if (!viewOf(p).resumable) throw new AppError('CONFLICT', p.status === 'posted' ? 'This post is already published.' : 'This post cannot continue (the network refused the video). Start a new post.');
  const acct = await connectedAccount(ctx, p.network as SocialNetwork);
  // Reconnected as someone else: their upload is not ours to continue; start the upload afresh.
  const patch = acct.account.id !== p.accountId ? { uploadJson: null, accountId: acct.account.id, accountName: acct.account.handle ?? acct.account.name } : {};
  repo.updatePost(ctx.db, postId, { ...patch, status: 'queued', errorCode: null, errorMessage: null }, ctx.now());
  launch(ctx, postId);
  return viewOf(repo.getPost(ctx.db, postId)!);
}

export function cancelPost(ctx: ServiceContext, postId: string): PostView {
  const p = repo.getPost(ctx.db, postId);
  if (!p) throw new AppError('NOT_FOUND', 'That post is not in the history any more.');
  running(ctx).get(postId)?.controller.abort();
  return viewOf(p);
}

export const postHistory = (ctx: ServiceContext, projectId?: string): PostView[] => repo.listPosts(ctx.db, { projectId }).map(viewOf);

/** For tests and shutdown. */
export async function settlePosts(ctx: ServiceContext): Promise<void> {
  await Promise.all([...running(ctx).values()].map((r) => r.done));
}

const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;
const staleBefore = () => new Date(Date.now() - STALE_MS).toISOString();

export function startPublishing(ctx: ServiceContext): void {
  repo.interruptLivePosts(ctx.db, ctx.now(), staleBefore());
}

/** On quit: this process's posts become "interrupted" (resumable) before the database closes. */
export function stopPublishing(ctx: ServiceContext): void {
  const now = ctx.now();
  for (const [id, r] of running(ctx)) {
    repo.interruptLivePosts(ctx.db, now, '9999', id);
    r.controller.abort();
  }
}

function launch(ctx: ServiceContext, postId: string): void {
  const controller = new AbortController();
  const done = runPost(ctx, postId, controller.signal).finally(() => running(ctx).delete(postId));
  running(ctx).set(postId, { controller, done });
}

const PHASE_SPAN = { preparing: [0, 3], uploading: [3, 90], processing: [90, 97], posting: [97, 100] } as const;

async function runPost(ctx: ServiceContext, postId: string, signal: AbortSignal): Promise<void> {
  let row = repo.getPost(ctx.db, postId)!;
  const network = row.network as SocialNetwork;
  const set = (patch: Parameters<typeof repo.updatePost>[2]) => {
    // The app quit mid-post: the row stays live and the next start marks it interrupted (resumable).
    if (!ctx.db.open) return;
    row = repo.updatePost(ctx.db, postId, patch, ctx.now());
    ctx.emit('publish/postChanged', viewOf(row));
  };
  let uploadStart = 0;
  let lastEmit = 0;
  let lastStatus: repo.PostStatus | null = null;
  let lastBeat = Date.now();
  const progress = (status: repo.PostStatus, p: Partial<UploadProgress> & { fraction?: number } = {}) => {
    const now = Date.now();
    if (now - lastBeat > HEARTBEAT_MS && ctx.db.open) {
      lastBeat = now;
      repo.touchPost(ctx.db, postId, ctx.now());
    }
    // At most one event per 150 ms, but never drop the first of a new status (a fast upload
    // would otherwise show no 'uploading' at all) or a wait or the end.
    if (now - lastEmit < 150 && status === lastStatus && !p.waitingUntil && p.fraction !== 1) return;
    lastEmit = now;
    lastStatus = status;
    const phase = status === 'queued' || status === 'preparing' ? 'preparing' : status === 'uploading' ? 'uploading' : status === 'posting' ? 'posting' : 'processing';
    const [a, b] = PHASE_SPAN[phase];
    const fraction = p.fraction ?? (p.totalBytes ? (p.sentBytes ?? 0) / p.totalBytes : 0);
    const sent = p.sentBytes ?? 0;
    const total = p.totalBytes ?? 0;
    let eta: number | null = null;
    if (phase === 'uploading' && sent > 0 && uploadStart) eta = Math.round(((now - uploadStart) / sent) * (total - sent) / 1000) + 10;
    ctx.emit('publish/progress', { postId, network, status, percent: Math.round((a + (b - a) * Math.min(1, fraction)) * 10) / 10, etaSeconds: eta, sentBytes: sent, totalBytes: total, waitingUntil: p.waitingUntil ? new Date(p.waitingUntil).toISOString() : null });
  };
  try {
    const acct = await connectedAccount(ctx, network);
    const { publisher } = acct;
    const withAuth = async <T>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'UNAUTHENTICATED') throw err;
        await acct.forceRefresh(); // a revoked grant fails here with "reconnect"
        return fn();
      }
    };
    set({ status: 'preparing' });
    progress('preparing');
    const src = row.sourceKind === 'media' ? (await ctx.media.resolve(row.sourceRef))?.path : row.sourceRef;
    if (!src) throw new AppError('NOT_FOUND', 'The video to post is no longer in the data folder. Export the ad again and post again.');
    const plan = await checkVideo(ctx, network, src, row.caption);
    const errors = plan.check.issues.filter((i) => i.level === 'error');
    if (errors.length) throw new AppError('VALIDATION', errors.map((e) => e.message).join(' '));
    const file = await uploadFile(ctx, postId, network, src, plan, signal);
    const bytes = (await stat(file)).size;
    let state: unknown = row.uploadJson ? (JSON.parse(row.uploadJson) as unknown) : null;
    set({ status: 'uploading' });
    uploadStart = Date.now();
    state = await withAuth(() =>
      publisher.upload({
        file,
        bytes,
        account: acct.account,
        accessToken: acct.accessToken,
        state,
        save: (s) => {
          state = s;
          if (ctx.db.open) repo.updatePost(ctx.db, postId, { uploadJson: JSON.stringify(s) }, ctx.now());
        },
        onProgress: (p) => {
          if (p.phase === 'processing' && row.status !== 'processing') set({ status: 'processing' });
          progress(p.phase === 'processing' ? 'processing' : 'uploading', p.phase === 'processing' ? { ...p, fraction: 0.5 } : p);
        },
        signal,
      }),
    );
    set({ status: 'posting' });
    progress('posting');
    const args = { account: acct.account, accessToken: acct.accessToken, state, caption: row.caption, title: row.caption.split('\n')[0]!.slice(0, 100) || 'Video', signal, onProgress: (p: UploadProgress) => progress('posting', p) };
    // An earlier attempt sent the post but lost the answer: find it instead of posting again.
    let remote = row.postAttemptedAt ? await withAuth(() => publisher.findPost(args)) : null;
    if (!remote) {
      set({ postAttemptedAt: ctx.now() });
      try {
        remote = await withAuth(() => publisher.createPost(args));
      } catch (err) {
        if (err instanceof AppError && (err.details as { maybeSent?: boolean } | undefined)?.maybeSent) remote = await publisher.findPost(args).catch(() => null);
        if (!remote) throw err;
      }
    }
    set({ status: 'posted', remoteId: remote.remoteId, remoteUrl: remote.url, postedAt: ctx.now(), errorCode: null, errorMessage: null });
    progress('posting', { fraction: 1 });
    await removeUploadFile(ctx, postId, network);
  } catch (err) {
    const e = toErrorShape(err);
    const cancelled = e.code === 'CANCELLED' || signal.aborted;
    if (e.code === 'UNAUTHENTICATED' && row.configOrigin) await needsReconnect(ctx, network, row.configOrigin, `${networkName(network)} no longer accepts Zapcut's access.`).catch(() => undefined);
    set({ status: cancelled ? 'cancelled' : 'failed', errorCode: cancelled ? 'CANCELLED' : e.code, errorMessage: cancelled ? 'Cancelled. Resume to continue where the upload stopped.' : e.message });
  }
}
