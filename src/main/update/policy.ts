/**
 * The auto-update policy, as plain data and functions (no Electron, clock injected), so every rule
 * below is tested without an updater:
 *  - never in development or an unpackaged run, never without a feed URL;
 *  - check shortly after start, then every 24 h; after a failed check retry sooner (1 h, doubling,
 *    capped at 24 h) without bothering the user;
 *  - download in the background; when the verified download is complete show "Restart to update"
 *    with the release notes; stop checking until then;
 *  - errors from automatic checks are logged only; errors from a check the user asked for are shown;
 *  - a failed or partial download changes nothing installed: electron-updater writes to its own
 *    cache and verifies the sha512 from latest.yml before anything is installed, and we only ever
 *    install from the `downloaded` state.
 * The electron-updater adapter (src/main/electron/updater.ts) feeds events in and obeys the timings.
 */
import type { UpdateDisabledReason, UpdateErrorKind, UpdateStatus } from '../../shared/domain/desktop';
import { redactText } from '../../backend/logging/redact';
import { normaliseReleaseNotes, type RawReleaseNotes } from './release-notes';

export const STARTUP_DELAY_MS = 15_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const RETRY_BASE_MS = 60 * 60 * 1000;

export type { UpdateDisabledReason as DisabledReason, UpdateErrorKind, UpdateStatus } from '../../shared/domain/desktop';
/** What electron-updater told us (mirrors its events, minus Electron types). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string; releaseNotes?: RawReleaseNotes }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string; releaseNotes?: RawReleaseNotes }
  | { type: 'error'; message: string; code?: string };

export interface UpdateEnvironment {
  currentVersion: string;
  isPackaged: boolean;
  /** NODE_ENV=development, electron-vite dev server, or `--dev`. */
  isDevelopment: boolean;
  feedUrl: string | null;
  /** The user switched automatic updates off (settings) or ZAPCUT_DISABLE_UPDATES=1. */
  turnedOff?: boolean;
  /** Linux builds that electron-updater cannot replace (an unpacked dir, a tarball). */
  installSupportsUpdates?: boolean;
}

export function disabledReason(env: UpdateEnvironment): UpdateDisabledReason | null {
  if (env.isDevelopment) return 'development';
  if (!env.isPackaged) return 'not-packaged';
  if (env.turnedOff) return 'turned-off';
  if (!env.feedUrl) return 'no-feed';
  if (env.installSupportsUpdates === false) return 'unsupported-install';
  return null;
}

const CODE_KINDS: Array<[RegExp, UpdateErrorKind]> = [
  [/^(ERR_CHECKSUM_MISMATCH|ERR_UPDATER_INVALID_SIGNATURE|ERR_UPDATER_INVALID_RELEASE_FEED)$/, 'integrity'],
  [/^(ERR_UPDATER_CHANNEL_FILE_NOT_FOUND|ERR_UPDATER_LATEST_VERSION_NOT_FOUND|ERR_UPDATER_INVALID_UPDATE_INFO|ERR_UPDATER_NO_PUBLISHED_VERSIONS|HTTP_ERROR_\d+)$/, 'server'],
  [/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED)$/, 'offline'],
  [/^(EACCES|EPERM|EROFS|ENOSPC)$/, 'permission'],
];
const MESSAGE_KINDS: Array<[RegExp, UpdateErrorKind]> = [
  [/sha512|checksum|not signed|code signature|signature verification/i, 'integrity'],
  [/net::ERR_|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|socket hang up/, 'offline'],
  [/HttpError|Cannot find (channel|latest)|YAMLException|status code [45]\d\d/i, 'server'],
  [/EACCES|EPERM|EROFS|permission denied|read-only file system/i, 'permission'],
  [/\btimed out\b|\boffline\b/i, 'offline'],
];

/**
 * Why an update step failed. electron-updater and Node put a stable `code` on their errors
 * (ERR_CHECKSUM_MISMATCH, ERR_UPDATER_CHANNEL_FILE_NOT_FOUND, ECONNREFUSED…), which wins; the
 * message's first line is the fallback (later lines carry response headers such as
 * "keep-alive: timeout=5" that would mislead a pattern).
 */
export function classifyUpdateError(message: string, code?: string): UpdateErrorKind {
  if (code) for (const [pattern, kind] of CODE_KINDS) if (pattern.test(code)) return kind;
  const head = message.split('\n', 1)[0] ?? '';
  for (const [pattern, kind] of MESSAGE_KINDS) if (pattern.test(head)) return kind;
  return 'unknown';
}

export interface UpdatePolicy {
  status(): UpdateStatus;
  /** Milliseconds from `now` until the next automatic check; null when none is due (disabled, busy or ready). */
  msUntilNextCheck(): number | null;
  /** Whether to run a check now; `userInitiated` checks skip the schedule (not the disabled rules). */
  shouldCheck(userInitiated: boolean): boolean;
  /** Call right before asking the updater to check. */
  beginCheck(userInitiated: boolean): void;
  /** Feed one updater event; returns the new status. */
  apply(event: UpdaterEvent): UpdateStatus;
  /** Whether "Restart to update" may run now. */
  canInstall(): boolean;
  /** Whether the last error should be shown to the user (only for checks they started). */
  shouldShowError(): boolean;
}

export function createUpdatePolicy(env: UpdateEnvironment, clock: () => number): UpdatePolicy {
  const startedAt = clock();
  const currentVersion = env.currentVersion;
  const reason = disabledReason(env);
  let status: UpdateStatus = reason ? { state: 'disabled', reason, currentVersion } : { state: 'idle', currentVersion, lastCheckedAt: null };
  let nextCheckAt = startedAt + STARTUP_DELAY_MS;
  let consecutiveFailures = 0;
  let userInitiated = false;
  let lastErrorUserInitiated = false;

  const scheduleAfterSuccess = (now: number) => {
    consecutiveFailures = 0;
    nextCheckAt = now + CHECK_INTERVAL_MS;
  };
  const scheduleAfterFailure = (now: number) => {
    consecutiveFailures += 1;
    nextCheckAt = now + Math.min(CHECK_INTERVAL_MS, RETRY_BASE_MS * 2 ** (consecutiveFailures - 1));
  };
  const busy = () => status.state === 'checking' || status.state === 'downloading' || status.state === 'ready';

  return {
    status: () => status,
    msUntilNextCheck() {
      if (status.state === 'disabled' || busy()) return null;
      return Math.max(0, nextCheckAt - clock());
    },
    shouldCheck(byUser) {
      if (status.state === 'disabled' || busy()) return false;
      return byUser || clock() >= nextCheckAt;
    },
    beginCheck(byUser) {
      if (status.state === 'disabled') return;
      userInitiated = byUser;
      status = { state: 'checking', currentVersion, userInitiated: byUser };
    },
    apply(event) {
      if (status.state === 'disabled') return status;
      const now = clock();
      switch (event.type) {
        case 'checking':
          if (status.state !== 'checking') status = { state: 'checking', currentVersion, userInitiated };
          break;
        case 'not-available':
          scheduleAfterSuccess(now);
          status = { state: 'up-to-date', currentVersion, lastCheckedAt: now };
          break;
        case 'available':
          scheduleAfterSuccess(now);
          status = { state: 'downloading', currentVersion, version: event.version, percent: 0, releaseNotes: normaliseReleaseNotes(event.releaseNotes) };
          break;
        case 'progress':
          if (status.state === 'downloading') {
            status = { ...status, percent: Math.max(0, Math.min(100, Math.round(event.percent * 10) / 10)) };
          }
          break;
        case 'downloaded':
          status = {
            state: 'ready',
            currentVersion,
            version: event.version,
            releaseNotes: normaliseReleaseNotes(event.releaseNotes) || (status.state === 'downloading' ? status.releaseNotes : ''),
          };
          break;
        case 'error': {
          // A failure after 'ready' (e.g. a background re-check) must not hide a verified download.
          if (status.state === 'ready') break;
          scheduleAfterFailure(now);
          lastErrorUserInitiated = userInitiated;
          status = { state: 'error', currentVersion, kind: classifyUpdateError(event.message, event.code), message: redactText(event.message.split('\n', 1)[0] ?? '').slice(0, 300), retryAt: nextCheckAt, userInitiated };
          break;
        }
      }
      if (event.type !== 'checking' && event.type !== 'progress' && event.type !== 'available') userInitiated = false;
      return status;
    },
    canInstall: () => status.state === 'ready',
    shouldShowError: () => status.state === 'error' && lastErrorUserInitiated,
  };
}
