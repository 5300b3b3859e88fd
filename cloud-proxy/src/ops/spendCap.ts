/**
 * The operator's daily provider spend cap: once today's recorded provider cost reaches it, new
 * videos are refused (503 SPEND_CAP_REACHED, nothing charged) until midnight UTC. Videos already
 * reserved keep going — stopping them half-way would waste what was spent. The cap is the admin's
 * setting, else PROVIDER_SPEND_CAP_CENTS_PER_DAY; 0 means no cap.
 */
import type { Env } from '../env';
import { configOf } from '../env';
import { ProxyError } from '../http/errors';
import { dayOf } from './costs';

export const SPEND_CAP_KEY = 'spend_cap_cents_per_day';

export async function spendCapCents(env: Env): Promise<number> {
  const row = await env.DB.prepare('SELECT value FROM ops_settings WHERE key = ?').bind(SPEND_CAP_KEY).first<{ value: string }>();
  return row ? Number(row.value) : configOf(env).PROVIDER_SPEND_CAP_CENTS_PER_DAY;
}

export async function spentTodayMicros(env: Env): Promise<number> {
  return (await env.DB.prepare('SELECT cost_micros FROM daily_spend WHERE day = ?').bind(dayOf()).first<{ cost_micros: number }>())?.cost_micros ?? 0;
}

export async function checkSpendCap(env: Env): Promise<void> {
  const cap = await spendCapCents(env);
  if (cap <= 0) return;
  const spent = await spentTodayMicros(env);
  if (spent < cap * 10_000) return;
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const retryAfter = Math.max(60, Math.ceil((midnight - now.getTime()) / 1000));
  throw new ProxyError(
    503,
    'SPEND_CAP_REACHED',
    `Zapcut has paused new videos for today: the service's daily generation budget is used up. Nothing was charged; try again after ${new Date(midnight).toISOString().slice(11, 16)} UTC. Videos already started finish normally.`,
    undefined,
    { 'Retry-After': String(retryAfter) },
  );
}
