import { describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS, RETRY_BASE_MS, STARTUP_DELAY_MS, classifyUpdateError, createUpdatePolicy, disabledReason, type UpdateEnvironment } from './policy';

const packaged: UpdateEnvironment = { currentVersion: '1.0.0', isPackaged: true, isDevelopment: false, feedUrl: 'https://updates.example.com/zapcut' };

function setup(env: Partial<UpdateEnvironment> = {}) {
  let now = 1_000_000;
  const policy = createUpdatePolicy({ ...packaged, ...env }, () => now);
  return { policy, advance: (ms: number) => (now += ms), now: () => now };
}

describe('when updates are allowed', () => {
  it('never checks in development, unpackaged, turned off, without a feed, or on a dir build', () => {
    expect(disabledReason({ ...packaged, isDevelopment: true })).toBe('development');
    expect(disabledReason({ ...packaged, isPackaged: false })).toBe('not-packaged');
    expect(disabledReason({ ...packaged, turnedOff: true })).toBe('turned-off');
    expect(disabledReason({ ...packaged, feedUrl: null })).toBe('no-feed');
    expect(disabledReason({ ...packaged, installSupportsUpdates: false })).toBe('unsupported-install');
    expect(disabledReason(packaged)).toBeNull();

    const { policy, advance } = setup({ isDevelopment: true });
    advance(10 * CHECK_INTERVAL_MS);
    expect(policy.status()).toEqual({ state: 'disabled', reason: 'development', currentVersion: '1.0.0' });
    expect(policy.shouldCheck(false)).toBe(false);
    expect(policy.shouldCheck(true)).toBe(false);
    expect(policy.msUntilNextCheck()).toBeNull();
    policy.beginCheck(true);
    expect(policy.apply({ type: 'downloaded', version: '2.0.0' }).state).toBe('disabled');
    expect(policy.canInstall()).toBe(false);
  });
});

describe('schedule', () => {
  it('checks shortly after start, then daily after a successful check', () => {
    const { policy, advance } = setup();
    expect(policy.status()).toEqual({ state: 'idle', currentVersion: '1.0.0', lastCheckedAt: null });
    expect(policy.msUntilNextCheck()).toBe(STARTUP_DELAY_MS);
    expect(policy.shouldCheck(false)).toBe(false);
    advance(STARTUP_DELAY_MS);
    expect(policy.shouldCheck(false)).toBe(true);

    policy.beginCheck(false);
    expect(policy.shouldCheck(true)).toBe(false); // one check at a time
    expect(policy.msUntilNextCheck()).toBeNull();
    policy.apply({ type: 'checking' });
    const s = policy.apply({ type: 'not-available' });
    expect(s.state).toBe('up-to-date');
    expect(policy.msUntilNextCheck()).toBe(CHECK_INTERVAL_MS);
    advance(CHECK_INTERVAL_MS - 1);
    expect(policy.shouldCheck(false)).toBe(false);
    expect(policy.shouldCheck(true)).toBe(true); // "Check for updates…" ignores the schedule
    advance(1);
    expect(policy.shouldCheck(false)).toBe(true);
  });

  it('retries failed automatic checks after 1 h, 2 h, 4 h … capped at a day, silently', () => {
    const { policy, advance } = setup();
    advance(STARTUP_DELAY_MS);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      policy.beginCheck(false);
      const s = policy.apply({ type: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
      expect(s).toMatchObject({ state: 'error', kind: 'offline', userInitiated: false });
      expect(policy.shouldShowError()).toBe(false);
      const wait = policy.msUntilNextCheck()!;
      waits.push(wait);
      advance(wait);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 24, 24].map((h) => h * RETRY_BASE_MS));
    // a success resets the backoff to the daily rhythm
    policy.beginCheck(false);
    policy.apply({ type: 'not-available' });
    expect(policy.msUntilNextCheck()).toBe(CHECK_INTERVAL_MS);
  });

  it('shows errors only for checks the user asked for', () => {
    const { policy } = setup();
    policy.beginCheck(true);
    policy.apply({ type: 'error', message: 'HttpError: 404 Not Found "method: GET url: https://updates.example.com/zapcut/latest-linux.yml?token=abc"' });
    expect(policy.shouldShowError()).toBe(true);
    const s = policy.status();
    expect(s).toMatchObject({ state: 'error', kind: 'server', userInitiated: true });
    expect(s.state === 'error' && s.message).not.toContain('abc"');
  });
});

describe('download', () => {
  it('downloads in the background, reports progress, then offers "Restart to update" with notes', () => {
    const { policy, advance } = setup();
    advance(STARTUP_DELAY_MS);
    policy.beginCheck(false);
    expect(policy.apply({ type: 'available', version: '1.1.0', releaseNotes: '<h2>New</h2><ul><li>Faster <b>export</b></li><li>Fixes &amp; polish</li></ul>' })).toEqual({
      state: 'downloading',
      currentVersion: '1.0.0',
      version: '1.1.0',
      percent: 0,
      releaseNotes: 'New\n\n• Faster export\n\n• Fixes & polish',
    });
    expect(policy.canInstall()).toBe(false);
    expect(policy.apply({ type: 'progress', percent: 42.345 })).toMatchObject({ percent: 42.3 });
    expect(policy.apply({ type: 'progress', percent: 140 })).toMatchObject({ percent: 100 });
    const ready = policy.apply({ type: 'downloaded', version: '1.1.0' });
    expect(ready).toEqual({ state: 'ready', currentVersion: '1.0.0', version: '1.1.0', releaseNotes: 'New\n\n• Faster export\n\n• Fixes & polish' });
    expect(policy.canInstall()).toBe(true);
    // no more automatic checks until the user restarts, and a late error does not hide the download
    advance(10 * CHECK_INTERVAL_MS);
    expect(policy.shouldCheck(false)).toBe(false);
    expect(policy.apply({ type: 'error', message: 'ECONNRESET' }).state).toBe('ready');
  });

  it('a failed or partial download leaves nothing to install and retries later', () => {
    const { policy, advance } = setup();
    advance(STARTUP_DELAY_MS);
    policy.beginCheck(false);
    policy.apply({ type: 'available', version: '1.1.0' });
    policy.apply({ type: 'progress', percent: 63 });
    const s = policy.apply({ type: 'error', message: 'sha512 checksum mismatch, expected abc, got def' });
    expect(s).toMatchObject({ state: 'error', kind: 'integrity' });
    expect(policy.canInstall()).toBe(false);
    expect(policy.msUntilNextCheck()).toBe(RETRY_BASE_MS);
  });
});

describe('classifyUpdateError', () => {
  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'offline'],
    ['getaddrinfo ENOTFOUND updates.zapcut.app', 'offline'],
    ['connect ECONNREFUSED 127.0.0.1:443', 'offline'],
    ['HttpError: 403 Forbidden', 'server'],
    ['Cannot find latest-mac.yml in the latest release artifacts', 'server'],
    ['New version 1.1.0 is not signed by the application owner', 'integrity'],
    ['EACCES: permission denied, open /opt/Zapcut/zapcut', 'permission'],
    ['something odd', 'unknown'],
    ['Cannot find channel "latest-linux.yml" update info: HttpError: 404 Not Found\nHeaders: {"keep-alive": "timeout=5"}', 'server'],
  ] as const)('%s → %s', (message, kind) => {
    expect(classifyUpdateError(message)).toBe(kind);
  });

  it('prefers the error code electron-updater and Node attach', () => {
    expect(classifyUpdateError('aborted', 'ECONNRESET')).toBe('offline');
    expect(classifyUpdateError('whatever', 'ERR_CHECKSUM_MISMATCH')).toBe('integrity');
    expect(classifyUpdateError('connect ECONNREFUSED', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')).toBe('server');
    expect(classifyUpdateError('HttpError: 403 Forbidden', 'HTTP_ERROR_403')).toBe('server');
    expect(classifyUpdateError('EACCES: permission denied', 'SOMETHING_NEW')).toBe('permission');
  });
});
