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
