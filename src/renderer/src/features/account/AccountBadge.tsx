import { CircleUserRound } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../stores/navigation';
import { subscribeToAccount, useAccount } from './store';

/** The header badge: plan and free videos left, or "Sign in"; opens the Account screen. */
export function AccountBadge() {
  const { t } = useTranslation();
  const view = useAccount((s) => s.view);
  const go = useNavigation((s) => s.go);
  useEffect(() => subscribeToAccount(), []);
  if (!view?.proxyUrl) return null;
  const u = view.usage;
  const label = !view.signedIn ? t('account.badge.signIn') : u ? `${t(`account.tiers.${u.tier}`)} · ${t('account.badge.freeLeft', { count: u.freeVideosLeft })}` : t('account.badge.offline');
  return (
    <button type="button" onClick={() => go('account')} data-testid="account-badge" className="mx-3 mb-2 flex h-9 items-center gap-2 rounded-lg px-3 text-xs text-ink-muted hover:bg-raised/60 hover:text-ink">
      <CircleUserRound aria-hidden className="size-4 text-accent" />
      <span className="truncate">{label}</span>
    </button>
  );
}
