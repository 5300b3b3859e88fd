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
}

let nextId = 1;
const lifetimeMs = { success: 4000, error: 9000 } as const;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(toast) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { ...toast, id } as Toast] }));
    setTimeout(() => get().dismiss(id), lifetimeMs[toast.tone]);
    return id;
  },
  success: (key, values) => get().push({ tone: 'success', key, values }),
  error: (error) => get().push({ tone: 'error', error }),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
