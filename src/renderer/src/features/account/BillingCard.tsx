import { useEffect, useRef } from 'react';
import { AlertTriangle, CheckCircle2, CreditCard, ExternalLink, Loader2, Settings2, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AccountUsage } from '../../../../shared/domain/account';
import type { BillingChangeNote, BillingOfferItem } from '../../../../shared/domain/billing';
import { Button } from '../../components/Button';
import { useBilling } from './billing-store';
import { useAccount } from './store';

function useMoney() {
  const { i18n } = useTranslation();
  return (cents: number, currency = 'usd') => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

function useDay() {
  const { i18n } = useTranslation();
  return (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso)) : '');
}

/** Buy credits, choose a plan, manage billing — with the prices the proxy has from Stripe. */
export function BillingCard({ usage }: { usage: AccountUsage }) {
  const { t } = useTranslation();
  const offer = useBilling((s) => s.offer);
  const offerError = useBilling((s) => s.offerError);
  const focus = useBilling((s) => s.focus);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    void useBilling.getState().loadOffer();
  }, []);
  useEffect(() => {
    if (focus && offer) {
      ref.current?.scrollIntoView({ block: 'start' });
      useBilling.setState({ focus: false });
    }
  }, [focus, offer]);
  const packs = offer?.items.filter((i) => i.kind === 'pack') ?? [];
  const plans = offer?.items.filter((i) => i.kind === 'plan') ?? [];
  return (
    <section ref={ref} className="flex flex-col gap-4 rounded-2xl border border-line bg-surface px-6 py-5" data-testid="account-billing" aria-labelledby="billing-title">
      <header className="flex items-center gap-3">
        <CreditCard aria-hidden className="size-4 text-accent" />
        <h2 id="billing-title" className="text-sm font-medium">
          {t('account.billing.title')}
        </h2>
        {usage.billingAccount ? <ManageButton /> : null}
      </header>
      <Notice usage={usage} />
      <Progress />
      {offerError ? <p className="text-sm text-ink-muted">{t('account.billing.offerUnavailable', { reason: offerError.message })}</p> : null}
      {offer && !offer.available ? <p className="text-sm text-ink-muted">{offer.message ?? t('account.billing.notForSale')}</p> : null}
      {packs.length ? (
        <div>
          <h3 className="mb-2 text-xs font-medium tracking-wide text-ink-muted uppercase">{t('account.billing.packs')}</h3>
          <div className="grid grid-cols-2 gap-3">
            {packs.map((p) => (
              <PackOption key={p.id} item={p} />
            ))}
          </div>
        </div>
      ) : null}
      {plans.length ? (
        <div>
          <h3 className="mb-2 text-xs font-medium tracking-wide text-ink-muted uppercase">{t('account.billing.plans')}</h3>
          <div className="grid grid-cols-3 gap-3">
            {plans.map((p) => (
              <PlanOption key={p.id} item={p} usage={usage} />
            ))}
          </div>
        </div>
      ) : null}
      <p className="text-xs text-ink-faint">{t('account.billing.stripeNote')}</p>
    </section>
  );
}

function ManageButton() {
  const { t } = useTranslation();
  const opening = useBilling((s) => s.opening);
  return (
    <Button size="sm" className="ml-auto" icon={Settings2} disabled={!!opening} onClick={() => void useBilling.getState().manage()} data-testid="billing-manage">
      {opening === 'portal' ? t('account.billing.opening') : t('account.billing.manage')}
    </Button>
  );
}

function PackOption({ item }: { item: BillingOfferItem }) {
  const { t } = useTranslation();
  const money = useMoney();
  const opening = useBilling((s) => s.opening);
  const price = item.priceCents ?? 0;
  return (
    <div className="flex flex-col gap-1 rounded-xl border border-line bg-raised px-4 py-3" data-testid={`billing-${item.id}`}>
      <p className="text-sm font-medium">{t('account.billing.packName', { videos: item.videos, seconds: item.maxLengthSeconds })}</p>
      <p className="text-lg font-semibold tabular-nums">{item.priceCents === null ? '—' : money(price, item.currency ?? 'usd')}</p>
      <p className="text-xs text-ink-muted">{t('account.billing.packDetail', { perVideo: money(Math.round(price / Math.max(1, item.videos)), item.currency ?? 'usd') })}</p>
      <Button size="sm" variant="primary" className="mt-2 self-start" disabled={!item.available || !!opening} onClick={() => void useBilling.getState().buy(item.id)}>
        {opening === item.id ? t('account.billing.opening') : t('account.billing.buyCredits')}
      </Button>
    </div>
  );
}

function PlanOption({ item, usage }: { item: BillingOfferItem; usage: AccountUsage }) {
  const { t } = useTranslation();
  const money = useMoney();
  const opening = useBilling((s) => s.opening);
  const sub = usage.billing?.subscription ?? null;
  const current = sub?.tier === item.tier || (!sub && usage.tier === item.tier);
  const name = t(`account.tiers.${item.tier ?? 'free'}`);
  const features = [
    t('account.billing.planVideos', { count: item.videos }),
    t('account.billing.planLength', { seconds: item.maxLengthSeconds, resolution: item.maxResolution === '4k' ? '4K' : (item.maxResolution ?? '1080p') }),
    ...(item.priority ? [t('account.billing.planPriority')] : []),
    ...(item.apiAccess ? [t('account.billing.planApi')] : []),
  ];
  return (
    <div className={`flex flex-col gap-1 rounded-xl border px-4 py-3 ${current ? 'border-accent bg-accent-soft' : 'border-line bg-raised'}`} data-testid={`billing-${item.id}`}>
      <p className="text-sm font-medium">{name}</p>
      <p className="text-lg font-semibold tabular-nums">
        {item.priceCents === null ? '—' : t('account.billing.perMonth', { price: money(item.priceCents, item.currency ?? 'usd') })}
      </p>
      <ul className="flex flex-col gap-0.5 text-xs text-ink-muted">
        {features.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      {current ? (
        <p className="mt-2 text-xs font-medium text-accent">{t('account.billing.yourPlan')}</p>
      ) : sub ? (
        <Button size="sm" className="mt-2 self-start" disabled={!!opening} onClick={() => void useBilling.getState().manage()}>
          {t('account.billing.switchInPortal')}
        </Button>
      ) : (
        <Button size="sm" variant="primary" className="mt-2 self-start" disabled={!item.available || !!opening} onClick={() => void useBilling.getState().buy(item.id)}>
          {opening === item.id ? t('account.billing.opening') : t('account.billing.choosePlan', { plan: name })}
        </Button>
      )}
    </div>
  );
}

/** What the account needs the user to know: a failed payment, a plan ending, credits owed. */
function Notice({ usage }: { usage: AccountUsage }) {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useDay();
  const b = usage.billing;
  if (!b) return null;
  const lines: { key: string; tone: 'warn' | 'info'; text: string; manage?: boolean }[] = [];
  if (b.notice) {
    const known = ['PAYMENT_FAILED', 'PLAN_CANCELLING', 'PLAN_ENDED', 'PLAN_ENDED_UNPAID', 'CREDITS_OWED'].includes(b.notice.code);
    lines.push({ key: 'notice', tone: b.notice.code === 'PLAN_CANCELLING' ? 'info' : 'warn', text: known ? t(`account.billing.notice.${b.notice.code}` as 'account.billing.notice.PAYMENT_FAILED', { until: day(b.graceUntil ?? b.pendingAt), message: b.notice.message }) : b.notice.message, manage: b.notice.code === 'PAYMENT_FAILED' });
  }
  if (b.pendingTier && b.pendingTier !== 'free' && b.notice?.code !== 'PLAN_CANCELLING') lines.push({ key: 'pending', tone: 'info', text: t('account.billing.pendingTier', { plan: t(`account.tiers.${b.pendingTier}`), date: day(b.pendingAt) }) });
  if (b.debtCents > 0 && b.notice?.code !== 'CREDITS_OWED') lines.push({ key: 'debt', tone: 'warn', text: t('account.billing.owed', { amount: money(b.debtCents) }) });
  if (!lines.length) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="billing-notice">
      {lines.map((l) => (
        <div key={l.key} role={l.tone === 'warn' ? 'alert' : 'status'} className={`flex items-center gap-2 rounded-lg px-3 py-2 text-sm ${l.tone === 'warn' ? 'border border-warning/40 bg-warning/10' : 'bg-accent-soft'}`}>
          <AlertTriangle aria-hidden className={`size-4 shrink-0 ${l.tone === 'warn' ? 'text-warning' : 'text-accent'}`} />
          <span>{l.text}</span>
          {l.manage ? <ManageButton /> : null}
        </div>
      ))}
    </div>
  );
}

/** While Checkout or the portal is open in the browser, and how it ended. */
function Progress() {
  const { t } = useTranslation();
  const waiting = useBilling((s) => s.waiting);
  const settled = useBilling((s) => s.settled);
  const error = useBilling((s) => s.error);
  const money = useMoney();
  const day = useDay();
  if (error) {
    return (
      <p role="alert" className="rounded-lg border border-danger/40 bg-danger/10 px-3 py-2 text-sm" data-testid="billing-error">
        <span className="font-medium">{t(`errors.${error.code}`)}</span> {error.message}
      </p>
    );
  }
  if (waiting) {
    return (
      <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg bg-accent-soft px-3 py-2 text-sm" data-testid="billing-waiting">
        <Loader2 aria-hidden className="size-4 animate-spin text-accent" />
        <span>{waiting.kind === 'checkout' ? t('account.billing.waitingCheckout') : t('account.billing.waitingPortal')}</span>
        <a className="inline-flex items-center gap-1 text-accent hover:underline" href={waiting.url} target="_blank" rel="noreferrer" data-testid="billing-open-link">
          <ExternalLink aria-hidden className="size-3.5" />
          {waiting.openedBrowser ? t('account.billing.openAgain') : t('account.billing.openPage')}
        </a>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => void useBilling.getState().stop()}>
          {t('account.billing.stopWaiting')}
        </Button>
      </div>
    );
  }
  if (!settled) return null;
  const describe = (c: BillingChangeNote): string => {
    if (c.what === 'credits') return c.toCents > c.fromCents ? t('account.billing.done.creditsAdded', { amount: money(c.toCents - c.fromCents) }) : t('account.billing.done.creditsNow', { amount: money(c.toCents) });
    if (c.what === 'tier') return t('account.billing.done.tier', { plan: t(`account.tiers.${c.to as 'free'}`) });
    if (c.what === 'cancelling') return t('account.billing.done.cancelling', { date: day(c.until) });
    if (c.what === 'resumed') return t('account.billing.done.resumed');
    return t('account.billing.done.pending', { plan: t(`account.tiers.${c.tier as 'free'}`), date: day(c.at) });
  };
  const text = settled.outcome === 'changed' ? settled.changes.map(describe).join(' ') : settled.kind === 'checkout' ? t('account.billing.done.noPaymentYet') : t('account.billing.done.noChange');
  const Icon = settled.outcome === 'changed' ? CheckCircle2 : Sparkles;
  return (
    <div role="status" className="flex items-center gap-2 rounded-lg bg-accent-soft px-3 py-2 text-sm" data-testid="billing-settled" data-outcome={settled.outcome}>
      <Icon aria-hidden className="size-4 shrink-0 text-accent" />
      <span>{text}</span>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={() => (useBilling.getState().dismiss(), void useAccount.getState().load())}>
        {t('account.billing.dismiss')}
      </Button>
    </div>
  );
}
