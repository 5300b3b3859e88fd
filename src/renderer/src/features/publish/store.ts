/**
 * Publishing as the UI knows it: connections (never tokens), running sign-ins, live post progress
 * and each ad's post history, kept fresh by the backend's publish events.
 */
import { create } from 'zustand';
import type { ConnectFlow, ConnectionView, PostView } from '../../../../shared/domain/publish';
import type { Events } from '../../../../shared/contract';
import type { SocialNetwork } from '../../../../shared/publish/platform-limits';
import type { AppErrorShape } from '../../../../shared/errors';
import { api, toAppError } from '../../api/client';
import { useToasts } from '../../stores/toasts';

interface PublishState {
  connections: ConnectionView[] | null;
  loadError: AppErrorShape | null;
  flows: Partial<Record<SocialNetwork, ConnectFlow>>;
  progress: Record<string, Events['publish/progress']>;
  posts: Record<string, PostView[]>;
  load(): Promise<void>;
  connect(network: SocialNetwork): Promise<void>;
  cancelConnect(network: SocialNetwork): Promise<void>;
  disconnect(network: SocialNetwork): Promise<void>;
  loadPosts(projectId: string): Promise<void>;
}

let subscribed = false;

export const usePublish = create<PublishState>((set, get) => {
  const subscribe = () => {
    if (subscribed) return;
    subscribed = true;
    api.publish.onConnectionsChanged(({ connections }) => set({ connections }));
    api.publish.onConnectFinished((f) => {
      set((s) => ({ flows: { ...s.flows, [f.network]: undefined } }));
      if (f.ok) useToasts.getState().success('publish.connections.connected', { network: f.network === 'x' ? 'X' : 'LinkedIn' });
      else if (f.error && !(f.error.code === 'CANCELLED' && /was cancelled/.test(f.error.message))) useToasts.getState().error({ code: f.error.code as AppErrorShape['code'], message: f.error.message });
    });
    api.publish.onProgress((p) => set((s) => ({ progress: { ...s.progress, [p.postId]: p } })));
    api.publish.onPostChanged((p) => {
      if (!p.projectId) return;
      set((s) => {
        const list = s.posts[p.projectId!] ?? [];
        const next = list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [p, ...list];
        return { posts: { ...s.posts, [p.projectId!]: next } };
      });
    });
  };
  return {
    connections: null,
    loadError: null,
    flows: {},
    progress: {},
    posts: {},
    async load() {
      subscribe();
      try {
        set({ connections: await api.publish.connections(), loadError: null });
      } catch (err) {
        set({ loadError: toAppError(err) });
      }
    },
    async connect(network) {
      subscribe();
      try {
        const flow = await api.publish.connect(network);
        set((s) => ({ flows: { ...s.flows, [network]: flow } }));
      } catch (err) {
        useToasts.getState().error(toAppError(err));
      }
    },
    async cancelConnect(network) {
      const flow = get().flows[network];
      if (flow) await api.publish.cancelConnect(flow.flowId).catch(() => undefined);
      set((s) => ({ flows: { ...s.flows, [network]: undefined } }));
    },
    async disconnect(network) {
      try {
        const r = await api.publish.disconnect(network);
        set({ connections: r.connections });
        const name = network === 'x' ? 'X' : 'LinkedIn';
        useToasts.getState().success(r.revoked ? 'publish.connections.disconnected' : 'publish.connections.disconnectedNotRevoked', { network: name });
      } catch (err) {
        useToasts.getState().error(toAppError(err));
      }
    },
    async loadPosts(projectId) {
      subscribe();
      try {
        const list = await api.publish.history(projectId);
        set((s) => ({ posts: { ...s.posts, [projectId]: list } }));
      } catch {
        // The history is a courtesy on the result screen; the dialog reports real errors.
      }
    },
  };
});

/** "2 h ago" in the UI's language. */
export function timeAgo(iso: string, locale: string, now = Date.now()): string {
  const s = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const abs = Math.abs(s);
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}
