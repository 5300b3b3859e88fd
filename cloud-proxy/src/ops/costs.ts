/**
 * Provider cost of each paid upstream call (catalog price × what the call asked for), recorded
 * when the provider accepted the call, with the day's running total the spend cap reads.
 * Micro-dollars keep sub-cent prices exact ($0.03 per 1000 characters of speech).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app';
import type { Env } from '../env';
import type { TokenSplit } from '../forward/usage';
import { priceOf, textPriceOf, type PriceUnit } from './prices';

export interface PaidCallCost {
  /** The upstream call's own id (a prediction id), so a retried record lands once. */
  id: string;
  userId: string;
  videoId: string | null;
  model: string;
  kind: string;
  /** Seconds of output (video, music), characters of text (speech); images count 1. */
  seconds?: number;
  characters?: number;
  /** Input and output tokens of a text (LLM) call, priced per million tokens. */
  tokens?: TokenSplit;
}

const MICROS_PER_CENT = 10_000;

export function costMicros(model: string, call: Pick<PaidCallCost, 'seconds' | 'characters' | 'tokens'>): { quantity: number; unit: PriceUnit | 'tokens' | 'unpriced'; micros: number } {
  if (call.tokens) {
    const text = textPriceOf(model);
    const quantity = call.tokens.input + call.tokens.output;
    if (!text) return { quantity, unit: 'unpriced', micros: 0 };
    return { quantity, unit: 'tokens', micros: Math.round((call.tokens.input * text.input + call.tokens.output * text.output) / 1_000_000) };
  }
  const price = priceOf(model);
  if (!price) return { quantity: 1, unit: 'unpriced', micros: 0 };
  const quantity = price.priceUnit === 'second' ? (call.seconds ?? 0) : price.priceUnit === 'kchars' ? (call.characters ?? 0) / 1000 : 1;
  return { quantity, unit: price.priceUnit, micros: Math.round(price.priceCents * MICROS_PER_CENT * quantity) };
}

export const dayOf = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10);

/**
 * Records the call's cost after the response (the operator's books must not slow a paid call down;
 * a failed write is logged, the user's call is unaffected).
 */
export function recordPaidCallCost(c: Context<AppEnv>, call: PaidCallCost): void {
  afterResponse(c, writePaidCallCost(c.env, call), `cost of ${call.id}`);
}

/** Runs bookkeeping after the response is sent (Workers' waitUntil), logging a failure. */
export function afterResponse(c: Context<AppEnv>, work: Promise<unknown>, what: string): void {
  c.executionCtx.waitUntil(work.catch((e: unknown) => console.error(`ops: recording ${what} failed`, e)));
}

export async function writePaidCallCost(env: Env, call: PaidCallCost): Promise<void> {
  const { quantity, unit, micros } = costMicros(call.model, call);
  const now = Date.now();
  const inserted = await env.DB.prepare('INSERT OR IGNORE INTO provider_costs (id, at, day, user_id, video_id, model, kind, quantity, unit, cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(call.id, new Date(now).toISOString(), dayOf(now), call.userId, call.videoId, call.model, call.kind, quantity, unit, micros)
    .run();
  if (inserted.meta.changes === 1 && micros > 0) {
    await env.DB.prepare('INSERT INTO daily_spend (day, cost_micros) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET cost_micros = cost_micros + excluded.cost_micros').bind(dayOf(now), micros).run();
  }
}
