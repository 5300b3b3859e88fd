/**
 * Text through the official SDKs pointed at the proxy: Anthropic's Messages API (default) or
 * OpenAI's Chat Completions, with the session's access token as the key. The SDKs' own retries are
 * off — the engine's retry policy (with run events the user sees) is the one that counts. Images a
 * vision task should look at go inline as small JPEGs (the proxy caps JSON bodies at 64 KB).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { CallContext, TextProvider, TextRequest, TextResult } from '../types';
import type { ProxyAuth } from './api';
import { TEXT_MODELS } from '../../../shared/models/catalog';
import { imageDataUri } from './media';
import { fromSdkError, isUnauthenticated } from './sdk-errors';

export type TextVendor = 'anthropic' | 'openai';

export const DEFAULT_TEXT_MODELS: Record<TextVendor, string> = TEXT_MODELS;

/** List prices in US cents per million tokens (input, output), for the run's cost so far. */
const PRICE_PER_MTOK: Record<TextVendor, [number, number]> = { anthropic: [300, 1500], openai: [40, 160] };

export interface ProxyTextOptions {
  auth: ProxyAuth;
  ffmpegPath: string;
  vendor?: TextVendor;
  model?: string;
  maxTokens?: number;
}

function promptText(req: TextRequest): string {
  return req.repair ? `${req.user}\n\nYour previous answer was:\n${req.repair.previous}\n\nIt was wrong because: ${req.repair.problems}\nAnswer again with valid JSON only.` : req.user;
}

export function proxyText(opts: ProxyTextOptions): TextProvider {
  const vendor = opts.vendor ?? 'anthropic';
  const model = opts.model ?? DEFAULT_TEXT_MODELS[vendor];
  const maxTokens = opts.maxTokens ?? 4096;
  const cost = (input: number, output: number) => Math.max(0, Math.round(((input * PRICE_PER_MTOK[vendor][0] + output * PRICE_PER_MTOK[vendor][1]) / 1e6) * 100) / 100);

  async function images(req: TextRequest, ctx: CallContext): Promise<string[]> {
    const out: string[] = [];
    // Two small images keep the request well under the proxy's JSON limit.
    for (const f of (req.images ?? []).slice(0, 2)) out.push(await imageDataUri(opts.ffmpegPath, f, ctx.workDir, { maxSide: 256, signal: ctx.signal }));
    return out;
  }

  async function viaAnthropic(token: string, req: TextRequest, ctx: CallContext): Promise<TextResult> {
    const client = new Anthropic({ apiKey: null, authToken: token, baseURL: `${opts.auth.baseUrl}/anthropic`, maxRetries: 0 });
    const pics = await images(req, ctx);
    const content: Anthropic.ContentBlockParam[] = [
      ...pics.map((uri): Anthropic.ImageBlockParam => ({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: uri.slice(uri.indexOf(',') + 1) } })),
      { type: 'text', text: promptText(req) },
    ];
    const msg = await client.messages.create({ model, max_tokens: maxTokens, system: req.system, messages: [{ role: 'user', content }] }, { signal: ctx.signal });
    const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    return { text, costCents: cost(msg.usage.input_tokens, msg.usage.output_tokens) };
  }

  async function viaOpenAI(token: string, req: TextRequest, ctx: CallContext): Promise<TextResult> {
    const client = new OpenAI({ apiKey: token, baseURL: `${opts.auth.baseUrl}/openai/v1`, maxRetries: 0 });
    const pics = await images(req, ctx);
    const user: OpenAI.Chat.ChatCompletionContentPart[] = [{ type: 'text', text: promptText(req) }, ...pics.map((url): OpenAI.Chat.ChatCompletionContentPartImage => ({ type: 'image_url', image_url: { url, detail: 'low' } }))];
    const r = await client.chat.completions.create({ model, max_completion_tokens: maxTokens, response_format: { type: 'json_object' }, messages: [{ role: 'system', content: req.system }, { role: 'user', content: user }] }, { signal: ctx.signal });
    return { text: r.choices[0]?.message.content ?? '', costCents: cost(r.usage?.prompt_tokens ?? 0, r.usage?.completion_tokens ?? 0) };
  }

  const call = vendor === 'anthropic' ? viaAnthropic : viaOpenAI;
  return {
    model: `${vendor}/${model}`,
    async complete(req, ctx) {
      const attempt = async (token: string) => {
        try {
          return await call(token, req, ctx);
        } catch (e) {
          throw fromSdkError(e, `${req.task} (${vendor})`);
        }
      };
      try {
        return await attempt(await opts.auth.accessToken());
      } catch (e) {
        if (!isUnauthenticated(e)) throw e;
        return attempt(await opts.auth.refreshed());
      }
    },
  };
}
