import { describe, expect, it } from 'vitest';
import { fromPrediction, fromSunoRecord } from './music';

describe('music task states', () => {
  it('maps every Replicate status, aborted included, to a final or running state', () => {
    const p = (status: string, extra: object = {}) => fromPrediction({ id: 'p1', status, output: null, error: null, ...extra });
    expect(p('starting').status).toBe('queued');
    expect(p('processing').status).toBe('running');
    expect(p('succeeded', { output: 'https://replicate.delivery/x.mp3' })).toMatchObject({ status: 'succeeded', audioUrl: 'https://replicate.delivery/x.mp3' });
    expect(p('canceled').status).toBe('cancelled');
    expect(p('aborted')).toMatchObject({ status: 'failed', error: expect.stringMatching(/aborted/) });
    expect(p('something-new').status).toBe('failed');
  });

  it('maps sunoapi.org record statuses: the first finished song succeeds, failures fail at once, nothing unknown keeps polling', () => {
    const r = (status: string, songs: { audioUrl: string }[] = [], errorMessage: string | null = null) => fromSunoRecord({ taskId: 't1', status, response: { sunoData: songs }, errorMessage });
    expect(r('PENDING').status).toBe('queued');
    expect(r('TEXT_SUCCESS').status).toBe('running');
    expect(r('FIRST_SUCCESS', [{ audioUrl: 'https://cdn/a.mp3' }, { audioUrl: '' }])).toMatchObject({ status: 'succeeded', audioUrl: 'https://cdn/a.mp3' });
    expect(r('FIRST_SUCCESS', [{ audioUrl: '' }]).status).toBe('running');
    expect(r('SUCCESS', [{ audioUrl: 'https://cdn/a.mp3' }]).status).toBe('succeeded');
    expect(r('SUCCESS').status).toBe('failed');
    expect(r('GENERATE_AUDIO_FAILED', [], 'Audio generation failed.')).toMatchObject({ status: 'failed', error: 'Audio generation failed.' });
    expect(r('CREATE_TASK_FAILED').status).toBe('failed');
    expect(r('SENSITIVE_WORD_ERROR').error).toMatch(/SENSITIVE_WORD_ERROR/);
    expect(r('CALLBACK_EXCEPTION', [{ audioUrl: 'https://cdn/a.mp3' }]).status).toBe('succeeded');
    expect(r('error').status).toBe('failed');
  });
});
