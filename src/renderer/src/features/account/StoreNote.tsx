import { ShieldCheck } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenStoreKind } from '../../../../shared/domain/account';
import { useAccount } from './store';

/** Where this machine keeps the sign-in (Account and Settings both show it). */
export function StoreNote({ store }: { store: TokenStoreKind }) {
  const { t } = useTranslation();
  return (
    <p className="flex items-center gap-2 text-xs text-ink-faint" data-testid="account-store">
      <ShieldCheck aria-hidden className="size-3.5" />
      {t('account.store.label')} {t(`account.store.${store}`)}
    </p>
  );
}

/** For Settings: where the sign-in is kept (loads the account view if nobody has yet). */
export function SettingsStoreNote() {
  const view = useAccount((s) => s.view);
  useEffect(() => {
    if (!useAccount.getState().view) void useAccount.getState().load();
  }, []);
  return view ? <StoreNote store={view.store} /> : null;
}
