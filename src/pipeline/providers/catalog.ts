/**
 * The app's view of the model catalog: the one shared catalog (src/shared/models, which the proxy
 * reads too) plus the offline family's built-in generators, which never leave this machine.
 */
import { catalog, type CatalogModel } from '../../shared/models/catalog';
import { offlineModel } from './offline/model';

export { catalog } from '../../shared/models/catalog';
export type { Capability, CatalogModel } from '../../shared/models/catalog';
export { snapDuration } from '../../shared/models/video';

const offline: readonly CatalogModel[] = [offlineModel('offline/motion-stills', 'video', 'Built in: FFmpeg push-ins and pans over the product images (src/pipeline/providers/offline).')];

export function findModel(slug: string): CatalogModel {
  const m = catalog.find((c) => c.slug === slug) ?? offline.find((c) => c.slug === slug);
  if (!m) throw new Error(`Unknown model "${slug}" (not in src/shared/models/catalog.ts)`);
  return m;
}
