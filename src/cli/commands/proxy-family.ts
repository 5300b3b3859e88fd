/**
 * `--provider proxy` for the CLI: the proxy family signed in through the keychain session, with
 * each run's reservation read from the run store. When a run fails, the proxy is told so an
 * unused video is refunded, and the CLI says what happened to it.
 */
import { proxyFamily, runSpecFromStore, type ProxyFamily } from '../../pipeline/providers/proxy';
import type { RunStore } from '../../pipeline/engine/store';
import { lazyCliAuth, resolveProxyUrl } from './account-cli';

export function cliProxyFamily(store: () => RunStore, ffmpegPath: string): ProxyFamily {
  const auth = lazyCliAuth(() => resolveProxyUrl(undefined));
  return proxyFamily({ auth, ffmpegPath, runSpec: (id) => runSpecFromStore(store())(id), charges: store });
}

export { settleFailedRun } from '../../pipeline/providers/proxy/settle';
