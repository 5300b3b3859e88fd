/**
 * The app side of the full-system tests: the backend the app, the harness and the CLI build
 * (SQLite, media store, FFmpeg, exporter, one pipeline wiring), with a proxy provider family
 * polling fast and signed in through an AccountSession. Used in-process and by app-child.ts (the
 * process the resume test kills).
 */
import type { Backend } from '../../src/backend/backend';
import { resolveDataDir } from '../../src/backend/media-store/data-dir';
import { proxyFamily, runSpecFromStore, type ProxyFamily } from '../../src/pipeline/providers/proxy';
import { AccountSession } from '../../src/backend/session/session';
import { MemoryTokenStore, type StoredSession } from '../../src/backend/session/token-store';
import { ffmpegPath, openPipelineBackend } from '../integration/pipeline-fixtures';

export interface ProxyApp {
  backend: Backend;
  session: AccountSession;
  family: ProxyFamily;
}

/** Opens the app against `proxyUrl` with the data folder from ZAPCUT_DATA_DIR. */
export async function openProxyApp(proxyUrl: string, tokens?: StoredSession): Promise<ProxyApp> {
  const store = new MemoryTokenStore();
  if (tokens) await store.save(proxyUrl, tokens);
  const session = await AccountSession.open(proxyUrl, store);
  const holder: { backend?: Backend } = {};
  const runs = () => holder.backend!.pipeline.store;
  const family = proxyFamily({ auth: session, ffmpegPath, runSpec: (id) => runSpecFromStore(runs())(id), charges: runs, poll: { initialMs: 100, maxMs: 400, factor: 1.5 } });
  const backend = (holder.backend = openPipelineBackend(resolveDataDir(), { proxy: family }));
  return { backend, session, family };
}

/** Tokens of a session, for handing to a child process (tests only; the app never does this). */
export async function tokensOf(app: ProxyApp, email: string): Promise<StoredSession> {
  return { accessToken: await app.session.accessToken(), refreshToken: (app.session as unknown as { current: StoredSession }).current.refreshToken, email };
}
