import { z } from 'zod';
import { newApp } from '../app';
import { configOf } from '../env';
import { accountOf } from '../account/stub';
import { readJson } from '../http/body';
import { ProxyError, notFound } from '../http/errors';
import { screenPrompts } from '../safety/screen';
import { DEFAULT_MUSIC_MODEL } from './catalog';
import { deliverOutput, givePaidCallBack, takePaidCall } from './paid';
import { recordPaidCallCost } from '../ops/costs';
import { createPrediction, getPrediction } from './replicate';
import { fetchUpstream, providerError } from './upstream';

const MusicBody = z.strictObject({
  prompt: z.string().min(1).max(1000),
  durationSeconds: z.number().int().min(5).max(60).default(30),
  instrumental: z.boolean().default(true),
});

/** One task shape for both back ends, so the app does not care which one made the music. */
export interface MusicTask {
  id: string;
  provider: 'suno' | 'replicate';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  audioUrl: string | null;
  error: string | null;
}

function fromPrediction(p: Record<string, unknown>): MusicTask {
  const s = String(p.status);
  const out = p.output;
  return {
    id: String(p.id),
    provider: 'replicate',
    status: s === 'starting' ? 'queued' : s === 'processing' ? 'running' : s === 'canceled' ? 'cancelled' : (s as MusicTask['status']),
    audioUrl: typeof out === 'string' ? out : Array.isArray(out) && typeof out[0] === 'string' ? out[0] : null,
    error: typeof p.error === 'string' ? p.error : null,
  };
}

/**
 * Suno adapter: Suno has no official public API, so the base URL and key are configuration for
 * whichever Suno gateway is contracted. Expected shape: POST {base}/generate {prompt, duration,
 * make_instrumental} → {id, status}; GET {base}/tasks/{id} → {id, status, audio_url, error}.
 */
function fromSuno(t: Record<string, unknown>): MusicTask {
  const s = String(t.status);
  return {
    id: String(t.id),
    provider: 'suno',
    status: (['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const).find((x) => x === s) ?? (s === 'complete' ? 'succeeded' : 'running'),
    audioUrl: typeof t.audio_url === 'string' ? t.audio_url : null,
    error: typeof t.error === 'string' ? t.error : null,
  };
}

export const musicRoutes = newApp();

musicRoutes.post('/generate', async (c) => {
  const body = await readJson(c, MusicBody);
  const config = configOf(c.env);
  if (!(config.SUNO_API_KEY && config.SUNO_BASE_URL)) {
    const prediction = await createPrediction(c, DEFAULT_MUSIC_MODEL, undefined, { prompt: body.prompt, duration: body.durationSeconds, output_format: 'mp3', model_version: 'stereo-large' }, 'music');
    return c.json(fromPrediction(prediction), 201);
  }
  await screenPrompts(c, 'music:suno', [body.prompt]);
  const use = { kind: 'music', seconds: body.durationSeconds, maxClipSeconds: 60 } as const;
  const video = await takePaidCall(c, use);
  const res = await fetchUpstream('suno', `${config.SUNO_BASE_URL}/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.SUNO_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: body.prompt, duration: body.durationSeconds, make_instrumental: body.instrumental }),
  });
  if (!res.ok) {
    if (res.status < 500) await givePaidCallBack(c, video.videoId, use);
    throw await providerError('suno', res, [config.SUNO_API_KEY]);
  }
  const task = fromSuno((await res.json()) as Record<string, unknown>);
  await accountOf(c.env, c.get('user').id).recordPrediction(`suno:${task.id}`, video.videoId, 'music:suno', use.seconds);
  recordPaidCallCost(c, { id: `suno:${task.id}`, userId: c.get('user').id, videoId: video.videoId, model: 'suno', kind: 'music', seconds: use.seconds });
  if (task.status === 'succeeded' || task.audioUrl !== null) await deliverOutput(c, video.videoId, `music task ${task.id}`);
  return c.json(task, 201);
});

musicRoutes.get('/tasks/:id', async (c) => {
  const id = c.req.param('id');
  const config = configOf(c.env);
  const suno = await accountOf(c.env, c.get('user').id).getPrediction(`suno:${id}`);
  if (!suno) return c.json(fromPrediction(await getPrediction(c, id)));
  if (!config.SUNO_BASE_URL) throw notFound('Suno is no longer configured on this proxy.');
  const res = await fetchUpstream('suno', `${config.SUNO_BASE_URL}/tasks/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${config.SUNO_API_KEY}` } });
  if (!res.ok) throw await providerError('suno', res, [config.SUNO_API_KEY]);
  const task = fromSuno((await res.json()) as Record<string, unknown>);
  if (task.id !== id) throw new ProxyError(502, 'PROVIDER_ERROR', 'Suno answered for a different task.');
  if (task.status === 'succeeded' || task.audioUrl !== null) await deliverOutput(c, suno.videoId, `music task ${id}`, `suno:${id}`);
  else if (task.status === 'failed' || task.status === 'cancelled') await accountOf(c.env, c.get('user').id).predictionFailed(`suno:${id}`);
  return c.json(task);
});
