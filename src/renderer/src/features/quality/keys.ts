/** Which words of quality.json say a check item (pure, so a test can walk every item checkAd makes). */
import type { CheckItem } from '../../../../shared/quality/check';
import { en } from '../../i18n/resources';

type Items = typeof en.quality.items;

/** `quality.items.<code>.<pass|unknown|variant|fail>` — the variant ('low', 'big', 'unreadable', …) says which failure or which unknown. */
export function itemKey(i: Pick<CheckItem, 'code' | 'status' | 'variant'>): `quality.items.${string}` {
  const leaf = i.status === 'pass' ? 'pass' : i.status === 'unknown' ? (i.variant ?? 'unknown') : (i.variant ?? 'fail');
  return `quality.items.${i.code}.${leaf}`;
}

/** True when quality.json has words for the item (the renderer falls back to its English message otherwise). */
export function hasWords(i: Pick<CheckItem, 'code' | 'status' | 'variant'>): boolean {
  const node = (en.quality.items as Record<string, Record<string, string> | undefined>)[i.code];
  return typeof node?.[itemKey(i).split('.').pop()!] === 'string';
}

export type { Items };
