import type { CatalogModel } from '../catalog';

/** A catalog entry for one of the offline family's built-in generators (free, any resolution). */
export const offlineModel = (slug: string, capability: CatalogModel['capability'], source = 'Built in (src/pipeline/providers/offline).'): CatalogModel => ({
  slug,
  capability,
  provider: 'offline',
  inputs: {},
  allowedDurations: [],
  resolutions: ['any'],
  priceCents: 0,
  priceUnit: 'call',
  source,
});
