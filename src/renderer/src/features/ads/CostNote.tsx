import { useEffect, useState } from 'react';
import { CircleDollarSign, CloudOff, Laptop } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AccountQuote } from '../../../../shared/domain/account';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { useAccount } from '../account/store';
import { showBillingOffer } from '../account/billing-store';
import { useNavigation } from '../../stores/navigation';
import { costNote, type CostNote } from './costNote';

/** Asks the account (and, when signed in, the proxy's quote) what an ad of this length costs. */
export function useCostNote(lengthSeconds: number): CostNote {
  const view = useAccount((s) => s.view);
  const load = useAccount((s) => s.load);
  // Keyed by length, so a changed length reads as "loading" until its own quote arrives.
  const [answer, setAnswer] = useState<{ length: number; quote: AccountQuote | Error } | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const signedIn = !!view?.signedIn && !!view.usage;
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    api.account
      .quote({ lengthSeconds })
      .then((quote) => live && setAnswer({ length: lengthSeconds, quote }))
      .catch((err: unknown) => live && setAnswer({ length: lengthSeconds, quote: err instanceof Error ? err : new Error(String(err)) }));
    return () => {
      live = false;
    };
  }, [signedIn, lengthSeconds]);
  return costNote(view, signedIn && answer?.length === lengthSeconds ? answer.quote : null);
}

/** The line beside "Approve and generate": cost and source, or why it cannot run. */
export function CostNoteLine({ note, onContinueOffline, busy }: { note: CostNote; onContinueOffline: () => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const money = (cents: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' }).format(cents / 100);
  let icon = CircleDollarSign;
  let tone = 'text-ink-muted';
  let text: string;
  switch (note.kind) {
    case 'loading':
      text = t('ads.cost.loading');
      break;
    case 'offline':
      icon = Laptop;
      text = t('ads.cost.offline');
      break;
    case 'cost':
      text = note.source === 'credits' ? t('ads.cost.credits', { amount: money(note.costCents) }) : t(`ads.cost.${note.source}`);
      break;
    case 'unreachable':
      icon = CloudOff;
      tone = 'text-warning';
      text = t('ads.cost.unreachable', { reason: note.message });
      break;
    case 'upgrade':
      tone = 'text-warning';
      text = t('ads.cost.upgrade', { reason: note.message });
      break;
    case 'credits':
      tone = 'text-warning';
      text = t('ads.cost.noCredits', { reason: note.message });
      break;
    default:
      tone = 'text-warning';
      text = t('ads.cost.refused', { reason: note.message });
  }
  const Icon = icon;
  return (
    <div className={`flex basis-full items-center gap-2 text-xs ${tone}`} data-testid="run-cost-note" data-kind={note.kind} role="status">
      <Icon aria-hidden className="size-4 shrink-0" />
      <span>{text}</span>
      {note.kind === 'upgrade' || note.kind === 'credits' ? (
        <Button size="sm" variant="primary" onClick={() => showBillingOffer(useNavigation.getState().go)} data-testid="cost-buy">
          {note.kind === 'credits' ? t('ads.cost.buyCredits') : t('ads.cost.seePlans')}
        </Button>
      ) : null}
      {note.kind === 'unreachable' ? (
        <Button size="sm" onClick={onContinueOffline} disabled={busy} data-testid="continue-offline">
          {t('ads.cost.continueOffline')}
        </Button>
      ) : null}
    </div>
  );
}
