/**
 * Who answers one chat turn, and how (issue 22). Signed in and reachable, the AI orchestrator:
 * its reply streams to the screen as it is written (`chat/delta` for the reply id chosen before
 * the call) while the state change waits for the whole tool call, validated; after the storyboard
 * exists it may also revise it (`revise_storyboard`, applied by storyboard-revision.ts). Offline,
 * or when the model fails, the scripted interviewer answers — and when the AI was expected, the
 * reply carries `aiFallback` so the chat says why and what to do. A stopped reply changes nothing.
 */
import type { ChatMessage } from '../../../shared/domain/ads';
import { blockingViolations, defaultRuleSet, screenText } from '../../../shared/safety';
import type { StoryScene } from '../../../pipeline/stages/schemas';
import type { ServiceContext } from '../context';
import { proxyAuth } from '../account/service';
import * as repo from '../../storage/repos/projects';
import { answer, askNext, nextMissing, type InterviewState, type Turn } from './interviewer';
import { applyUpdate, orchestratorTool, systemPrompt, toolInputSchema, type StateUpdate } from './orchestrator';
import { historyMessages, modelTurn, type ModelTool } from './orchestrator-model';
import { draftProviderFor, type ProviderChoice } from './provider-choice';
import { chatImageBlocks } from './chat-images';
import { AppError } from '../../../shared/errors';
import type { AdChange } from '../../../shared/domain/revise';
import { AD_REVISION_HELP, AdRevisionCall, REVISE_AD_TOOL, adCopyForPrompt, describeRevision, parseAdRevision } from './ad-revision-chat';
import { adCopy, reviseAd } from './revise-ad';
import { REVISE_TOOL, REVISION_HELP, StoryboardRevision, applyRevision, parseRevision, storyboardForPrompt, type RevisionOp } from './storyboard-revision';

/** A turn, and the storyboard it revised (saved by the caller with the reply). */
export type ChatTurn = Turn & { revisedScenes?: StoryScene[] };

export interface TurnInput {
  project: repo.ProjectRow;
  state: InterviewState;
  history: ChatMessage[];
  text: string;
  turnNo: number;
  /** The id the reply will be stored under: streamed text is sent for it before it exists. */
  replyId: string;
  signal: AbortSignal;
  choice: ProviderChoice;
}

const reviseTool = (): ModelTool => ({
  name: REVISE_TOOL,
  description:
    'Change the storyboard the creator is reviewing when they ask for it (move, swap, set_duration, set_line, set_title, set_description, delete, insert). Scene numbers are the ones in "Storyboard (JSON)". The app keeps the total length: other scenes make room for a duration you set.',
  schema: StoryboardRevision,
  inputSchema: toolInputSchema(StoryboardRevision),
});

const reviseAdTool = (): ModelTool => ({
  name: REVISE_AD_TOOL,
  description:
    'Change what the finished ad says when the creator asks for it: a scene\'s spoken line (set_line, or shorten_line), a scene\'s title (set_title) or the end card\'s call to action (set_cta). Scene numbers are the ones in "Ad (JSON)". Only what changes is made again.',
  schema: AdRevisionCall,
  inputSchema: toolInputSchema(AdRevisionCall),
});

/** A finished ad revised from the chat (issue 19 #4): what changed, or why nothing did. */
async function reviseFinished(ctx: ServiceContext, input: TurnInput, changes: AdChange[], said?: string): Promise<ChatTurn> {
  const base = { slots: input.state.slots, stage: input.project.stage, meta: {}, draft: false };
  try {
    const r = await reviseAd(ctx, { projectId: input.project.id, changes }, { signal: input.signal });
    const lead = said?.trim() ? `${said.trim()}\n\n` : '';
    return { ...base, content: `${lead}${describeRevision(r)}`, meta: { adRevised: { version: r.version ?? 0, flags: r.flags.length } } };
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
    const why = /nothing was changed/iu.test(err.message) ? err.message : `${err.message.replace(/\.?$/u, '.')} Nothing was changed.`;
    return { ...base, content: said?.trim() ? `${said.trim()}\n\n${why}` : why };
  }
}

/** The storyboard the chat may revise: drafted, under review (not approved, not being generated). */
function currentScenes(ctx: ServiceContext, p: repo.ProjectRow): StoryScene[] | null {
  if (p.status !== 'review') return null;
  const sb = repo.latestStoryboard(ctx.db, p.id);
  const scenes = (sb?.storyboard as { scenes?: StoryScene[] } | undefined)?.scenes;
  return sb && !sb.approvedAt && scenes?.length ? scenes : null;
}

/**
 * A revision applied, or why not: the creator reads the new storyboard, or the reason nothing
 * changed. The model's own words (`said`) are kept either way — a refused change shows them and
 * then our reason; the script's "Done." (`lead` only) is dropped when nothing was done.
 */
function revise(input: TurnInput, scenes: StoryScene[], ops: RevisionOp[], lead: string, said?: string): ChatTurn {
  const s = input.state.slots;
  const length = s.lengthSeconds ?? input.project.lengthSeconds;
  const r = applyRevision(scenes, ops, length, { productName: s.productName ?? input.project.title, tone: s.tone ?? '' });
  const base = { slots: s, stage: 'final_review' as const, meta: {}, draft: false };
  if ('problem' in r) return { ...base, content: said?.trim() ? `${said.trim()}\n\n${r.problem}` : r.problem };
  const notes = r.notes.length ? `\n\n${r.notes.join(' ')}` : '';
  return { ...base, content: `${lead}\n\nThe storyboard now:\n${r.summary}${notes}\n\nApprove it on the right when it looks right.`, revisedScenes: r.scenes };
}

/** The scripted answer: the interviewer, or (with a storyboard under review) the plain revision forms. */
function scripted(input: TurnInput, scenes: StoryScene[] | null, unsafe: boolean): ChatTurn {
  if (scenes && !unsafe && !nextMissing(input.state.slots)) {
    const { ops, unread } = parseRevision(input.text, scenes);
    if (ops.length) {
      const t = revise(input, scenes, ops, 'Done.');
      return unread.length ? { ...t, content: `${t.content}\n\nI did not understand "${unread.join('", "')}". ${REVISION_HELP}` } : t;
    }
    if (unread.length) return { slots: input.state.slots, stage: 'final_review', content: REVISION_HELP, meta: {}, draft: false };
  }
  return answer(input.state, input.text, input.turnNo);
}

export async function chatTurn(ctx: ServiceContext, input: TurnInput): Promise<ChatTurn> {
  const { state, text, project } = input;
  const scenes = currentScenes(ctx, project);
  const unsafe = blockingViolations(screenText(text, defaultRuleSet.rules)).length > 0;
  // A finished ad can still be revised (issue 19 #4): its lines, titles and CTA.
  const finished = project.status === 'ready' ? adCopy(ctx, project.id) : null;
  const byScript = async (extra: ChatMessage['meta'] = {}): Promise<ChatTurn> => {
    let t: ChatTurn;
    if (finished && !unsafe) {
      const { changes, unread } = parseAdRevision(text);
      if (changes.length) {
        t = await reviseFinished(ctx, input, changes);
        if (unread.length) t = { ...t, content: `${t.content}\n\nI did not understand "${unread.join('", "')}". ${AD_REVISION_HELP}` };
      } else t = unread.length ? { slots: state.slots, stage: project.stage, content: AD_REVISION_HELP, meta: {}, draft: false } : scripted(input, scenes, unsafe);
    } else t = scripted(input, scenes, unsafe);
    return { ...t, meta: { ...t.meta, via: 'scripted', ...extra } };
  };
  if (unsafe || input.choice.provider !== 'proxy') return byScript();
  // Signed in, but the service cannot be reached: the script answers and the chat says so.
  if (draftProviderFor(input.choice) !== 'proxy') return byScript({ aiFallback: { reason: 'unreachable' } });
  const locked = nextMissing(state.slots) === null;
  const tools = scenes ? [orchestratorTool(), reviseTool()] : finished ? [orchestratorTool(), reviseAdTool()] : [orchestratorTool()];
  const system = scenes
    ? `${systemPrompt(state, locked, { revisable: true })}\nWhen the creator asks to change the storyboard, call ${REVISE_TOOL}; otherwise call update_state.\nStoryboard (JSON): ${storyboardForPrompt(scenes)}`
    : finished
      ? `${systemPrompt(state, locked)}\nThe ad is made. When the creator asks to change what it says (a line, a title, the call to action), call ${REVISE_AD_TOOL}; otherwise call update_state.\nAd (JSON): ${adCopyForPrompt(finished)}`
      : systemPrompt(state, locked);
  const images = await chatImageBlocks(ctx, project.brandId).catch((err: unknown) => {
    console.error('zapcut: the chat could not read the product pictures; the model answers without them:', err);
    return [];
  });
  const r = await modelTurn(proxyAuth(ctx), {
    system,
    messages: historyMessages(input.history, state.brandName, images),
    tools,
    signal: input.signal,
    onReply: (reply) => ctx.emit('chat/delta', { projectId: project.id, messageId: input.replyId, text: reply, done: false }),
  });
  if ('cancelled' in r) {
    const asked = locked ? null : askNext(state, 'Stopped. Nothing was changed.');
    return { slots: state.slots, stage: asked?.stage ?? project.stage, content: asked?.content ?? 'Stopped. Nothing was changed.', meta: { ...(asked?.meta ?? {}), via: 'ai', stopped: true }, draft: false };
  }
  if ('fallback' in r) {
    console.error(`zapcut: the AI chat could not answer (${r.fallback}); the scripted interviewer answers this turn.`);
    return byScript({ aiFallback: { reason: r.reason } });
  }
  if (r.tool === REVISE_AD_TOOL && finished) {
    const call = r.input as AdRevisionCall;
    const t = await reviseFinished(ctx, input, call.changes, call.reply);
    return { ...t, meta: { ...t.meta, via: 'ai' } };
  }
  if (r.tool === REVISE_TOOL && scenes) {
    const revision = r.input as StoryboardRevision;
    const t = revise(input, scenes, revision.ops, revision.reply, revision.reply);
    return { ...t, meta: { ...t.meta, via: 'ai' } };
  }
  const { turn, refused } = applyUpdate(state, r.input as StateUpdate, locked);
  if (refused.length) console.error(`zapcut: the chat's stage machine refused part of the model's update: ${refused.join(', ')}`);
  return { ...turn, meta: { ...turn.meta, via: 'ai' } };
}
