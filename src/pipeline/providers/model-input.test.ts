import { describe, expect, it } from 'vitest';
import { catalog, findModel } from './catalog';
import { speechInput, videoCostCents, videoInput } from './model-input';
import type { VideoRequest } from './types';

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
  it('uses each model\'s own field names for the start frame and duration', () => {
    expect(videoInput(findModel('google/veo-3.1'), req, 'https://u/f.png')).toEqual({ prompt: 'p', image: 'https://u/f.png', duration: 6, aspect_ratio: '16:9', resolution: '1080p', negative_prompt: 'n', seed: 7 });
    expect(videoInput(findModel('kwaivgi/kling-v2.1'), req, 'U')).toEqual({ mode: 'pro', prompt: 'p', start_image: 'U', duration: 6, negative_prompt: 'n' });
    expect(videoInput(findModel('minimax/hailuo-02'), req, 'U')).toMatchObject({ first_frame_image: 'U', duration: 6 });
    expect(videoInput(findModel('openai/sora-2'), { ...req, aspect: '9:16' }, 'U')).toEqual({ prompt: 'p', input_reference: 'U', seconds: 6, aspect_ratio: 'portrait' });
    expect(speechInput(findModel('minimax/speech-02-turbo'), { text: 'hi', voice: 'british', maxSeconds: 3 })).toMatchObject({ text: 'hi', voice_id: expect.any(String) });
  });
  it('every catalog entry says where its field names come from', () => {
    for (const m of catalog) expect(m.source.length, m.slug).toBeGreaterThan(20);
  });
  it('prices video by the seconds asked for', () => {
    expect(videoCostCents(findModel('minimax/hailuo-02'), 10)).toBe(80);
  });
});
