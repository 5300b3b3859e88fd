/**
 * Buying, as the UI knows it: the offer from the proxy, the Checkout or portal page that is open
 * in the browser while the backend watches for the payment, and how that wait ended. The account
 * itself (credits, plan) arrives through the account store's `account/changed`.
 */
import { create } from 'zustand';
import type { BillingItem, BillingOffer, BillingOpened, BillingSettled } from '../../../../shared/domain/billing';
import type { AppErrorShape } from '../../../../shared/errors';
import { api, toAppError } from '../../api/client';

interface BillingState {
  offer: BillingOffer | null;
  offerError: AppErrorShape | null;
  /** What is being opened (the button shows it busy). */
  opening: BillingItem | 'portal' | null;
  waiting: BillingOpened | null;
  settled: BillingSettled | null;
  error: AppErrorShape | null;
  /** Set by the inline upgrade prompts: the Account screen scrolls to the offer. */
  focus: boolean;
  loadOffer(): Promise<void>;
  buy(item: BillingItem): Promise<void>;
  manage(): Promise<void>;
  stop(): Promise<void>;
  dismiss(): void;
}

export const useBilling = create<BillingState>((set, get) => ({
  offer: null,
  offerError: null,
  opening: null,
  waiting: null,
  settled: null,
  error: null,
  focus: false,
  async loadOffer() {
    try {
      set({ offer: await api.billing.plans(), offerError: null });
    } catch (err) {
      set({ offerError: toAppError(err) });
    }
  },
  async buy(item) {
    if (get().opening) return;
    set({ opening: item, error: null, settled: null });
    try {
      set({ waiting: await api.billing.checkout(item), opening: null });
    } catch (err) {
      set({ opening: null, error: toAppError(err) });
    }
  },
  async manage() {
    if (get().opening) return;
    set({ opening: 'portal', error: null, settled: null });
    try {
      set({ waiting: await api.billing.portal(), opening: null });
    } catch (err) {
      set({ opening: null, error: toAppError(err) });
    }
  },
  async stop() {
    await api.billing.stopWaiting().catch(() => undefined);
    set({ waiting: null });
  },
  dismiss: () => set({ settled: null, error: null }),
}));

/** Follows the backend's watch; returns the unsubscribe function. */
export function subscribeToBilling(): () => void {
  try {
    return api.billing.onSettled((settled) => useBilling.setState({ waiting: null, settled: settled.outcome === 'stopped' ? null : settled }));
  } catch {
    return () => undefined;
  }
}

/** Where an inline upgrade prompt sends the user: the Account screen, scrolled to the offer. */
export function showBillingOffer(go: (screen: 'account') => void): void {
  useBilling.setState({ focus: true });
  go('account');
}
