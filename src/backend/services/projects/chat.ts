/**
 * The chat's storage and streaming. A message is stored whole first (so a restart never loses
 * it), then its text is pushed to the renderer in growing slices as `chat/delta` events — the
 * same shape a streaming model produces — so the UI types it out.
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

/** Stores an assistant message and streams it. */
export function say(ctx: ServiceContext, projectId: string, stage: ChatStage, content: string, meta: ChatMessage['meta']): ChatMessage {
  const m = repo.insertMessage(ctx.db, { id: ctx.newId(), projectId, role: 'assistant', stage, content, meta, now: ctx.now() });
  streamMessage(ctx, projectId, m);
  return m;
}
