import { create } from 'zustand';
import type { BatchPreview, BatchView, UnfinishedBatch } from '../../../../shared/domain/batch';
import type { AppErrorShape } from '../../../../shared/errors';
import { api, toAppError } from '../../api/client';

/**
 * The Batch screen's state: the file and choices, its checked rows and quote, and the running (or
 * last) batch as the backend pushes it (`batch/changed`). Errors are kept as shapes (code +
 * message) so the screen translates what it can.
 */
interface BatchState {
  path: string;
  provider: 'offline' | 'proxy';
  draft: boolean;
  preview: BatchPreview | null;
  checking: boolean;
  starting: boolean;
  error: AppErrorShape | null;
  view: BatchView | null;
  unfinished: UnfinishedBatch[];
  set(patch: Partial<Pick<BatchState, 'path' | 'provider' | 'draft'>>): void;
  load(): Promise<void>;
  check(resumeId?: string): Promise<void>;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
  subscribe(): () => void;
}

export const useBatch = create<BatchState>((set, get) => ({
  path: '',
  provider: 'offline',
  draft: false,
  preview: null,
  checking: false,
  starting: false,
  error: null,
  view: null,
  unfinished: [],
  set: (patch) => set({ ...patch, preview: null, error: null }),
  async load() {
    try {
      const [view, unfinished] = await Promise.all([api.batch.current(), api.batch.unfinished()]);
      set({ view, unfinished });
    } catch (err) {
      set({ error: toAppError(err) });
    }
  },
  async check(resumeId) {
    const { path, provider, draft } = get();
    set({ checking: true, error: null, preview: null });
    try {
      const preview = await api.batch.preview({ path, provider, draft, ...(resumeId ? { resumeId } : {}) });
      set({ preview, checking: false });
    } catch (err) {
      set({ error: toAppError(err), checking: false });
    }
  },
  async start() {
    const { path, provider, draft, preview } = get();
    set({ starting: true, error: null });
    try {
      const view = await api.batch.start({ path, provider, draft, ...(preview?.resumeId ? { resumeId: preview.resumeId } : {}) });
      set({ view, starting: false, preview: null });
    } catch (err) {
      set({ error: toAppError(err), starting: false });
    }
  },
  async cancel() {
    try {
      const view = await api.batch.cancel();
      if (view) set({ view });
    } catch (err) {
      set({ error: toAppError(err) });
    }
  },
  reset() {
    set({ view: null, preview: null, error: null });
    void api.batch.unfinished().then((unfinished) => set({ unfinished }), () => undefined);
  },
  subscribe() {
    return api.batch.onChanged((view) => {
      set({ view });
      if (view.status === 'finished' || view.status === 'cancelled') void api.batch.unfinished().then((unfinished) => set({ unfinished }), () => undefined);
    });
  },
}));
