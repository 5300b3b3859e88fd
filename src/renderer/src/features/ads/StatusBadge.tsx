import { useTranslation } from 'react-i18next';
import type { AdSummary } from '../../../../shared/domain/ads';

const tones: Record<string, string> = {
  ready: 'bg-success-soft text-success',
  failed: 'bg-danger-soft text-danger',
  blocked: 'bg-danger-soft text-danger',
  generating: 'bg-accent-soft text-accent',
  cancelled: 'bg-raised text-ink-muted',
  review: 'bg-[#ffb5471f] text-warning',
};

/** `percent`: the open ad's live run percent (run-progress.ts), so the header says what the panel says. */
export function StatusBadge({ ad, percent }: { ad: Pick<AdSummary, 'status' | 'run'>; percent?: number }) {
  const { t } = useTranslation();
  const label =
    ad.status === 'generating'
      ? ad.run?.status === 'queued'
        ? t('ads.status.queued')
        : t('ads.status.generatingPercent', { percent: Math.round(percent ?? ad.run?.percent ?? 0) })
      : t(`ads.status.${ad.status}`);
  return (
    <span data-testid="ad-status" className={`inline-flex h-6 items-center rounded-full px-2.5 text-xs font-medium ${tones[ad.status] ?? 'bg-raised text-ink-muted'}`}>
      {label}
    </span>
  );
}
