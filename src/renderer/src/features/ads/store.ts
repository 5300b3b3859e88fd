/**
 * The Ads area's state: the list, the open ad (a full project view from the backend), streaming
 * chat text, and live run progress. The backend is the source of truth; push events
 * (`project/changed`, `chat/delta`, `run/progress`) keep this in step with it.
 */
import { create } from 'zustand';
import type { AdProjectView, AdSummary, CreativeBibleDoc, StoryboardSceneInput } from '../../../../shared/domain/ads';
import type { AppErrorShape } from '../../../../shared/errors';
import type { Events } from '../../../../shared/contract';
import { toAppError } from '../../api/client';
import { useToasts } from '../../stores/toasts';
import { adsApi } from './api';

type Status = 'idle' | 'loading' | 'ready' | 'error';

interface AdsState {
  list: AdSummary[];
  listStatus: Status;
  listError: AppErrorShape | null;
  openId: string | null;
  project: AdProjectView | null;
  projectStatus: Status;
  projectError: AppErrorShape | null;
  /** messageId → text streamed so far (while the reply is still arriving). */
  streaming: Record<string, string>;
  /** messageId → its ad, for replies streamed before they are stored (the chat shows them live). */
  streamingIn: Record<string, string>;
  progress: Events['run/progress'] | null;
  busy: string | null;
  loadList(): Promise<void>;
  open(id: string | null): void;
  reload(): Promise<void>;
  /** Starts a new ad's chat; with `pageUrl`, from the product's page (its name, description and pictures). */
  create(brandId: string, pageUrl?: string): Promise<boolean>;
  /** Sends a chat message; false when it failed (the error is shown, the caller keeps the text). */
  send(text: string): Promise<boolean>;
  /** Stops the reply being written for the open ad. */
  stopReply(): Promise<void>;
  /** Runs one backend call that returns the project view; `busy` names it for the UI. */
  act(name: string, fn: (id: string) => Promise<AdProjectView>): Promise<boolean>;
  saveBible(bible: CreativeBibleDoc): Promise<boolean>;
  saveStoryboard(scenes: StoryboardSceneInput[]): Promise<AdProjectView | null>;
  remove(id: string): Promise<void>;
}

const finished = new Set<string>();
const fail = (err: unknown) => useToasts.getState().error(toAppError(err));

export const useAds = create<AdsState>((set, get) => ({
  list: [],
  listStatus: 'idle',
  listError: null,
  openId: null,
  project: null,
  projectStatus: 'idle',
  projectError: null,
  streaming: {},
  streamingIn: {},
  progress: null,
  busy: null,

  async loadList() {
    if (get().listStatus !== 'ready') set({ listStatus: 'loading', listError: null });
    try {
      set({ list: await adsApi.list(), listStatus: 'ready', listError: null });
    } catch (err) {
      set({ listStatus: 'error', listError: toAppError(err) });
    }
  },

  open(id) {
    set({ openId: id, project: null, projectStatus: id ? 'loading' : 'idle', projectError: null, progress: null });
    if (id) void get().reload();
    else void get().loadList();
  },

  async reload() {
    const id = get().openId;
    if (!id) return;
    try {
      const project = await adsApi.get(id);
      if (get().openId === id) set({ project, projectStatus: 'ready', projectError: null });
    } catch (err) {
      if (get().openId === id) set({ projectStatus: 'error', projectError: toAppError(err) });
    }
  },

  async create(brandId, pageUrl) {
    set({ busy: 'create' });
    try {
      const project = pageUrl ? await adsApi.createFromPage(brandId, pageUrl) : await adsApi.create(brandId);
      const greeting = project.messages.at(-1);
      if (greeting && !finished.has(greeting.id)) set((s) => ({ streaming: { ...s.streaming, [greeting.id]: s.streaming[greeting.id] ?? '' } }));
      set({ openId: project.id, project, projectStatus: 'ready', progress: null });
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      set({ busy: null });
    }
  },

  async send(text) {
    const id = get().openId;
    if (!id) return false;
    set({ busy: 'send' });
    try {
      const { replyId } = await adsApi.send(id, text);
      if (!finished.has(replyId)) set((s) => ({ streaming: { ...s.streaming, [replyId]: s.streaming[replyId] ?? '' } }));
      await get().reload();
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      set({ busy: null });
    }
  },

  async stopReply() {
    const id = get().openId;
    if (!id) return;
    try {
      await adsApi.stopReply(id);
    } catch (err) {
      fail(err);
    }
  },

  async act(name, fn) {
    const id = get().openId;
    if (!id) return false;
    set({ busy: name });
    try {
      const project = await fn(id);
      if (get().openId === id) set({ project });
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      set({ busy: null });
    }
  },

  async saveBible(bible) {
    const ok = await get().act('bible', (id) => adsApi.updateBible(id, bible));
    if (ok) useToasts.getState().success('ads.bible.saved');
    return ok;
  },

  async saveStoryboard(scenes) {
    const id = get().openId;
    if (!id) return null;
    try {
      const project = await adsApi.updateStoryboard(id, scenes);
      if (get().openId === id) set({ project });
      return project;
    } catch (err) {
      fail(err);
      return null;
    }
  },

  async remove(id) {
    try {
      await adsApi.remove(id);
      set((s) => ({ list: s.list.filter((a) => a.id !== id) }));
      useToasts.getState().success('ads.list.deleted');
      if (get().openId === id) get().open(null);
    } catch (err) {
      fail(err);
    }
  },
}));

/** Subscribes the store to backend push events; returns the unsubscribe function. */
export function subscribeToAdEvents(): () => void {
  const offs = [
    adsApi.onChanged(({ id }) => {
      const s = useAds.getState();
      if (s.openId === id) void s.reload();
      if (!s.openId) void s.loadList();
    }),
    adsApi.onDelta(({ projectId, messageId, text, done }) => {
      if (done) {
        finished.add(messageId);
        useAds.setState((s) => {
          const { [messageId]: _gone, ...rest } = s.streaming;
          const { [messageId]: _too, ...restIn } = s.streamingIn;
          return { streaming: rest, streamingIn: restIn };
        });
        if (useAds.getState().openId === projectId) void useAds.getState().reload();
      } else if (!finished.has(messageId)) useAds.setState((s) => ({ streaming: { ...s.streaming, [messageId]: text }, streamingIn: { ...s.streamingIn, [messageId]: projectId } }));
    }),
    adsApi.onProgress((p) => {
      if (useAds.getState().openId === p.projectId) useAds.setState({ progress: p });
    }),
  ];
  return () => offs.forEach((off) => off());
}
