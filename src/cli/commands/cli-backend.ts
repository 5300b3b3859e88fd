/**
 * The CLI's backend: the same createBackend as the app and the harness, over the same data folder
 * (ZAPCUT_DATA_DIR), so `zapcut generate` records its ad where the app lists it and ends its runs
 * the same way. It continues none of the app's interrupted work on start (the app does, or
 * `zapcut resume` / `brand style --wait` when asked). With ZAPCUT_API_KEY set, an Agency API key
 * from the environment is the proxy credential (never written anywhere); ZAPCUT_PROXY_URL names
 * the proxy instead of the app's Settings.
 */
import { createBackend, type Backend } from '../../backend/backend';
import { resolveDataDir } from '../../backend/media-store/data-dir';
import { apiKeyFromEnv } from '../../backend/session/api-key';

export function openCliBackend(opts: { resumeTrainings?: boolean; proxyUrl?: string } = {}): Backend {
  return createBackend({
    dataDir: resolveDataDir(),
    mediaBaseUrl: '/media/',
    resume: { runs: false, trainings: opts.resumeTrainings ?? false },
    account: {
      apiKey: apiKeyFromEnv(),
      proxyUrl: opts.proxyUrl ?? (process.env.ZAPCUT_PROXY_URL?.trim() || undefined),
      // ZAPCUT_KEYCHAIN_SERVICE lets tests use their own keychain entry instead of the user's.
      keychainService: process.env.ZAPCUT_KEYCHAIN_SERVICE?.trim() || undefined,
    },
  });
}
