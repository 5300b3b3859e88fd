/**
 * The chat's storage and streaming. The model's reply streams as it is written (chat-turn.ts);
 * every message is then stored whole (so a restart never loses it) and its text pushed to the
 * renderer as `chat/delta` events — at once when it was streamed already, else in growing slices
 * so the UI types it out.
 */
import type { ChatMessage, ChatStage } from '../../../shared/domain/ads';
import type { ServiceContext } from '../context';
import * as repo from '../../storage/repos/projects';

/** Words per delta and pause between deltas (a brisk typing pace). */
const WORDS_PER_DELTA = 3;
const DELTA_MS = 18;

export function streamMessage(ctx: ServiceContext, projectId: string, m: ChatMessage): void {
  const words = m.content.split(/(?<=\s)/u);
  let i = 0;
  const tick = () => {
    i = Math.min(words.length, i + WORDS_PER_DELTA);
    const done = i >= words.length;
    ctx.emit('chat/delta', { projectId, messageId: m.id, text: words.slice(0, i).join(''), done });
    if (!done) setTimeout(tick, DELTA_MS).unref?.();
  };
  setTimeout(tick, DELTA_MS).unref?.();
}

/**
 * Stores an assistant message and streams it. `id`: the id its text was already streamed under
 * (the model's reply as it was written); `streamed`: that text is on screen, so the stored message
 * replaces it at once instead of being typed out again.
 */
export function say(ctx: ServiceContext, projectId: string, stage: ChatStage, content: string, meta: ChatMessage['meta'], opts: { id?: string; streamed?: boolean } = {}): ChatMessage {
  const m = repo.insertMessage(ctx.db, { id: opts.id ?? ctx.newId(), projectId, role: 'assistant', stage, content, meta, now: ctx.now() });
  if (opts.streamed) ctx.emit('chat/delta', { projectId, messageId: m.id, text: m.content, done: true });
  else streamMessage(ctx, projectId, m);
  return m;
}
