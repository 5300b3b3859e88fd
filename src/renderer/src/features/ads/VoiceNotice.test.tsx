import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import type { RunView } from '../../../../shared/domain/ads';
import { VoiceNotice } from './GenerationPanel';

const html = (notice: NonNullable<RunView['voiceNotice']>) => renderToStaticMarkup(<VoiceNotice notice={notice} />);

describe('Generation › an ad without a voice says why, in the app’s language', () => {
  it('no offline voice on this machine: what to install on this OS, or sign in', () => {
    const linux = html({ kind: 'no-voice', platform: 'linux', detail: 'No offline voice on this machine…' });
    expect(linux).toContain('No offline voice on this machine — the ad has captions only. Install espeak-ng (sudo apt install espeak-ng) or flite for an offline voice. Or sign in for AI voices.');
    expect(linux).toContain('data-kind="no-voice"');
    expect(html({ kind: 'no-voice', platform: 'win32', detail: '' })).toContain('Windows speech');
  });

  it('a voice that failed names the failure', () => {
    expect(html({ kind: 'failed', platform: 'linux', detail: 'The offline voice failed (espeak-ng: stopped after 60 s).' })).toContain('The offline voice failed, so the ad has captions only: The offline voice failed (espeak-ng: stopped after 60 s).');
  });
});
