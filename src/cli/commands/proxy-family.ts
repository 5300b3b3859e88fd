/**
 * `--provider proxy` for the CLI: the proxy family signed in through the keychain session, with
 * each run's reservation read from the run store. When a run fails, the proxy is told so an
 * unused video is refunded, and the CLI says what happened to it.
 */
import { proxyFamily, runSpecFromStore, type ProxyFamily } from '../../pipeline/providers/proxy';
import type { RunStore } from '../../pipeline/engine/store';
import type { PipelineServices } from '../../pipeline/generate';
import { lazyCliAuth, resolveProxyUrl } from './account-cli';

export function cliProxyFamily(store: () => RunStore, ffmpegPath: string): ProxyFamily {
  const auth = lazyCliAuth(() => resolveProxyUrl(undefined));
  return proxyFamily({ auth, ffmpegPath, runSpec: (id) => runSpecFromStore(store())(id) });
}

/** After a failed run on the proxy: refund an unused video; returns the sentence to print, if any. */
export async function settleFailedRun(services: PipelineServices, runId: string, err: unknown): Promise<string | null> {
  const run = services.store.getRun(runId);
  if (run?.provider !== 'proxy') return null;
  return (services.family('proxy') as ProxyFamily).runFailed(runId, err);
}
