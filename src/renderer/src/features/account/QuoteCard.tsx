import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountQuote } from '../../../../shared/domain/account';
import { api } from '../../api/client';

const LENGTHS = [15, 30, 60] as const;

/** Cost before you generate: what each ad length would cost this account, and from where. */
export function QuoteCard() {
  const { t } = useTranslation();
  const [quotes, setQuotes] = useState<AccountQuote[] | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all(LENGTHS.map((lengthSeconds) => api.account.quote({ lengthSeconds })))
      .then((q) => live && setQuotes(q))
      .catch(() => live && setQuotes(null));
    return () => {
      live = false;
    };
  }, []);
  if (!quotes) return null;
  return (
    <section className="rounded-2xl border border-line bg-surface" data-testid="account-quotes">
      <header className="border-b border-line px-6 py-4 text-sm font-medium">{t('account.quote.title')}</header>
      <ul className="flex flex-col gap-2 px-6 py-5 text-sm">
        {quotes.map((q) => (
          <li key={q.lengthSeconds} className="flex gap-4">
            <span className="w-12 shrink-0 tabular-nums text-ink-muted">{t('account.quote.length', { seconds: q.lengthSeconds })}</span>
            <span>{q.allowed ? (q.source === 'credits' ? t('account.quote.credits', { amount: `$${(q.costCents / 100).toFixed(2)}` }) : t(`account.quote.${q.source}`)) : q.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
