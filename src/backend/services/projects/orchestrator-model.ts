/**
 * One orchestrator turn with the model: the Anthropic SDK pointed at the proxy (the account's AI
 * text allowance pays), the conversation so far, and the tools the model must call one of
 * (`update_state`; after the storyboard exists also `revise_storyboard`). The reply streams: the
 * tool input's `reply` field is read from the partial JSON as it arrives and handed to `onReply`
 * (the screen shows it), while the state change waits for the whole, validated tool call. The
 * input is checked with zod; a reply that breaks the schema is sent back once as an error
 * tool_result (the model repairs it), and a second bad reply — or any failed call — returns
 * `fallback` with a reason the chat shows, so the scripted interviewer answers this turn.
 * A cancelled turn returns `cancelled`. Never throws for a model problem.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';
import type { ChatFallbackReason, ChatMessage } from '../../../shared/domain/ads';
import type { ProductRole } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ProxyAuth } from '../../../pipeline/providers/proxy/api';
import { TEXT_MODELS } from '../../../shared/models/catalog';
import { fromSdkError, isUnauthenticated } from '../../../pipeline/providers/proxy/sdk-errors';
import { MAX_TURN_CHARS } from './orchestrator';

/** Enough for a reply and a full state update; well under every tier's output cap. */
const MAX_TOKENS = 1500;
/** The turns sent as context (older ones are in the state JSON already). */
const HISTORY_TURNS = 40;

/** A tool the model may call: its name, what it is for, and the zod schema of its input (also its JSON Schema). */
export interface ModelTool {
  name: string;
  description: string;
  schema: z.ZodType;
  inputSchema: { type: 'object'; [k: string]: unknown };
}

export type ModelTurn =
  | { tool: string; input: unknown; calls: number; repaired: boolean }
  | { fallback: string; reason: ChatFallbackReason; calls: number }
  | { cancelled: true; calls: number };

/** A Messages API image block (base64). */
export type ImageBlock = Anthropic.ImageBlockParam;
/** A product picture for the model, with what it shows (hero, detail, lifestyle, logo). */
export interface ChatPicture {
  role: ProductRole;
  block: ImageBlock;
}
/** How the model is told each role. */
const ROLE_WORDS: Record<ProductRole, string> = {
  hero: 'the hero shot: the ad opens and ends on it',
  detail: 'a detail: a close-up of the product',
  lifestyle: 'lifestyle: the product in use',
  logo: 'the logo as it appears on the product',
};

/**
 * The stored chat as Messages API turns: user first, roles alternating, over-long pastes left out.
 * `images` (the brand's product pictures, downscaled) open the conversation so the model sees them.
 */
export function historyMessages(messages: ChatMessage[], brandName: string, images: ChatPicture[] = []): Anthropic.MessageParam[] {
  const out: Anthropic.MessageParam[] = [];
  for (const m of messages.slice(-HISTORY_TURNS)) {
    if (m.role === 'system') continue;
    const text = m.role === 'user' && m.content.length > MAX_TURN_CHARS ? `[a ${m.content.length}-character paste the app did not read]` : m.content;
    const last = out.at(-1);
    if (last?.role === m.role) last.content = `${last.content as string}\n\n${text}`;
    else out.push({ role: m.role, content: text });
  }
  if (out[0]?.role !== 'user') out.unshift({ role: 'user', content: `(The creator opened a new ad for ${brandName}.)` });
  if (images.length) {
    const first = out[0]!;
    const intro = `(The brand's product pictures, ${images.length}: look at what they show — the product, its colours, its label — and use it in your suggestions.)`;
    const pictures = images.flatMap((p, i): Anthropic.ContentBlockParam[] => [{ type: 'text', text: `Product picture ${i + 1} (${p.role}) — ${ROLE_WORDS[p.role]}:` }, p.block]);
    first.content = [...pictures, { type: 'text', text: intro }, { type: 'text', text: first.content as string }];
  }
  return out;
}

/**
 * The `reply` string of a tool input still being written (`{"reply":"Thanks, I no`), as far as it
 * goes; null before it starts. An escape cut in half is left for the next slice.
 */
export function partialReply(json: string): string | null {
  const m = /^\s*\{(?:[^"]|"(?:[^"\\]|\\.)*")*?"reply"\s*:\s*"((?:[^"\\]|\\u[0-9a-fA-F]{4}|\\[^u])*)/su.exec(json);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

function problemsOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`)
    .join('; ');
}

/** Why the model could not answer, as the chat tells the creator (a code, not words: the UI words it). */
export function fallbackReason(err: unknown): ChatFallbackReason {
  if (!(err instanceof AppError)) return 'failed';
  const proxyCode = (err.details as { proxyCode?: unknown } | undefined)?.proxyCode;
  if (proxyCode === 'LLM_ALLOWANCE_EXHAUSTED' || err.code === 'PAYMENT_REQUIRED') return 'allowance';
  if (err.code === 'UNAUTHENTICATED') return 'signedOut';
  if (err.code === 'RATE_LIMITED') return 'busy';
  if (err.code === 'OFFLINE' || /cannot reach the Zapcut service/u.test(err.message)) return 'unreachable';
  return 'failed';
}

export async function modelTurn(
  auth: ProxyAuth,
  input: { system: string; messages: Anthropic.MessageParam[]; tools: ModelTool[]; signal?: AbortSignal; onReply?: (text: string) => void },
): Promise<ModelTurn> {
  const tools: Anthropic.Tool[] = input.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }));
  const toolChoice: Anthropic.ToolChoice = tools.length === 1 ? { type: 'tool', name: tools[0]!.name } : { type: 'any' };
  const create = async (messages: Anthropic.MessageParam[]) => {
    const once = async (token: string) => {
      const client = new Anthropic({ apiKey: null, authToken: token, baseURL: `${auth.baseUrl}/anthropic`, maxRetries: 0, timeout: 60_000 });
      try {
        const stream = client.messages.stream(
          { model: TEXT_MODELS.anthropic, max_tokens: MAX_TOKENS, system: input.system, messages, tools, tool_choice: toolChoice },
          { signal: input.signal },
        );
        // The reply as it is written: the tool input's `reply` field, read from the partial JSON
        // (the SDK's own snapshot leaves an unfinished string out, so it would show the reply only whole).
        let json = '';
        let shown = '';
        stream.on('streamEvent', (event) => {
          if (event.type === 'content_block_start') json = '';
          if (event.type !== 'content_block_delta' || event.delta.type !== 'input_json_delta') return;
          json += event.delta.partial_json;
          const reply = partialReply(json);
          if (reply !== null && reply !== shown) {
            shown = reply;
            input.onReply?.(reply);
          }
        });
        return await stream.finalMessage();
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
      if (input.signal?.aborted) return { cancelled: true, calls };
      return { fallback: e instanceof Error ? e.message : String(e), reason: fallbackReason(e), calls };
    }
    const use = msg.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && input.tools.some((t) => t.name === b.name));
    const tool = use ? input.tools.find((t) => t.name === use.name)! : null;
    const parsed = use && tool ? tool.schema.safeParse(use.input) : null;
    if (use && parsed?.success) return { tool: use.name, input: parsed.data, calls, repaired: calls > 1 };
    const problems = parsed && !parsed.success ? problemsOf(parsed.error) : `no ${tools.map((t) => t.name).join(' or ')} call (stop_reason ${msg.stop_reason})`;
    if (calls === 2) return { fallback: `the model's answer broke the schema twice (${problems})`, reason: 'broken', calls };
    // The repair: the model sees its own answer and what was wrong with it.
    const content: Anthropic.ContentBlockParam[] = [];
    for (const b of msg.content) {
      if (b.type === 'tool_use') content.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
      else if (b.type === 'text' && b.text.trim()) content.push({ type: 'text', text: b.text });
    }
    const fix: Anthropic.ContentBlockParam[] = use
      ? [{ type: 'tool_result', tool_use_id: use.id, is_error: true, content: `Invalid input: ${problems}. Call ${use.name} again with a valid input.` }]
      : [{ type: 'text', text: `Call ${tools.map((t) => t.name).join(' or ')} with your reply.` }];
    messages = [...messages, { role: 'assistant', content: content.length ? content : [{ type: 'text', text: '…' }] }, { role: 'user', content: fix }];
  }
  return { fallback: 'unreachable', reason: 'failed', calls: 2 };
}
