/**
 * Music for an ad: MusicGen on Replicate (a community model, so the catalog pins its version and
 * createPrediction runs it on POST /v1/predictions), or Suno through a gateway when one is
 * configured. Suno has no official public API; the adapter speaks sunoapi.org's documented API
 * (https://docs.sunoapi.org — POST /api/v1/generate → {code, msg, data: {taskId}}, then
 * GET /api/v1/generate/record-info?taskId=… → {data: {status, response: {sunoData: [...]}}}),
 * which kie.ai and others serve with the same shape. Suno takes no duration (its songs run
 * minutes; the composition trims the bed to the ad) and returns two songs per task: we use the
 * first. Every gateway status maps to a final or running state; failures end the task at once.
 */
import { z } from 'zod';
import { newApp } from '../app';
import { configOf, type Config } from '../env';
import { accountOf } from '../account/stub';
import { readJson } from '../http/body';
import { ProxyError, notFound } from '../http/errors';
import { screenPrompts } from '../safety/screen';
import { DEFAULT_MUSIC_MODEL, REPLICATE_CATALOG } from './catalog';
import { deliverOutput, givePaidCallBack, takePaidCall } from './paid';
import { recordPaidCallCost } from '../ops/costs';
import { createPrediction, getPrediction } from './replicate';
import { fetchUpstream, isOperatorProblem, providerError, serviceUnavailable } from './upstream';

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

const PREDICTION_STATUS: Record<string, MusicTask['status']> = { starting: 'queued', processing: 'running', succeeded: 'succeeded', failed: 'failed', canceled: 'cancelled', aborted: 'failed' };

export function fromPrediction(p: Record<string, unknown>): MusicTask {
  const s = String(p.status);
  const out = p.output;
  const status = PREDICTION_STATUS[s] ?? 'failed';
  return {
    id: String(p.id),
    provider: 'replicate',
    status,
    audioUrl: typeof out === 'string' ? out : Array.isArray(out) && typeof out[0] === 'string' ? out[0] : null,
    error: typeof p.error === 'string' ? p.error : status === 'failed' ? `The music model stopped (${s}).` : null,
  };
}

/** sunoapi.org: `code` 200 is success; anything else is a refusal (429 = the operator is out of credits). */
const SunoEnvelope = z.object({ code: z.number(), msg: z.string().nullable().optional(), data: z.unknown() });
const SunoCreated = z.object({ taskId: z.string().min(1).max(200) });
const SunoRecord = z.object({
  taskId: z.string(),
  status: z.string(),
  response: z.object({ sunoData: z.array(z.object({ id: z.string().optional(), audioUrl: z.string().nullable().optional() }).loose()).nullable().optional() }).loose().nullable().optional(),
  errorMessage: z.string().nullable().optional(),
}).loose();

const SUNO_RUNNING = new Set(['PENDING', 'TEXT_SUCCESS']);
const SUNO_FAILED = new Set(['CREATE_TASK_FAILED', 'GENERATE_AUDIO_FAILED', 'SENSITIVE_WORD_ERROR', 'CALLBACK_EXCEPTION']);

/** A gateway task record as our task: the first song's URL once one is ready (FIRST_SUCCESS or SUCCESS). */
export function fromSunoRecord(r: z.infer<typeof SunoRecord>): MusicTask {
  const audioUrl = r.response?.sunoData?.find((d) => typeof d.audioUrl === 'string' && d.audioUrl)?.audioUrl ?? null;
  // The URL is handed out only with a success (the route delivers it through the ledger).
  const base = { id: r.taskId, provider: 'suno' as const, audioUrl: null };
  if ((r.status === 'SUCCESS' || r.status === 'FIRST_SUCCESS') && audioUrl) return { ...base, audioUrl, status: 'succeeded', error: null };
  // A callback failure on their side does not lose a finished song.
  if (r.status === 'CALLBACK_EXCEPTION' && audioUrl) return { ...base, audioUrl, status: 'succeeded', error: null };
  if (SUNO_RUNNING.has(r.status) || r.status === 'FIRST_SUCCESS') return { ...base, status: r.status === 'PENDING' ? 'queued' : 'running', error: null };
  if (SUNO_FAILED.has(r.status)) return { ...base, status: 'failed', error: r.errorMessage || `Suno could not make the music (${r.status}).` };
  if (r.status === 'SUCCESS') return { ...base, status: 'failed', error: 'Suno finished without an audio file.' };
  return { ...base, status: 'failed', error: `The Suno gateway answered an unknown status (${r.status.slice(0, 40)}).` };
}

const sunoHeaders = (config: Config) => ({ authorization: `Bearer ${config.SUNO_API_KEY}`, 'content-type': 'application/json' });

/** Reads a gateway answer: the HTTP status and the envelope's `code` both have to say 200. */
async function sunoData(config: Config, res: Response): Promise<unknown> {
  if (!res.ok) throw await providerError('suno', res, [config.SUNO_API_KEY]);
  const env = SunoEnvelope.safeParse(await res.json().catch(() => null));
  if (!env.success) throw new ProxyError(502, 'PROVIDER_ERROR', 'The Suno gateway sent an answer the proxy does not understand.', { provider: 'suno' });
  if (env.data.code !== 200) {
    if (isOperatorProblem('suno', env.data.code, env.data) || env.data.code === 429) {
      console.error(`zapcut-proxy: operator-side suno error ${env.data.code}: ${env.data.msg ?? ''}`);
      throw serviceUnavailable('suno', env.data.code);
    }
    const status = env.data.code === 413 ? 400 : env.data.code === 405 || env.data.code === 430 ? 429 : 502;
    throw new ProxyError(status as 400, 'PROVIDER_ERROR', (env.data.msg ?? `Suno answered code ${env.data.code}.`).slice(0, 300), { provider: 'suno', status: env.data.code });
  }
  return env.data.data;
}

export const musicRoutes = newApp();

musicRoutes.post('/generate', async (c) => {
  const body = await readJson(c, MusicBody);
  const config = configOf(c.env);
  if (!(config.SUNO_API_KEY && config.SUNO_BASE_URL)) {
    const model = REPLICATE_CATALOG[DEFAULT_MUSIC_MODEL]!;
    const f = model.entry.inputs;
    const input = { ...model.entry.fixedInputs, [f.prompt!]: body.prompt, [f.duration!]: body.durationSeconds };
    const prediction = await createPrediction(c, DEFAULT_MUSIC_MODEL, undefined, input, 'music');
    return c.json(fromPrediction(prediction), 201);
  }
  await screenPrompts(c, 'music:suno', [body.prompt]);
  // Suno takes no duration: the reservation is charged the seconds the ad uses.
  const use = { kind: 'music', seconds: body.durationSeconds, maxClipSeconds: 60 } as const;
  const video = await takePaidCall(c, use);
  let created: z.infer<typeof SunoCreated>;
  try {
    const res = await fetchUpstream('suno', `${config.SUNO_BASE_URL}/api/v1/generate`, {
      method: 'POST',
      headers: sunoHeaders(config),
      // Non-custom mode: Suno writes the music from the description (its limit is 500 characters).
      body: JSON.stringify({ prompt: body.prompt.slice(0, 490), customMode: false, instrumental: body.instrumental, model: 'V4_5', callBackUrl: `${new URL(c.req.url).origin}/v1/hooks/suno` }),
    });
    created = SunoCreated.parse(await sunoData(config, res));
  } catch (e) {
    // Nothing was made: the paid call goes back whatever went wrong.
    await givePaidCallBack(c, video.videoId, use);
    if (e instanceof z.ZodError) throw new ProxyError(502, 'PROVIDER_ERROR', 'The Suno gateway did not return a task id.', { provider: 'suno' });
    throw e;
  }
  await accountOf(c.env, c.get('user').id).recordPrediction(`suno:${created.taskId}`, video.videoId, 'music:suno', use.seconds);
  recordPaidCallCost(c, { id: `suno:${created.taskId}`, userId: c.get('user').id, videoId: video.videoId, model: 'suno', kind: 'music', seconds: use.seconds });
  return c.json({ id: created.taskId, provider: 'suno', status: 'queued', audioUrl: null, error: null } satisfies MusicTask, 201);
});

musicRoutes.get('/tasks/:id', async (c) => {
  const id = c.req.param('id');
  const config = configOf(c.env);
  const suno = await accountOf(c.env, c.get('user').id).getPrediction(`suno:${id}`);
  if (!suno) return c.json(fromPrediction(await getPrediction(c, id)));
  if (!config.SUNO_BASE_URL) throw notFound('Suno is no longer configured on this proxy.');
  const res = await fetchUpstream('suno', `${config.SUNO_BASE_URL}/api/v1/generate/record-info?taskId=${encodeURIComponent(id)}`, { headers: sunoHeaders(config) });
  const record = SunoRecord.safeParse(await sunoData(config, res));
  if (!record.success) throw new ProxyError(502, 'PROVIDER_ERROR', 'The Suno gateway sent a task record the proxy does not understand.', { provider: 'suno' });
  if (record.data.taskId !== id) throw new ProxyError(502, 'PROVIDER_ERROR', 'Suno answered for a different task.');
  const task = fromSunoRecord(record.data);
  // The ledger commits the video before the song's URL leaves (or refuses for a given-back video).
  if (task.status === 'succeeded') await deliverOutput(c, suno.videoId, `music task ${id}`, `suno:${id}`);
  else if (task.status === 'failed' || task.status === 'cancelled') await accountOf(c.env, c.get('user').id).predictionFailed(`suno:${id}`);
  return c.json(task);
});
