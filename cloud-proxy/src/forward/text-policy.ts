/**
 * What an AI text call may ask for, per tier, and what it may cost at most. The proxy holds that
 * cost against the month's allowance before forwarding (the account's `holdLlm`) and settles it to
 * the metered usage after, so parallel calls cannot overrun the allowance.
 *
 * The estimate is an upper bound: the request's UTF-8 bytes (OpenAI's and Anthropic's tokenizers
 * are byte-level BPE — a token is never less than one byte), a fixed count per image (OpenAI image
 * parts are sent at `detail: "low"`, at most ~2,833 tokens on gpt-4o-mini; Anthropic resizes images
 * to ~1.15 MP, ~1,600 tokens), plus the largest output the call may produce (max tokens × n).
 */
import { ProxyError, badRequest } from '../http/errors';
import type { Tier } from '../account/plans';
import { isForbiddenImageUrl } from './urlGuard';

export type TextRoute = 'openai:chat' | 'openai:responses' | 'anthropic:messages';

export interface TextTierLimits {
  /** The largest max_tokens / max_completion_tokens / max_output_tokens a call may ask for (and the default). */
  maxOutputTokens: number;
  /** Chat completions' `n`. */
  maxChoices: number;
  /** Function tools per call (server-side tools — web search, code execution, … — are never forwarded). */
  maxTools: number;
}

export const TEXT_TIER_LIMITS: Record<Tier, TextTierLimits> = {
  free: { maxOutputTokens: 4096, maxChoices: 1, maxTools: 4 },
  starter: { maxOutputTokens: 8192, maxChoices: 1, maxTools: 16 },
  pro: { maxOutputTokens: 16_384, maxChoices: 2, maxTools: 32 },
  agency: { maxOutputTokens: 16_384, maxChoices: 4, maxTools: 64 },
};

const PAID: readonly Tier[] = ['starter', 'pro', 'agency'];
const ALL: readonly Tier[] = ['free', ...PAID];

/**
 * Text models by provider and the tiers that may use them. The app's own models (Claude Sonnet
 * 5.5 and GPT-4.1 mini) and the small ones are on every tier; larger OpenAI models need a paid
 * plan; the most expensive (Opus, o1/o3-pro, GPT-5 pro, …) are not forwarded at all. A dated
 * snapshot of a listed model (`gpt-4.1-mini-2025-04-14`, `claude-haiku-4-5-20251001`) is the model.
 */
export const TEXT_MODELS: Record<'openai' | 'anthropic', Record<string, readonly Tier[]>> = {
  openai: { 'gpt-4.1-mini': ALL, 'gpt-4.1-nano': ALL, 'gpt-4o-mini': ALL, 'gpt-5-mini': ALL, 'gpt-5-nano': ALL, 'gpt-4.1': PAID, 'gpt-4o': PAID, 'gpt-5': PAID },
  anthropic: { 'claude-haiku-4-5': ALL, 'claude-sonnet-4-5': ALL, 'claude-sonnet-5-5': ALL },
};

export const IMAGE_TOKENS: Record<'openai' | 'anthropic', number> = { openai: 3000, anthropic: 1600 };
/** Deeper JSON than this is refused (no conversation needs it; it only costs parsing). */
export const MAX_JSON_DEPTH = 32;

type Json = Record<string, unknown>;

function modelTiers(provider: 'openai' | 'anthropic', model: string): readonly Tier[] | undefined {
  const list = TEXT_MODELS[provider];
  if (Object.hasOwn(list, model)) return list[model];
  const dated = /^(.*?)-(\d{4}-\d{2}-\d{2}|\d{8})$/.exec(model);
  return dated && Object.hasOwn(list, dated[1]!) ? list[dated[1]!] : undefined;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One iterative walk (no input can overflow the stack): refuses JSON deeper than MAX_JSON_DEPTH,
 * counts the images, measures their inline data (counted per image, not per byte) and sets OpenAI
 * image parts to low detail, in place.
 */
/** The provider fetches an image URL itself: it must pass the URL guard like a model input's. */
function checkImageUrl(v: unknown): void {
  if (typeof v !== 'string' || /^data:/i.test(v.trimStart())) return;
  const why = isForbiddenImageUrl(v);
  if (why) throw new ProxyError(400, 'URL_NOT_ALLOWED', `An image URL in the request: ${why}; send the image as data instead.`);
}

function walkContent(body: Json): { images: number; imageDataChars: number } {
  let images = 0;
  let imageDataChars = 0;
  const data = (v: unknown) => (typeof v === 'string' && !/^https?:/i.test(v) ? v.length : 0);
  const stack: { v: unknown; depth: number }[] = [{ v: body, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) throw badRequest(`The request nests deeper than ${MAX_JSON_DEPTH} levels.`);
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    if (!isObj(v)) continue;
    if (v.type === 'image_url' && isObj(v.image_url)) {
      images++;
      v.image_url.detail = 'low';
      imageDataChars += data(v.image_url.url);
      checkImageUrl(v.image_url.url);
    } else if (v.type === 'input_image') {
      images++;
      v.detail = 'low';
      imageDataChars += data(v.image_url);
      checkImageUrl(v.image_url);
    } else if (v.type === 'image' && isObj(v.source)) {
      images++;
      imageDataChars += data(v.source.data);
      checkImageUrl(v.source.url);
    }
    for (const x of Object.values(v)) stack.push({ v: x, depth: depth + 1 });
  }
  return { images, imageDataChars };
}

function outputCap(route: TextRoute, body: Json, limits: TextTierLimits): number {
  const fields = route === 'openai:chat' ? ['max_completion_tokens', 'max_tokens'] : route === 'openai:responses' ? ['max_output_tokens'] : ['max_tokens'];
  const given = fields.filter((f) => body[f] !== undefined && body[f] !== null);
  for (const f of given) {
    const v = body[f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > limits.maxOutputTokens) throw badRequest(`${f} must be a whole number from 1 to ${limits.maxOutputTokens} on this plan.`);
  }
  if (given.length === 0) {
    // Anthropic requires it; for OpenAI the proxy sets the tier's cap so the hold is a real bound.
    if (route === 'anthropic:messages') throw badRequest('max_tokens is required (Anthropic Messages API).');
    body[fields[0]!] = limits.maxOutputTokens;
    return limits.maxOutputTokens;
  }
  return Math.max(...given.map((f) => body[f] as number));
}

function checkTools(route: TextRoute, body: Json, limits: TextTierLimits): void {
  const tools = body.tools;
  const legacy = Array.isArray(body.functions) ? body.functions.length : 0;
  if (tools !== undefined && !Array.isArray(tools)) throw badRequest('tools must be a list.');
  const list = (tools as unknown[] | undefined) ?? [];
  for (const t of list) {
    const type = isObj(t) ? t.type : undefined;
    const ok = route === 'anthropic:messages' ? type === undefined || type === 'custom' : type === 'function';
    if (!ok) throw badRequest(`Only function tools are forwarded (got ${JSON.stringify(type)?.slice(0, 40)}); server-side tools such as web search are not available through Zapcut.`);
  }
  if (list.length + legacy > limits.maxTools) throw badRequest(`At most ${limits.maxTools} tools per call on this plan.`);
}

const REFUSED_FIELDS: Record<TextRoute, Record<string, string>> = {
  'openai:chat': { web_search_options: 'web search is not available', audio: 'audio output is not available' },
  // Stored state would bring input tokens the proxy cannot see (and so cannot hold).
  'openai:responses': { previous_response_id: 'send the whole conversation instead of a stored one', conversation: 'send the whole conversation instead of a stored one', prompt: 'stored prompt templates are not available', background: 'background responses are not available' },
  'anthropic:messages': { mcp_servers: 'MCP servers are not available', container: 'code-execution containers are not available' },
};

/**
 * Checks a text request against the tier (model, output cap, n, tools, refused fields), sets the
 * output cap when the request gave none and image parts to low detail (in place), and returns the
 * most tokens the call can cost.
 */
export function admitText(route: TextRoute, body: Json, tier: Tier): { estimate: number; model: string } {
  const provider = route === 'anthropic:messages' ? 'anthropic' : 'openai';
  const limits = TEXT_TIER_LIMITS[tier];
  const model = body.model;
  if (typeof model !== 'string' || model.length > 100) throw badRequest('Name the model (a string).');
  const tiers = modelTiers(provider, model);
  if (!tiers || !tiers.includes(tier)) {
    const open = Object.entries(TEXT_MODELS[provider]).filter(([, t]) => t.includes(tier)).map(([m]) => m);
    throw new ProxyError(403, 'MODEL_NOT_ALLOWED', `${model} is not available ${tiers ? `on the ${tier} plan` : 'through Zapcut'}; use one of: ${open.join(', ')}.`);
  }
  for (const [field, why] of Object.entries(REFUSED_FIELDS[route])) {
    if (body[field] !== undefined && body[field] !== null && body[field] !== false) throw badRequest(`${field}: ${why} through Zapcut.`);
  }
  if (route === 'openai:chat' && Array.isArray(body.modalities) && body.modalities.includes('audio')) throw badRequest('modalities: audio output is not available through Zapcut.');
  const { images, imageDataChars } = walkContent(body);
  const choices = route === 'openai:chat' ? (body.n ?? 1) : 1;
  if (route === 'openai:chat' && (typeof choices !== 'number' || !Number.isInteger(choices) || choices < 1 || choices > limits.maxChoices)) throw badRequest(`n must be a whole number from 1 to ${limits.maxChoices} on this plan.`);
  checkTools(route, body, limits);
  const maxOut = outputCap(route, body, limits);
  const inputBytes = new TextEncoder().encode(JSON.stringify(body)).byteLength - imageDataChars;
  return { estimate: inputBytes + images * IMAGE_TOKENS[provider] + maxOut * (choices as number), model };
}
