import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import type { UpdateStatus } from '../../../../shared/domain';
import { StatusLine } from './DesktopSections';

const html = (status: UpdateStatus) => renderToStaticMarkup(<StatusLine status={status} formatTime={(ms) => `T${ms}`} />);

describe('Settings › Updates status line', () => {
  it('shows release notes as plain text, never as HTML', () => {
    const out = html({ state: 'ready', currentVersion: '1.0.0', version: '1.1.0', releaseNotes: '<img src=x onerror=alert(1)>\n- Faster export' });
    expect(out).toContain('Version 1.1.0 is ready to install.');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toContain('<img');
  });

  it('shows download percent, the disabled reason, up-to-date with the check time', () => {
    expect(html({ state: 'downloading', currentVersion: '1.0.0', version: '1.1.0', percent: 41.6, releaseNotes: '' })).toContain('Downloading version 1.1.0… 42%');
    expect(html({ state: 'disabled', reason: 'no-feed', currentVersion: '1.0.0' })).toContain('No update server is configured');
    expect(html({ state: 'up-to-date', currentVersion: '1.0.0', lastCheckedAt: 5 })).toContain('Last checked T5');
  });

  it('reports errors only for a check the user asked for', () => {
    const error = { state: 'error', currentVersion: '1.0.0', kind: 'offline', message: 'net::ERR_INTERNET_DISCONNECTED', retryAt: 0 } as const;
    expect(html({ ...error, userInitiated: true })).toContain('Couldn&#x27;t reach the update server');
    const quiet = html({ ...error, userInitiated: false });
    expect(quiet).not.toContain('update server');
    expect(quiet).toContain('Zapcut will check for updates automatically.');
  });
});
