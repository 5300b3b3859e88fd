/**
 * What a provider charges per unit of each catalog model, read from the app's model catalog (one
 * source of prices; issue 17 moves it to src/shared/models). Unknown models cost nothing here and
 * are listed as unpriced in the operator view rather than guessed.
 */
import { catalog } from '../../../src/pipeline/providers/catalog';

export type PriceUnit = 'second' | 'call' | 'kchars';

export function priceOf(model: string): { priceCents: number; priceUnit: PriceUnit } | null {
  const m = catalog.find((x) => x.slug === model);
  return m ? { priceCents: m.priceCents, priceUnit: m.priceUnit } : null;
}
