import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { ParseKeys } from 'i18next';

/**
 * Notifications hold translation *keys* (and the backend's error code), not rendered text, so a
 * language change re-renders them and no English is baked into state.
 */
export type Toast =
  | { id: number; tone: 'success'; key: ParseKeys; values?: Record<string, string | number> }
  | { id: number; tone: 'error'; error: AppErrorShape };

type NewToast = Toast extends infer T ? (T extends Toast ? Omit<T, 'id'> : never) : never;

interface ToastState {
  toasts: Toast[];
  push(toast: NewToast): number;
  success(key: ParseKeys, values?: Record<string, string | number>): number;
  error(error: AppErrorShape): number;
  dismiss(id: number): void;
  /** While the pointer or focus is on the stack nothing leaves (WCAG 2.2.1: a person reads at their own pace). */
  hold(on: boolean): void;
}

let nextId = 1;
const lifetimeMs = { success: 4000, error: 9000 } as const;
/** At most this many at once: the stack stays small in its corner (issue 19 #16). */
export const MAX_TOASTS = 3;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let held = false;

export const useToasts = create<ToastState>((set, get) => {
  const expire = (t: Toast) => {
    if (held) return;
    timers.set(t.id, setTimeout(() => get().dismiss(t.id), lifetimeMs[t.tone]));
  };
  return {
    toasts: [],
    push(toast) {
      const id = nextId++;
      const full = { ...toast, id } as Toast;
      const kept = [...get().toasts, full];
      for (const old of kept.slice(0, -MAX_TOASTS)) get().dismiss(old.id);
      set({ toasts: kept.slice(-MAX_TOASTS) });
      expire(full);
      return id;
    },
    success: (key, values) => get().push({ tone: 'success', key, values }),
    error: (error) => get().push({ tone: 'error', error }),
    dismiss: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    hold(on) {
      if (held === on) return;
      held = on;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (!on) for (const t of get().toasts) expire(t);
    },
  };
});
