/**
 * Ad projects: create from a brand, chat with the orchestrator, adjust the creative bible and the
 * storyboard, approve, generate, and work with the result. The backend's state (`ctx.state.projects`)
 * holds what is not in the database (live run progress, drafts in flight); the database holds
 * everything else, so a restart loses nothing.
 */
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { AdProjectView, AdSummary, ApprovalPrice, CreativeBibleDoc, PictureChangeInput, Slots, StoryboardSceneInput } from '../../../shared/domain/ads';
import { draftCreative, redoPicture, runInputOf, type Draft } from '../../../pipeline/generate';
import { CreativeBible, type StoryScene } from '../../../pipeline/stages/schemas';
import { highlightOf } from '../../../pipeline/stages/colors';
import { insertBible, insertExport, insertStoryboard, latestBible } from '../../storage/repos/generation';
import * as brandsRepo from '../../storage/repos';
import type { ServiceContext } from '../context';
import { briefFor } from './brief';
import { removeUnreferencedMedia } from '../asset-view';
import { say } from './chat';
import { askNext, greeting, nextMissing, type InterviewState } from './interviewer';
import { MAX_TURN_CHARS } from './orchestrator';
import { chatTurn } from './chat-turn';
import { chooseProvider, draftProviderFor, offlineTier, providerForRun, tierFrom, type ProviderChoice, type TierPolicy } from './provider-choice';
import { accountView } from '../account/service';
import { getSettings } from '../settings';
import type { AccountView } from '../../../shared/domain/account';
import * as repo from '../../storage/repos/projects';
import { RunManager } from './runs';
import { approvalProblem, fromInputs, storyboardView } from './storyboard';
import { projectView, summary } from './views';
import { renderVariant } from './variants';
import type { Aspect } from '../../../shared/domain/aspect';
import { renderCurrent } from './current';
import { approveProjectPictures, changeProjectPicture, pictureChangeNote, projectApprovalPrice, runSceneCount } from './pictures';

export { offlineTier, type TierPolicy } from './provider-choice';

/** How long an account view stays good for the chat's tier limit before it is asked again. */
const ACCOUNT_TTL_MS = 60_000;

/** What the projects keep in memory for one backend (ctx.state.projects). */
export interface ProjectsState {
  runs?: RunManager;
  drafting: Map<string, AbortController>;
  /** Projects whose chat reply is being written (one turn at a time per ad), with its stop switch. */
  replying: Map<string, AbortController>;
  /** Finished ads being revised (issue 19 #4): one revision at a time per ad. */
  revising: Set<string>;
  tier: TierPolicy;
  choice?: { at: number; value: ProviderChoice };
  /** Tests only: product pages may be read over http on loopback (createBackend's productPage option). */
  pageLoopbackForTests?: boolean;
}

export function createProjectsState(opts: { allowLoopbackHttpForTests?: boolean } = {}): ProjectsState {
  return { drafting: new Map(), replying: new Map(), revising: new Set(), tier: offlineTier, pageLoopbackForTests: opts.allowLoopbackHttpForTests === true };
}

/** The account the chat and new runs follow: a test's fake, else the account service (none without a proxy). */
function readAccount(ctx: ServiceContext): Promise<AccountView> {
  const fake = ctx.state.account.opts.view;
  if (fake) return fake();
  if (getSettings(ctx).proxyUrl.trim()) return accountView(ctx);
  return Promise.resolve({ proxyUrl: '', signedIn: false, email: null, store: 'memory', usage: null, problem: null });
}

function runtime(ctx: ServiceContext): ProjectsState {
  return ctx.state.projects;
}

function runs(ctx: ServiceContext): RunManager {
  const rt = runtime(ctx);
  rt.runs ??= new RunManager(ctx);
  return rt.runs;
}

/**
 * Asks the account which provider new ads use and what its tier allows, and feeds the chat's
 * tier policy. Cached for a minute (chat turns); `fresh` asks again (approve, new ad).
 */
export async function refreshProviderChoice(ctx: ServiceContext, fresh = false): Promise<ProviderChoice> {
  const rt = runtime(ctx);
  if (!fresh && rt.choice && Date.now() - rt.choice.at < ACCOUNT_TTL_MS) return rt.choice.value;
  let value: ProviderChoice;
  try {
    value = chooseProvider(await readAccount(ctx));
  } catch (err) {
    value = { provider: 'offline', maxLengthSeconds: null, unreachable: null };
    console.error('zapcut: could not read the account; new ads use the offline provider:', err);
  }
  rt.choice = { at: Date.now(), value };
  rt.tier = tierFrom(value);
  return value;
}

/** The tier policy the chat uses right now (from the last account view). */
export function tierPolicy(ctx: ServiceContext): TierPolicy {
  return runtime(ctx).tier;
}

/** Called once by createBackend: resumes runs a quit or crash interrupted. */
export function startProjects(ctx: ServiceContext): void {
  if (repo.interruptedRunIds(ctx.db).length) runs(ctx).resumeInterrupted();
}

/** Called by backend.close(): stops runs and drafts without recording an outcome. */
export function stopProjects(ctx: ServiceContext): void {
  const rt = runtime(ctx);
  rt.runs?.shutdown();
  for (const a of rt.drafting.values()) a.abort();
}

function requireProject(ctx: ServiceContext, id: string): repo.ProjectRow {
  const p = repo.getProject(ctx.db, id);
  if (!p) throw new AppError('NOT_FOUND', 'That ad no longer exists. Go back to the Ads list.', { details: { id } });
  return p;
}

export function getProjectView(ctx: ServiceContext, id: string): AdProjectView {
  const rt = runtime(ctx);
  return projectView(ctx, requireProject(ctx, id), { drafting: rt.drafting.has(id), live: (runId) => rt.runs?.liveOf(runId) });
}

export function listProjectSummaries(ctx: ServiceContext): AdSummary[] {
  const rt = runtime(ctx);
  return repo.listProjects(ctx.db).map((p) => {
    const { runView: _rv, results: _r, ...s } = summary(ctx, p, (runId) => rt.runs?.liveOf(runId));
    return s;
  });
}

/** Replies once the brief is complete, by where the ad is. */
const AFTER_BRIEF: Partial<Record<repo.ProjectRow['status'], string>> = {
  review: 'Your brief is complete. Adjust the creative bible and the storyboard on the right, then approve it to generate the ad.',
  generating: 'Your ad is being generated. You can follow the progress on the right, or leave; it keeps going.',
  ready: 'Your ad is ready. On the right you can make another format, export it, regenerate a scene, or open it in the editor.',
  failed: 'The last generation failed. Retry it from the Ads list or on the right; finished steps are kept.',
  cancelled: 'Generation was cancelled. Retry it on the right; finished steps are kept.',
};

function interviewState(ctx: ServiceContext, p: repo.ProjectRow): InterviewState {
  const brand = p.brandId ? brandsRepo.getBrand(ctx.db, p.brandId) : undefined;
  const imageCount = p.brandId ? brandsRepo.listBrandAssets(ctx.db, p.brandId, 'product').filter((a) => a.kind === 'image').length : 0;
  // The caption pictures' highlight: the brand's colour as the ad will lift it (assemble.ts highlightOf).
  const accent = brand?.colors.length ? highlightOf(brand.colors) : undefined;
  return { slots: p.doc.slots, brandName: brand?.name ?? p.title, imageCount, maxLengthSeconds: runtime(ctx).tier.maxLengthSeconds(), afterBrief: AFTER_BRIEF[p.status], ...(accent ? { accent } : {}) };
}

/** A new ad; `from` pre-fills slots (a product page) and says what was taken instead of the greeting. */
export function createProject(ctx: ServiceContext, brandId: string, from?: { slots: Slots; intro: string }): AdProjectView {
  const brand = brandsRepo.getBrand(ctx.db, brandId);
  if (!brand) throw new AppError('NOT_FOUND', 'That brand no longer exists. Pick another brand or create one.');
  // An abandoned "New ad" of this brand that was never answered is opened again, not left behind
  // as one more "Brand · Briefing" draft (issue 19 #11); an ad from a product page replaces it.
  const untouched = repo.untouchedDraftId(ctx.db, brandId);
  if (untouched && !from) return getProjectView(ctx, untouched);
  if (untouched) repo.deleteProject(ctx.db, untouched);
  const p = repo.insertProject(ctx.db, { id: ctx.newId(), brandId, title: from?.slots.productName ?? brand.name, now: ctx.now() });
  // What the brand page already says is not asked again.
  const slots: Slots = { ...(brand.description.trim() ? { brandDescription: brand.description.trim() } : {}), ...from?.slots };
  const state = interviewState(ctx, { ...p, doc: { slots } });
  const turn = from ? askNext(state, `${from.intro}\n\n`) : greeting(state);
  repo.updateProject(ctx.db, p.id, { doc: { slots }, stage: turn.stage }, ctx.now());
  say(ctx, p.id, turn.stage, turn.content, turn.meta);
  ctx.emit('brand/changed', { id: brandId });
  return getProjectView(ctx, p.id);
}

export async function deleteProject(ctx: ServiceContext, id: string): Promise<{ deleted: true }> {
  const p = requireProject(ctx, id);
  if (runtime(ctx).runs?.cancel(id)) await new Promise((r) => setTimeout(r, 50));
  runtime(ctx).drafting.get(id)?.abort();
  const shas = brandsRepo.projectMediaShas(ctx.db, id);
  repo.deleteProject(ctx.db, id);
  // The ad's generated media goes with it, unless something else (a product image, another ad) names it.
  await removeUnreferencedMedia(ctx, shas, brandsRepo.mediaReferences(ctx.db));
  if (p.brandId) ctx.emit('brand/changed', { id: p.brandId });
  return { deleted: true };
}

/**
 * One chat turn. The user's message is stored first, whole (nothing is lost). A paste longer than a
 * turn reads gets a clear answer and changes nothing. Signed in, the AI orchestrator answers
 * (orchestrator.ts; the shared safety rules screen the message here first, so an unsafe request
 * never reaches the model); offline, or when the model fails or breaks the state schema twice,
 * the scripted interviewer answers this turn and the next turn tries the model again.
 */
export async function sendChat(ctx: ServiceContext, projectId: string, text: string): Promise<{ userMessageId: string; replyId: string }> {
  const rt = runtime(ctx);
  const p = requireProject(ctx, projectId);
  if (rt.drafting.has(projectId)) throw new AppError('CONFLICT', 'I am still drafting your storyboard. Wait a moment, then reply.');
  if (rt.replying.has(projectId)) throw new AppError('CONFLICT', 'I am still answering your last message. Wait a moment, then reply.');
  const abort = new AbortController();
  rt.replying.set(projectId, abort);
  try {
    const history = repo.listMessages(ctx.db, projectId);
    const turnNo = history.filter((m) => m.role === 'user').length;
    const user = repo.insertMessage(ctx.db, { id: ctx.newId(), projectId, role: 'user', stage: p.stage, content: text, meta: {}, now: ctx.now() });
    if (text.length > MAX_TURN_CHARS) {
      const content = `That message is ${text.length.toLocaleString('en-US')} characters; I read up to ${MAX_TURN_CHARS.toLocaleString('en-US')} at a time, so I did not read it and nothing changed. Paste the part that matters (for example the product description), or split it into shorter messages.`;
      const reply = say(ctx, projectId, p.stage, content, { tooLong: { chars: text.length, max: MAX_TURN_CHARS } });
      ctx.emit('project/changed', { id: projectId });
      return { userMessageId: user.id, replyId: reply.id };
    }
    const state = interviewState(ctx, p);
    const replyId = ctx.newId();
    const choice = await refreshProviderChoice(ctx);
    const turn = await chatTurn(ctx, { project: p, state, history: [...history, { ...user }], text, turnNo, replyId, signal: abort.signal, choice });
    const s = turn.slots;
    const fresh = requireProject(ctx, projectId);
    // Once the brief is complete the chat no longer moves the stage (generation and export do).
    const stage = nextMissing(p.doc.slots) ? turn.stage : fresh.stage;
    repo.updateProject(ctx.db, projectId, { doc: { ...fresh.doc, slots: s }, stage, lengthSeconds: s.lengthSeconds, aspect: s.aspect, title: s.productName }, ctx.now());
    let meta = turn.meta;
    if (turn.revisedScenes) {
      insertStoryboard(ctx.db, projectId, { scenes: turn.revisedScenes }, null);
      meta = { ...meta, revised: { version: repo.latestStoryboard(ctx.db, projectId)!.version } };
    }
    // A reply the model streamed is shown whole now (replacing the streamed text); others are typed out.
    const reply = say(ctx, projectId, stage, turn.content, meta, { id: replyId, streamed: meta.via === 'ai' });
    if (turn.draft && !repo.latestStoryboard(ctx.db, projectId)) startDraft(ctx, projectId);
    ctx.emit('project/changed', { id: projectId });
    return { userMessageId: user.id, replyId: reply.id };
  } finally {
    rt.replying.delete(projectId);
  }
}

/** Stops the reply being written for this ad (the model call is aborted; nothing changes). */
export function cancelChat(ctx: ServiceContext, projectId: string): { stopped: boolean } {
  requireProject(ctx, projectId);
  const abort = runtime(ctx).replying.get(projectId);
  abort?.abort();
  return { stopped: !!abort };
}

/**
 * Drafts with the AI text models through the proxy when signed in. If the proxy cannot write it
 * (unreachable, signed out, the month's AI text allowance used up, unusable answers), the draft is
 * made on this computer from templates instead and the user is told why — the chat never stalls.
 */
async function draftWithFallback(ctx: ServiceContext, p: repo.ProjectRow, signal: AbortSignal): Promise<{ draft: Draft; fallback: string | null }> {
  const choice = await refreshProviderChoice(ctx);
  const brief = await briefFor(ctx, p);
  const draft = (provider: string) => draftCreative(ctx.pipeline, brief, { provider, projectId: p.id, signal });
  if (draftProviderFor(choice) === 'offline') {
    const why = choice.unreachable ? `The Zapcut service cannot be reached (${choice.unreachable.message.replace(/\.$/, '')}), so I drafted this on this computer from templates.` : null;
    return { draft: await draft('offline'), fallback: why };
  }
  try {
    return { draft: await draft('proxy'), fallback: null };
  } catch (err) {
    if (signal.aborted) throw err;
    const e = toErrorShape(err);
    console.error('zapcut: drafting through the proxy failed; drafting offline:', e.code, e.message);
    const offline = await draft('offline');
    return { draft: offline, fallback: `The AI writer could not draft this ad (${firstHandReason(err).replace(/\.+$/, '')}), so I drafted it on this computer from templates.` };
  }
}

/** The innermost AppError's message: the engine's wrapper adds run-resume advice that does not fit a draft. */
function firstHandReason(err: unknown): string {
  let message = toErrorShape(err).message;
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof AppError) message = e.message;
  return message;
}

function startDraft(ctx: ServiceContext, projectId: string): void {
  const rt = runtime(ctx);
  const abort = new AbortController();
  rt.drafting.set(projectId, abort);
  void (async () => {
    try {
      const p = requireProject(ctx, projectId);
      const { draft, fallback } = await draftWithFallback(ctx, p, abort.signal);
      if (abort.signal.aborted) return;
      insertStoryboard(ctx.db, projectId, draft.storyboard.storyboard, null);
      repo.updateProject(ctx.db, projectId, { doc: { ...p.doc, palette: draft.bible.palette }, status: 'review', stage: 'final_review' }, ctx.now());
      const intro = fallback ? `${fallback} ` : '';
      say(ctx, projectId, 'final_review', `${intro}Here is your creative bible and a ${draft.storyboard.storyboard.scenes.length}-scene storyboard. Adjust anything you like, then approve it to generate the ad.`, { storyboard: { version: repo.latestStoryboard(ctx.db, projectId)!.version } });
    } catch (err) {
      if (abort.signal.aborted) return;
      const p = repo.getProject(ctx.db, projectId);
      if (!p) return;
      repo.updateProject(ctx.db, projectId, { doc: { ...p.doc, slots: { ...p.doc.slots, confirmed: false } } }, ctx.now());
      const message = err instanceof Error ? err.message : String(err);
      say(ctx, projectId, 'final_review', `I could not draft the storyboard: ${message} Say "looks good" to try again.`, { options: [{ value: 'Looks good, draft it', labelKey: 'retryDraft' }] });
    } finally {
      rt.drafting.delete(projectId);
      if (!abort.signal.aborted) ctx.emit('project/changed', { id: projectId });
    }
  })();
}

function editable(ctx: ServiceContext, p: repo.ProjectRow): void {
  if (runtime(ctx).runs?.isActive(p.id) || p.status === 'generating') throw new AppError('CONFLICT', 'The ad is being generated. Cancel the run first to change the storyboard or bible.');
}

export function updateBible(ctx: ServiceContext, projectId: string, bible: CreativeBibleDoc): AdProjectView {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  if (!p.brandId) throw new AppError('NOT_FOUND', 'This ad has no brand any more.');
  // A new version for the brand: its next ads start from this bible.
  insertBible(ctx.db, p.brandId, bible, 'user');
  ctx.emit('project/changed', { id: projectId });
  return getProjectView(ctx, projectId);
}

function currentScenes(ctx: ServiceContext, projectId: string): StoryScene[] {
  const sb = repo.latestStoryboard(ctx.db, projectId);
  const scenes = (sb?.storyboard as { scenes?: StoryScene[] } | undefined)?.scenes;
  if (!sb || !scenes) throw new AppError('CONFLICT', 'There is no storyboard yet. Finish the chat first.');
  return scenes;
}

export function updateStoryboard(ctx: ServiceContext, projectId: string, inputs: StoryboardSceneInput[]): AdProjectView {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  const scenes = fromInputs(inputs, currentScenes(ctx, projectId), p.doc.slots.tone ?? '');
  insertStoryboard(ctx.db, projectId, { scenes }, null);
  repo.updateProject(ctx.db, projectId, { status: 'review', stage: 'final_review' }, ctx.now());
  ctx.emit('project/changed', { id: projectId });
  return getProjectView(ctx, projectId);
}

/**
 * Starts the run for the approved storyboard. `reviewPictures` (off unless asked; the app asks by default on the paid path) stops
 * it after the keyframes for the user to approve the pictures before any video is paid for.
 */
export async function approveStoryboard(ctx: ServiceContext, projectId: string, opts: { offline?: boolean; reviewPictures?: boolean } = {}): Promise<AdProjectView> {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  const provider = providerForRun(await refreshProviderChoice(ctx, true), opts);
  const sb = repo.latestStoryboard(ctx.db, projectId)!;
  const scenes = currentScenes(ctx, projectId);
  const length = p.doc.slots.lengthSeconds ?? p.lengthSeconds;
  const problem = approvalProblem(storyboardView(scenes, length, p.doc.slots.productName ?? p.title, { version: sb.version, approvedAt: null }));
  if (problem) throw new AppError(problem.includes('content rules') ? 'SAFETY_BLOCKED' : 'VALIDATION', problem);
  const bible = CreativeBible.safeParse(p.brandId ? latestBible(ctx.db, p.brandId)?.bible : undefined);
  if (!bible.success) throw new AppError('CONFLICT', 'The creative bible is missing. Ask the chat to draft it again.');
  repo.approveStoryboard(ctx.db, sb.id, ctx.now());
  say(ctx, projectId, 'generate_video', 'Storyboard approved. Generating your ad now — you can leave this screen; it keeps going.', {});
  await runs(ctx).startFromStoryboard(projectId, scenes, bible.data, p.doc.palette ?? [], provider, { reviewPictures: opts.reviewPictures ?? false });
  return getProjectView(ctx, projectId);
}

/** One picture made again (a new image, maybe from an edited prompt); the run stops for approval again. */
export function redoProjectPicture(ctx: ServiceContext, projectId: string, index: number, prompt?: string): AdProjectView {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  const runId = repo.latestRunId(ctx.db, projectId);
  if (!runId) throw new AppError('NOT_FOUND', 'This ad has no pictures yet. Approve the storyboard first.');
  redoPicture(ctx.pipeline, runId, index, prompt);
  runs(ctx).retry(runId, projectId, pictureChangeNote(index, runSceneCount(ctx, runId), 'redo'));
  return getProjectView(ctx, projectId);
}

/** Changes one picture waiting for approval (issue 21); the run places or makes it and stops for approval again. */
export async function changeProjectPictureOf(ctx: ServiceContext, input: PictureChangeInput): Promise<AdProjectView> {
  const p = requireProject(ctx, input.projectId);
  editable(ctx, p);
  const runId = repo.latestRunId(ctx.db, input.projectId) ?? null;
  await changeProjectPicture(ctx, p.brandId ?? null, runId, input.index, input.change);
  runs(ctx).retry(runId!, input.projectId, pictureChangeNote(input.index, runSceneCount(ctx, runId!), input.change.kind));
  return getProjectView(ctx, input.projectId);
}

/** What approving the pictures will take from the user (the CLI states the same figure). */
export function picturesPrice(ctx: ServiceContext, projectId: string): Promise<ApprovalPrice> {
  requireProject(ctx, projectId);
  return projectApprovalPrice(ctx, repo.latestRunId(ctx.db, projectId) ?? null);
}

/** The user approved the pictures: the run makes the scenes, voice and music (issue 21). */
export function approvePictures(ctx: ServiceContext, projectId: string): AdProjectView {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  approveProjectPictures(ctx, projectId, repo.latestRunId(ctx.db, projectId) ?? null, (runId) => {
    say(ctx, projectId, 'generate_video', 'Pictures approved. Making the scenes, the voice and the music now — you can leave this screen; it keeps going.', {});
    runs(ctx).retry(runId, projectId);
  });
  return getProjectView(ctx, projectId);
}

function latestRun(ctx: ServiceContext, projectId: string): string {
  const id = repo.latestRunId(ctx.db, projectId);
  if (!id) throw new AppError('NOT_FOUND', 'This ad has not been generated yet. Approve the storyboard first.');
  return id;
}

export function cancelRun(ctx: ServiceContext, projectId: string): AdProjectView {
  requireProject(ctx, projectId);
  if (!runtime(ctx).runs?.cancel(projectId)) throw new AppError('CONFLICT', 'Nothing is generating for this ad.');
  return getProjectView(ctx, projectId);
}

export function retryRun(ctx: ServiceContext, projectId: string): AdProjectView {
  requireProject(ctx, projectId);
  runs(ctx).retry(latestRun(ctx, projectId), projectId);
  return getProjectView(ctx, projectId);
}

export function regenerateScene(ctx: ServiceContext, projectId: string, index: number): AdProjectView {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  runs(ctx).regenerateScene(projectId, latestRun(ctx, projectId), index);
  return getProjectView(ctx, projectId);
}

/**
 * "Generate with AI" over a finished offline ad (issue 20): the Zapcut service makes every scene
 * again; the creator's text, timing, voice and music stay (createSceneRun). Needs a signed-in,
 * reachable account; an ad already made by the service is refused (its Scene button remakes one).
 */
export async function generateScenesWithAi(ctx: ServiceContext, projectId: string): Promise<AdProjectView> {
  const p = requireProject(ctx, projectId);
  editable(ctx, p);
  const fromRunId = latestRun(ctx, projectId);
  const choice = await refreshProviderChoice(ctx, true);
  if (choice.provider === 'offline') throw new AppError('CONFLICT', 'Sign in to the Zapcut service (Settings → Account) to generate the scenes with AI. The free animatic stays as it is.');
  const provider = providerForRun(choice, {});
  const from = ctx.pipeline.store.getRun(fromRunId);
  if (from && runInputOf(from).provider === provider) throw new AppError('CONFLICT', 'This ad\'s scenes were already made with AI. Use Scene to make one of them again.');
  runs(ctx).generateScenes(projectId, fromRunId, provider);
  return getProjectView(ctx, projectId);
}

export async function makeVariant(ctx: ServiceContext, projectId: string, aspect: Aspect): Promise<AdProjectView> {
  const p = requireProject(ctx, projectId);
  if (!p.currentTimelineId) throw new AppError('CONFLICT', 'This ad has no finished timeline yet. Wait for the generation to finish.');
  const v = await renderVariant(ctx, p.currentTimelineId, aspect);
  insertExport(ctx.db, { projectId, timelineId: p.currentTimelineId, preset: aspect, ...v });
  ctx.emit('project/changed', { id: projectId });
  return getProjectView(ctx, projectId);
}

/** Copies the ad's current MP4 to a file the user chose (temp file + rename: never half-written). */
export async function exportAd(ctx: ServiceContext, input: { projectId: string; aspect: Aspect; path: string }): Promise<{ path: string; bytes: number }> {
  requireProject(ctx, input.projectId);
  const dest = path.resolve(input.path);
  if (!path.isAbsolute(input.path)) throw new AppError('VALIDATION', 'Choose a full path for the exported file (for example /home/me/Videos/ad.mp4).');
  if (path.extname(dest).toLowerCase() !== '.mp4') throw new AppError('VALIDATION', 'The exported file must end in .mp4.');
  const dir = await stat(path.dirname(dest)).catch(() => null);
  if (!dir?.isDirectory()) throw new AppError('IO', `The folder ${path.dirname(dest)} does not exist. Create it or choose another one.`);
  // The file is the ad as it is now: edited since its last render → rendered again first.
  const exp = await renderCurrent(ctx, input.projectId, input.aspect);
  if (!exp) throw new AppError('NOT_FOUND', `There is no ${input.aspect} version yet. Create it first.`);
  const src = await ctx.media.resolve(exp.sha256);
  if (!src) throw new AppError('NOT_FOUND', 'The rendered file is missing from the media folder. Regenerate the ad.');
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${ctx.newId()}.tmp`);
  try {
    await copyFile(src.path, tmp);
    await rename(tmp, dest);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new AppError('IO', `Could not write ${dest}: ${(err as Error).message}. Choose another location.`, { cause: err });
  }
  return { path: dest, bytes: src.bytes };
}
