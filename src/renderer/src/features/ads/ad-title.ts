import type { TFunction } from 'i18next';
import type { AdSummary } from '../../../../shared/domain/ads';

/** An ad's name on screen: its product, or "New <brand> ad" while the chat has no product yet. */
export function adTitle(ad: Pick<AdSummary, 'title' | 'named' | 'brandName'>, t: TFunction): string {
  return ad.named ? ad.title : t('ads.list.unnamed', { brand: ad.brandName });
}
