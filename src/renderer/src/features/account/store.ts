/**
 * The account as the UI knows it: the backend's AccountView (never tokens), refreshed on
 * `account/changed` (sign-in, sign-out, a session that expired) and on demand.
 */
import { create } from 'zustand';
import type { AccountView } from '../../../../shared/domain/account';
import type { AppErrorShape } from '../../../../shared/errors';
import { api, toAppError } from '../../api/client';
import { subscribeToBilling } from './billing-store';

interface AccountState {
  view: AccountView | null;
  busy: boolean;
  error: AppErrorShape | null;
  load(): Promise<void>;
  signIn(mode: 'signup' | 'login', email: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
}

export const useAccount = create<AccountState>((set) => ({
  view: null,
  busy: false,
  error: null,
  async load() {
    try {
      set({ view: await api.account.get(), error: null });
    } catch (err) {
      set({ error: toAppError(err) });
    }
  },
  async signIn(mode, email, password) {
    set({ busy: true, error: null });
    try {
      const view = mode === 'signup' ? await api.account.signup({ email, password }) : await api.account.login({ email, password });
      set({ view, busy: false });
      return true;
    } catch (err) {
      set({ busy: false, error: toAppError(err) });
      return false;
    }
  },
  async signOut() {
    set({ busy: true, error: null });
    try {
      set({ view: await api.account.logout(), busy: false });
    } catch (err) {
      set({ busy: false, error: toAppError(err) });
    }
  },
}));

/** Keeps the store current; returns the unsubscribe function. */
export function subscribeToAccount(): () => void {
  void useAccount.getState().load();
  const offBilling = subscribeToBilling();
  try {
    const off = api.account.onChanged((view) => useAccount.setState({ view }));
    return () => (off(), offBilling());
  } catch {
    return offBilling;
  }
}
