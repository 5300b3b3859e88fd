import { describe, expect, it } from 'vitest';
import { findModel } from './catalog';
import { speechInput, videoCostCents, videoInput } from './model-input';
import type { VideoRequest } from './types';
import { lastFrameInput } from '../../shared/models/video';

const req: VideoRequest = {
  prompt: 'p',
  negativePrompt: 'n',
  startImage: '/x.png',
  durationSeconds: 6,
  aspect: '16:9',
  resolution: { width: 1920, height: 1080 },
  seed: 7,
  styleStrength: 0.8,
  style: { colors: [], lighting: '', camera: '', motion: '', energyLevel: 5 },
  scene: { index: 1, count: 1, title: '', role: 'setup', camera: '', productImages: [], brandName: '', cta: '' },
};

describe('model inputs from the catalog', () => {
  it("uses each model's own field names for the start frame, duration, resolution and aspect", () => {
    expect(videoInput(findModel('google/veo-3.1'), req, 'https://u/f.png')).toEqual({ generate_audio: false, prompt: 'p', image: 'https://u/f.png', duration: 6, aspect_ratio: '16:9', resolution: '1080p', negative_prompt: 'n', seed: 7 });
    expect(videoInput(findModel('kwaivgi/kling-v2.1'), { ...req, durationSeconds: 5 }, 'U')).toEqual({ mode: 'pro', prompt: 'p', start_image: 'U', duration: 5, negative_prompt: 'n' });
    expect(videoInput(findModel('kwaivgi/kling-v2.1'), { ...req, durationSeconds: 5, modelResolution: '720p' }, 'U')).toMatchObject({ mode: 'standard' });
    expect(videoInput(findModel('minimax/hailuo-02'), { ...req, modelResolution: '768p' }, 'U')).toEqual({ prompt: 'p', first_frame_image: 'U', duration: 6, resolution: '768p' });
    expect(videoInput(findModel('openai/sora-2'), { ...req, durationSeconds: 8, aspect: '9:16' }, 'U')).toEqual({ prompt: 'p', input_reference: 'U', seconds: 8, aspect_ratio: 'portrait' });
    expect(speechInput(findModel('minimax/speech-02-turbo'), { text: 'hi', voice: 'british', maxSeconds: 3 })).toEqual({ text: 'hi', voice_id: 'English_Trustworth_Man' });
  });

  it('a 1:1 ad on a model without 1:1 asks for its first native aspect (the timeline crops it)', () => {
    expect(videoInput(findModel('google/veo-3.1'), { ...req, aspect: '1:1' }, 'U')).toMatchObject({ aspect_ratio: '16:9' });
    expect(videoInput(findModel('openai/sora-2'), { ...req, durationSeconds: 4, aspect: '1:1' }, 'U')).toMatchObject({ aspect_ratio: 'landscape' });
  });

  it("sends a keyframe-anchored scene's last frame in each model's own field, and never to a model without one", () => {
    expect(videoInput(findModel('minimax/hailuo-02'), { ...req, modelResolution: '768p' }, 'U', 'E')).toMatchObject({ first_frame_image: 'U', last_frame_image: 'E' });
    expect(videoInput(findModel('google/veo-3.1'), req, 'U', 'E')).toMatchObject({ image: 'U', last_frame: 'E' });
    expect(videoInput(findModel('kwaivgi/kling-v2.1'), { ...req, durationSeconds: 5, modelResolution: '1080p' }, 'U', 'E')).toMatchObject({ mode: 'pro', start_image: 'U', end_image: 'E' });
    // Kling's end_image needs pro mode (its schema); Sora 2 has no last frame at all.
    expect(() => videoInput(findModel('kwaivgi/kling-v2.1'), { ...req, durationSeconds: 5, modelResolution: '720p' }, 'U', 'E')).toThrow(/takes no last frame at 720p/);
    expect(() => videoInput(findModel('openai/sora-2'), { ...req, durationSeconds: 8 }, 'U', 'E')).toThrow(/openai\/sora-2 takes no last frame/);
    expect(['kwaivgi/kling-v2.1', 'minimax/hailuo-02', 'google/veo-3.1', 'openai/sora-2'].map((m) => [m, lastFrameInput(findModel(m))?.field ?? null])).toEqual([
      ['kwaivgi/kling-v2.1', null], // default 720p = standard mode
      ['minimax/hailuo-02', 'last_frame_image'],
      ['google/veo-3.1', 'last_frame'],
      ['openai/sora-2', null],
    ]);
    expect(lastFrameInput(findModel('kwaivgi/kling-v2.1'), '1080p')).toEqual({ field: 'end_image' });
  });

  it('prices video by the seconds asked for', () => {
    expect(videoCostCents(findModel('minimax/hailuo-02'), 10)).toBe(80);
  });
});
