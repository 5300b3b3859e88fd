/**
 * The app side of the full-system tests: the same pipeline services the CLI and the Electron main
 * process build (SQLite, media store, FFmpeg, exporter), the proxy provider family, and an
 * AccountSession. Used in-process and by app-child.ts (the process the resume test kills).
 */
import { openCliPipeline, type CliPipeline } from '../../src/cli/commands/pipeline-services';
import { proxyFamily, runSpecFromStore, type ProxyFamily } from '../../src/pipeline/providers/proxy';
import { AccountSession } from '../../src/backend/session/session';
import { MemoryTokenStore, type StoredSession } from '../../src/backend/session/token-store';
import { FAST_RETRY, ffmpegPath } from '../integration/pipeline-fixtures';

export interface ProxyApp {
  pipe: CliPipeline;
  session: AccountSession;
  family: ProxyFamily;
}

/** Opens the app against `proxyUrl` with the data folder from ZAPCUT_DATA_DIR. */
export async function openProxyApp(proxyUrl: string, tokens?: StoredSession): Promise<ProxyApp> {
  const store = new MemoryTokenStore();
  if (tokens) await store.save(proxyUrl, tokens);
  const session = await AccountSession.open(proxyUrl, store);
  const holder: { pipe?: CliPipeline } = {};
  const family = proxyFamily({ auth: session, ffmpegPath, runSpec: (id) => runSpecFromStore(holder.pipe!.services.store)(id), charges: () => holder.pipe!.services.store, poll: { initialMs: 100, maxMs: 400, factor: 1.5 } });
  const pipe = (holder.pipe = openCliPipeline({ proxy: family }));
  pipe.services.retry = FAST_RETRY;
  return { pipe, session, family };
}

/** Tokens of a session, for handing to a child process (tests only; the app never does this). */
export async function tokensOf(app: ProxyApp, email: string): Promise<StoredSession> {
  return { accessToken: await app.session.accessToken(), refreshToken: (app.session as unknown as { current: StoredSession }).current.refreshToken, email };
}
