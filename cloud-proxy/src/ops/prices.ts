/**
 * What a provider charges per unit of each catalog model, read from the one model catalog the app
 * and the Worker share (src/shared/models/catalog.ts: each price with its source and date). Unknown models cost nothing here and
 * are listed as unpriced in the operator view rather than guessed.
 */
import { catalog } from '../../../src/shared/models/catalog';

export type PriceUnit = 'second' | 'call' | 'kchars';

export function priceOf(model: string): { priceCents: number; priceUnit: PriceUnit } | null {
  const m = catalog.find((x) => x.slug === model);
  return m ? { priceCents: m.priceCents, priceUnit: m.priceUnit } : null;
}

/**
 * Text models the proxy forwards (forward/text-policy.ts), at the providers' published list prices
 * in micro-dollars per million tokens, input and output (OpenAI and Anthropic pricing pages,
 * 2026). A model missing here is recorded as unpriced; a test keeps every allowlisted model priced.
 */
export const TEXT_PRICES: Record<string, { input: number; output: number }> = {
  'openai/gpt-4.1': { input: 2_000_000, output: 8_000_000 },
  'openai/gpt-4.1-mini': { input: 400_000, output: 1_600_000 },
  'openai/gpt-4.1-nano': { input: 100_000, output: 400_000 },
  'openai/gpt-4o': { input: 2_500_000, output: 10_000_000 },
  'openai/gpt-4o-mini': { input: 150_000, output: 600_000 },
  'openai/gpt-5': { input: 1_250_000, output: 10_000_000 },
  'openai/gpt-5-mini': { input: 250_000, output: 2_000_000 },
  'openai/gpt-5-nano': { input: 50_000, output: 400_000 },
  'anthropic/claude-haiku-4-5': { input: 1_000_000, output: 5_000_000 },
  'anthropic/claude-sonnet-4-5': { input: 3_000_000, output: 15_000_000 },
  'anthropic/claude-sonnet-5-5': { input: 2_000_000, output: 10_000_000 },
};

/** A dated snapshot (`gpt-4.1-mini-2025-04-14`, `claude-haiku-4-5-20251001`) is priced as its model. */
export function textPriceOf(model: string): { input: number; output: number } | null {
  if (Object.hasOwn(TEXT_PRICES, model)) return TEXT_PRICES[model]!;
  const dated = /^(.*?)-(\d{4}-\d{2}-\d{2}|\d{8})$/.exec(model);
  return dated && Object.hasOwn(TEXT_PRICES, dated[1]!) ? TEXT_PRICES[dated[1]!]! : null;
}
