import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { configOf } from '../env';
import { JSON_LIMIT_BYTES, readLimited } from '../http/body';
import { ProxyError, badRequest } from '../http/errors';
import { accountOf, unwrap } from '../account/stub';
import type { Tier } from '../account/plans';
import { admitText, type TextRoute } from './text-policy';
import { SseUsageMeter, splitFromJson, usageFromJson, type TokenSplit } from './usage';
import { writePaidCallCost } from '../ops/costs';
import { cleanHeaders, fetchUpstream, providerError, type Provider } from './upstream';

/** LLM requests carry whole conversations and storyboards, so they get more room than other JSON. */
const LLM_BODY_LIMIT = 4 * JSON_LIMIT_BYTES;

export interface LlmTarget {
  provider: Extract<Provider, 'openai' | 'anthropic'>;
  route: TextRoute;
  url: string;
  headers: Record<string, string>;
  /** Adjusts the parsed request before forwarding (e.g. ask OpenAI for usage in streams). */
  prepare?: (body: Record<string, unknown>) => void;
}

/**
 * Forwards one LLM call: checks it against the tier (text-policy.ts), holds its most expensive
 * outcome against the month's allowance in the account (refused when it does not fit), swaps the
 * user's token for the provider key, passes a stream through chunk by chunk, and settles the hold
 * to the metered tokens afterwards — even when the stream breaks half-way or the client leaves
 * (then the provider's stream is cancelled too).
 */
export async function forwardLlm(c: Context<AppEnv>, target: LlmTarget): Promise<Response> {
  const user = c.get('user');
  const account = accountOf(c.env, user.id);
  const raw = await readLimited(c, LLM_BODY_LIMIT);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(new TextDecoder().decode(raw)) as Record<string, unknown>;
  } catch {
    throw badRequest('The request body must be JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const { estimate, model } = admitText(target.route, body, user.tier as Tier);
  target.prepare?.(body);
  const holdId = crypto.randomUUID();
  unwrap(await account.holdLlm(holdId, estimate));
  const record = (tokens: number) => account.settleLlm(holdId, tokens);
  // What the call cost the operator (provider list price per input and output token), for the
  // operator view and the daily spend cap; a failed write is logged and the user's call unaffected.
  const recordCost = (tokens: TokenSplit) =>
    writePaidCallCost(c.env, { id: `llm:${holdId}`, userId: user.id, videoId: null, model: `${target.provider}/${model}`, kind: 'text', tokens }).catch((e: unknown) =>
      console.error(`ops: recording the cost of llm:${holdId} failed`, e),
    );
  const text = JSON.stringify(body);
  const config = configOf(c.env);
  const res = await fetchUpstream(target.provider, target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: text }).catch(async (e: unknown) => {
    await record(0);
    throw e;
  });
  if (!res.ok) {
    // A refused call costs nothing: the hold goes.
    await record(0);
    throw await providerError(target.provider, res, [config.OPENAI_API_KEY, config.ANTHROPIC_API_KEY]);
  }

  const isStream = (res.headers.get('content-type') ?? '').includes('text/event-stream');
  if (!isStream || !res.body) {
    const json = (await res.json()) as unknown;
    // Settled after the reply (waitUntil), keeping the Durable Object round trip off the latency
    // path; without a usage report the call is charged what it held.
    // Without a usage report the cost is the held tokens, all at the (dearer) output rate.
    c.executionCtx.waitUntil(Promise.all([record(usageFromJson(json) ?? estimate), recordCost(splitFromJson(json) ?? { input: 0, output: estimate })]));
    return new Response(JSON.stringify(json), { status: res.status, headers: cleanHeaders(res.headers) });
  }
  const meter = new SseUsageMeter(text.length);
  const pass = new TransformStream<Uint8Array, Uint8Array>();
  const writer = pass.writable.getWriter();
  const reader = res.body.getReader();
  // The creator pressed Stop (or closed the app): the client's side of the stream goes. The
  // provider's stream is cancelled with it, so the model stops generating (and the provider stops
  // billing), and the hold settles to what was streamed so far — not the whole reply, and not the
  // held cap when the hold expires. Cloudflare reports the disconnect on the request's signal
  // (compatibility flag enable_request_signal); a write into the cancelled response is the other sign.
  let clientGone = false;
  const leave = () => {
    if (clientGone) return;
    clientGone = true;
    reader.cancel().catch(() => undefined);
  };
  if (c.req.raw.signal.aborted) leave();
  c.req.raw.signal.addEventListener('abort', leave);
  writer.closed.catch(leave);
  // Pumped by hand rather than pipeTo: when the provider cuts the stream, the client gets a final
  // SSE `error` event (which the OpenAI and Anthropic SDKs raise as an API error) and a clean end,
  // instead of a reset connection. Writes to the client are not awaited: a client that stopped
  // reading must not stall the metering (the reply is bounded by the tier's output cap), so the
  // pump always reaches its end — the provider's or the client's — and settles exactly once there.
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        // What the provider sent is counted even when the client has gone: it was generated.
        meter.feed(value);
        if (clientGone) break;
        writer.write(value).catch(leave);
      }
    } catch {
      if (!clientGone) {
        const error = { type: 'error', error: { type: 'api_error', code: 'UPSTREAM_STREAM_CUT', message: `${target.provider} closed the stream early; retry the request.` } };
        writer.write(new TextEncoder().encode(`event: error\ndata: ${JSON.stringify(error)}\n\n`)).catch(() => undefined);
      }
    } finally {
      // Stops the provider's stream when the client left (a no-op when it had already ended).
      await reader.cancel().catch(() => undefined);
      writer.close().catch(() => undefined);
      await Promise.all([record(meter.tokens()), recordCost(meter.split())]);
    }
  })();
  c.executionCtx.waitUntil(pump);
  return new Response(pass.readable, { status: res.status, headers: cleanHeaders(res.headers) });
}
