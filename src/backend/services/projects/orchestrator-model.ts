/**
 * One orchestrator turn with the model: the Anthropic SDK pointed at the proxy (the account's AI
 * text allowance pays), the conversation so far, and the `update_state` tool the model must call.
 * The tool's input is checked with zod; a reply that breaks the schema is sent back once as an
 * error tool_result (the model repairs it), and a second bad reply — or any failed call — returns
 * `fallback` so the scripted interviewer answers this turn. Never throws for a model problem.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage } from '../../../shared/domain/ads';
import type { ProxyAuth } from '../../../pipeline/providers/proxy/api';
import { TEXT_MODELS } from '../../../shared/models/catalog';
import { fromSdkError, isUnauthenticated } from '../../../pipeline/providers/proxy/sdk-errors';
import { MAX_TURN_CHARS, StateUpdate, TOOL_NAME, orchestratorTool } from './orchestrator';

/** Enough for a reply and a full state update; well under every tier's output cap. */
const MAX_TOKENS = 1500;
/** The turns sent as context (older ones are in the state JSON already). */
const HISTORY_TURNS = 40;

export type ModelTurn = { update: StateUpdate; calls: number; repaired: boolean } | { fallback: string; calls: number };

/** The stored chat as Messages API turns: user first, roles alternating, over-long pastes left out. */
export function historyMessages(messages: ChatMessage[], brandName: string): Anthropic.MessageParam[] {
  const out: Anthropic.MessageParam[] = [];
  for (const m of messages.slice(-HISTORY_TURNS)) {
    if (m.role === 'system') continue;
    const text = m.role === 'user' && m.content.length > MAX_TURN_CHARS ? `[a ${m.content.length}-character paste the app did not read]` : m.content;
    const last = out.at(-1);
    if (last?.role === m.role) last.content = `${last.content as string}\n\n${text}`;
    else out.push({ role: m.role, content: text });
  }
  if (out[0]?.role !== 'user') out.unshift({ role: 'user', content: `(The creator opened a new ad for ${brandName}.)` });
  return out;
}

function problemsOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`)
    .join('; ');
}

export async function modelTurn(auth: ProxyAuth, input: { system: string; messages: Anthropic.MessageParam[]; signal?: AbortSignal }): Promise<ModelTurn> {
  const tool = orchestratorTool();
  const create = async (messages: Anthropic.MessageParam[]) => {
    const once = async (token: string) => {
      const client = new Anthropic({ apiKey: null, authToken: token, baseURL: `${auth.baseUrl}/anthropic`, maxRetries: 0, timeout: 60_000 });
      try {
        return await client.messages.create(
          { model: TEXT_MODELS.anthropic, max_tokens: MAX_TOKENS, system: input.system, messages, tools: [tool], tool_choice: { type: 'tool', name: TOOL_NAME } },
          { signal: input.signal },
        );
      } catch (e) {
        throw fromSdkError(e, 'chat (anthropic)');
      }
    };
    try {
      return await once(await auth.accessToken());
    } catch (e) {
      if (!isUnauthenticated(e)) throw e;
      return once(await auth.refreshed());
    }
  };

  let messages = input.messages;
  for (let calls = 1; calls <= 2; calls++) {
    let msg: Anthropic.Message;
    try {
      msg = await create(messages);
    } catch (e) {
      return { fallback: e instanceof Error ? e.message : String(e), calls };
    }
    const use = msg.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === TOOL_NAME);
    const parsed = use ? StateUpdate.safeParse(use.input) : null;
    if (parsed?.success) return { update: parsed.data, calls, repaired: calls > 1 };
    const problems = parsed ? problemsOf(parsed.error) : `no ${TOOL_NAME} call (stop_reason ${msg.stop_reason})`;
    if (calls === 2) return { fallback: `the model's state update broke the schema twice (${problems})`, calls };
    // The repair: the model sees its own answer and what was wrong with it.
    const content: Anthropic.ContentBlockParam[] = [];
    for (const b of msg.content) {
      if (b.type === 'tool_use') content.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
      else if (b.type === 'text' && b.text.trim()) content.push({ type: 'text', text: b.text });
    }
    const fix: Anthropic.ContentBlockParam[] = use
      ? [{ type: 'tool_result', tool_use_id: use.id, is_error: true, content: `Invalid input: ${problems}. Call ${TOOL_NAME} again with a valid input.` }]
      : [{ type: 'text', text: `Call ${TOOL_NAME} with your reply and the state update.` }];
    messages = [...messages, { role: 'assistant', content: content.length ? content : [{ type: 'text', text: '…' }] }, { role: 'user', content: fix }];
  }
  return { fallback: 'unreachable', calls: 2 };
}
