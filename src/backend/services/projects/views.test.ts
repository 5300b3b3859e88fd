import { describe, expect, it } from 'vitest';
import { noVoiceReason } from '../../../pipeline/providers/offline/system-voice';
import { voiceNoticeOf } from './views';

const voiceover = (output: unknown, status: 'done' | 'running' = 'done') => [{ stepId: 'voiceover', status, output }];

describe('run view › why an ad has no voice', () => {
  it('reports a machine without a voice and a voice that failed, with the OS for the install hint', () => {
    expect(voiceNoticeOf(voiceover({ lines: [], unavailable: noVoiceReason('linux'), unavailableKind: 'no-voice' }), 'linux')).toEqual({ kind: 'no-voice', platform: 'linux', detail: noVoiceReason('linux') });
    expect(voiceNoticeOf(voiceover({ lines: [], unavailable: 'broke', unavailableKind: 'failed' }), 'freebsd')).toEqual({ kind: 'failed', platform: 'other', detail: 'broke' });
  });

  it('says nothing for a voiced ad, a brief that asked for no voice, or a step not done', () => {
    expect(voiceNoticeOf(voiceover({ lines: [{}], unavailable: null }), 'linux')).toBeNull();
    expect(voiceNoticeOf(voiceover({ lines: [], unavailable: 'The brief asks for no voice.', unavailableKind: 'brief' }), 'linux')).toBeNull();
    expect(voiceNoticeOf(voiceover({ lines: [], unavailable: 'x', unavailableKind: 'no-voice' }, 'running'), 'linux')).toBeNull();
  });
});
