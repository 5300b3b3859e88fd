/**
 * Product picture roles (issue 22): what each of a brand's product pictures shows, and the order
 * the ad uses them in. A role the creator set is kept; an unset picture is the hero when it is the
 * brand's first and no picture was made the hero, otherwise a detail. The pipeline takes its
 * product pictures hero first — its first picture is the hook's and the end card's — then
 * lifestyle, detail, and the logo picture last; the chat shows the model the same order and says
 * each picture's role.
 */
import type { ProductRole } from '../../shared/domain';
import type { AssetRecord } from '../storage/repos';

const USE_ORDER: Record<ProductRole, number> = { hero: 0, lifestyle: 1, detail: 2, logo: 3 };

/** Each product picture's role (set, or defaulted as above), by asset id; `records` in display order. */
export function productRoles(records: readonly AssetRecord[]): Map<string, ProductRole> {
  const heroSet = records.some((r) => r.productRole === 'hero');
  return new Map(records.map((r, i) => [r.id, r.productRole ?? (i === 0 && !heroSet ? 'hero' : 'detail')]));
}

/** The pictures in the order the ad uses them: hero first, then lifestyle, detail, logo (display order within a role). */
export function inUseOrder<T extends AssetRecord>(records: readonly T[]): { record: T; role: ProductRole }[] {
  const roles = productRoles(records);
  return records
    .map((record, i) => ({ record, role: roles.get(record.id)!, i }))
    .sort((a, b) => USE_ORDER[a.role] - USE_ORDER[b.role] || a.i - b.i)
    .map(({ record, role }) => ({ record, role }));
}
