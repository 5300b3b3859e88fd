import type { Context } from 'hono';
import { z } from 'zod';
import { newApp, type AppEnv } from '../app';
import { configOf } from '../env';
import { TIER_LIMITS, type Tier } from '../account/plans';
import { accountOf, unwrap } from '../account/stub';
import type { PaidUse } from '../account/types';
import { UPLOAD_LIMIT_BYTES, readJson, readLimited } from '../http/body';
import { ProxyError, badRequest, notFound } from '../http/errors';
import { screenPrompts } from '../safety/screen';
import { ClipLengthError, REPLICATE_CATALOG, clipSeconds, maxClipSeconds, requestedLines, type CatalogModel } from './catalog';
import { sniffMediaType } from './magic';
import { deliverOutput, givePaidCallBack, takePaidCall } from './paid';
import { recordPaidCallCost } from '../ops/costs';
import { cleanHeaders, fetchUpstream, providerError } from './upstream';
import { isForbiddenImageUrl, looksLikeUrl } from './urlGuard';
import { ownedTrainedModel } from '../trainings/trained-models';

/** Images inside prediction JSON: data URIs up to 384 KB; larger ones go through /files. */
const DATA_URI_LIMIT = 384 * 1024;
const PREDICTION_BODY_LIMIT = 1024 * 1024;

const PredictionBody = z.strictObject({
  version: z.string().min(3).max(200).optional(),
  input: z.record(z.string(), z.unknown()),
});

function replicateHeaders(c: Context<AppEnv>, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${configOf(c.env).REPLICATE_API_TOKEN}`, ...extra };
}

/** No model input needs deeper JSON; deeper is refused before anything walks or re-serialises it. */
const MAX_INPUT_DEPTH = 16;

/**
 * Checks every string in the input (iteratively: no input can overflow the stack): URLs must be
 * public https, data URIs small and real media.
 */
function checkInputMedia(input: Record<string, unknown>): void {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (depth > MAX_INPUT_DEPTH) throw badRequest(`input.${path.slice(0, 80)}…: the input nests deeper than ${MAX_INPUT_DEPTH} levels.`);
    if (typeof v === 'string') checkInputString(v, path);
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: `${path}[${i}]`, depth: depth + 1 }));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: path ? `${path}.${k}` : k, depth: depth + 1 });
  }
}

function checkInputString(v: string, path: string): void {
  if (looksLikeUrl(v)) {
    const why = isForbiddenImageUrl(v);
    if (why) throw new ProxyError(400, 'URL_NOT_ALLOWED', `input.${path}: ${why}; upload the image through /replicate/v1/files instead.`);
  } else if (/^data:/i.test(v)) {
    if (v.length > DATA_URI_LIMIT) throw new ProxyError(413, 'PAYLOAD_TOO_LARGE', `input.${path}: data URI over ${DATA_URI_LIMIT / 1024} KB; upload it through /replicate/v1/files.`);
    const m = /^data:([\w/+.-]+)?(;base64)?,(.*)$/is.exec(v);
    if (!m?.[2]) throw badRequest(`input.${path}: data URIs must be base64.`);
    let head: Uint8Array;
    try {
      head = Uint8Array.from(atob(m[3]!.slice(0, 64)), (ch) => ch.charCodeAt(0));
    } catch {
      throw badRequest(`input.${path}: the data URI is not valid base64.`);
    }
    if (!sniffMediaType(head)) throw new ProxyError(415, 'UNSUPPORTED_MEDIA', `input.${path}: only PNG, JPEG, WebP, GIF, WAV, MP3 or MP4 data is accepted.`);
  }
}

/** A resolution above the tier's (e.g. 4K outside Agency) is refused before any paid call is taken. */
function checkResolution(model: CatalogModel, input: Record<string, unknown>, tier: Tier): void {
  const lines = requestedLines(model, input);
  const max = TIER_LIMITS[tier].resolutions.includes('4k') ? 2160 : 1080;
  if (lines !== null && lines > max) throw new ProxyError(402, 'RESOLUTION_NOT_IN_TIER', `${lines === 2160 ? '4K' : `${lines}p`} is not in the ${tier} plan.`);
}

/** What a call on this model takes from its video: one paid call and, for video and music, its clip's seconds. */
function paidUse(model: CatalogModel, input: Record<string, unknown>): PaidUse {
  let seconds: number;
  try {
    seconds = clipSeconds(model, input);
  } catch (e) {
    if (e instanceof ClipLengthError) throw badRequest(e.message);
    throw e;
  }
  return { kind: model.kind, seconds, maxClipSeconds: maxClipSeconds(model) };
}

/** The characters a speech model will read (priced per 1000). */
function textLength(model: CatalogModel, input: Record<string, unknown>): number {
  return model.kind === 'speech' ? model.promptFields.reduce((n, f) => n + (typeof input[f] === 'string' ? (input[f] as string).length : 0), 0) : 0;
}

/** Any output at all (a finished one, or partial output some models stream while processing) is a delivery. */
function hasOutput(prediction: Record<string, unknown>): boolean {
  return prediction.status === 'succeeded' || (prediction.output !== null && prediction.output !== undefined);
}

/** Failed or cancelled before any output: the provider made nothing, so its seconds go back. */
function endedWithoutOutput(prediction: Record<string, unknown>): boolean {
  return ['failed', 'canceled', 'aborted'].includes(String(prediction.status)) && (prediction.output === null || prediction.output === undefined);
}

/** Points the prediction's poll/cancel URLs at the proxy so clients never talk to Replicate. */
function rewrite(prediction: Record<string, unknown>): Record<string, unknown> {
  const id = String(prediction.id ?? '');
  return { ...prediction, urls: { get: `/replicate/v1/predictions/${id}`, cancel: `/replicate/v1/predictions/${id}/cancel` } };
}

/**
 * The version to run upstream, if any: a community model only as the version the catalog pins
 * (on POST /v1/predictions — its name on the models endpoint would 404), however the client asked;
 * an official model by name unless a pinned version was named; a user's own trained version as given.
 */
function upstreamVersion(model: CatalogModel, version: string | undefined, trained: boolean): string | undefined {
  if (trained) return version;
  if (model.endpoint === 'version') return model.versions[0];
  return version;
}

/**
 * Creates a prediction for a catalog model, bound to this user and (for paid kinds) a video.
 * `model` defaults to the catalog entry; a user's own trained version passes the entry its trainer produces.
 */
export async function createPrediction(c: Context<AppEnv>, modelName: string, requestedVersion: string | undefined, rawInput: Record<string, unknown>, kind = 'prediction', model: CatalogModel | undefined = REPLICATE_CATALOG[modelName], trained = false): Promise<Record<string, unknown>> {
  if (!model) throw new ProxyError(403, 'MODEL_NOT_ALLOWED', `${modelName} is not in the proxy's model catalog.`);
  const version = upstreamVersion(model, requestedVersion, trained);
  const input = { ...rawInput, ...model.forcedInput };
  checkInputMedia(input);
  const use = paidUse(model, input);
  checkResolution(model, input, c.get('user').tier as Tier);
  await screenPrompts(c, `replicate:${modelName}`, model.promptFields.map((f) => (typeof input[f] === 'string' ? (input[f] as string) : '')));
  const video = await takePaidCall(c, use);
  const url = version ? `${configOf(c.env).REPLICATE_BASE_URL}/predictions` : `${configOf(c.env).REPLICATE_BASE_URL}/models/${modelName}/predictions`;
  const prefer = c.req.header('prefer');
  const res = await fetchUpstream('replicate', url, {
    method: 'POST',
    headers: replicateHeaders(c, { 'content-type': 'application/json', ...(prefer && /^wait(=\d{1,2})?$/.test(prefer) ? { prefer } : {}) }),
    body: JSON.stringify(version ? { version, input } : { input }),
  });
  if (!res.ok) {
    if (res.status >= 400 && res.status < 500) await givePaidCallBack(c, video.videoId, use);
    throw await providerError('replicate', res, [configOf(c.env).REPLICATE_API_TOKEN]);
  }
  const prediction = (await res.json()) as Record<string, unknown>;
  if (typeof prediction.id !== 'string') throw new ProxyError(502, 'PROVIDER_ERROR', 'Replicate answered without a prediction id.');
  await accountOf(c.env, c.get('user').id).recordPrediction(prediction.id, video.videoId, `${kind}:${model.kind}`, use.seconds);
  recordPaidCallCost(c, { id: prediction.id, userId: c.get('user').id, videoId: video.videoId, model: modelName, kind: model.kind, seconds: use.seconds, characters: textLength(model, input) });
  if (hasOutput(prediction)) await deliverOutput(c, video.videoId, `prediction ${prediction.id}`, prediction.id);
  else if (endedWithoutOutput(prediction)) await accountOf(c.env, c.get('user').id).predictionFailed(prediction.id);
  return rewrite(prediction);
}

/** Gets a prediction this user created (404 for anyone else's); its output only through the ledger's delivery. */
export async function getPrediction(c: Context<AppEnv>, id: string, cancel = false): Promise<Record<string, unknown>> {
  const owned = await accountOf(c.env, c.get('user').id).getPrediction(id);
  if (!owned) throw notFound('No such prediction for this account.');
  const base = configOf(c.env).REPLICATE_BASE_URL;
  const res = await fetchUpstream('replicate', cancel ? `${base}/predictions/${encodeURIComponent(id)}/cancel` : `${base}/predictions/${encodeURIComponent(id)}`, {
    method: cancel ? 'POST' : 'GET',
    headers: replicateHeaders(c),
  });
  if (!res.ok) throw await providerError('replicate', res, [configOf(c.env).REPLICATE_API_TOKEN]);
  const prediction = (await res.json()) as Record<string, unknown>;
  if (hasOutput(prediction)) await deliverOutput(c, owned.videoId, `prediction ${id}`, id);
  else if (endedWithoutOutput(prediction)) await accountOf(c.env, c.get('user').id).predictionFailed(id);
  return rewrite(prediction);
}

export const replicateRoutes = newApp();

replicateRoutes.post('/predictions', async (c) => {
  const body = await readJson(c, PredictionBody, PREDICTION_BODY_LIMIT);
  const m = /^([\w.-]+\/[\w.-]+)(?::([0-9a-f]{64}))?$/.exec(body.version ?? '');
  if (!m) throw badRequest('Give version as "owner/name" or "owner/name:<version id>" of a catalog model (or POST /replicate/v1/models/owner/name/predictions).');
  const catalog = REPLICATE_CATALOG[m[1]!];
  // Under a catalog name only its pinned versions run (any other id could be any code).
  if (catalog && m[2] && !catalog.versions.includes(m[2])) {
    throw new ProxyError(403, 'MODEL_NOT_ALLOWED', `${m[1]}:${m[2].slice(0, 8)}… is not a version the proxy has pinned for ${m[1]}; run "${m[1]}" without a version.`);
  }
  // Not a catalog model: it may be a brand style this user trained (anyone else's is refused as unknown).
  const trained = !catalog && m[2] ? await ownedTrainedModel(c, body.version!) : null;
  return c.json(await createPrediction(c, m[1]!, m[2] ? body.version : undefined, body.input, 'prediction', trained?.produces ?? catalog, Boolean(trained)), 201);
});

replicateRoutes.post('/models/:owner/:name/predictions', async (c) => {
  const body = await readJson(c, PredictionBody.omit({ version: true }), PREDICTION_BODY_LIMIT);
  return c.json(await createPrediction(c, `${c.req.param('owner')}/${c.req.param('name')}`, undefined, body.input), 201);
});

replicateRoutes.get('/predictions/:id', async (c) => c.json(await getPrediction(c, c.req.param('id'))));
replicateRoutes.post('/predictions/:id/cancel', async (c) => c.json(await getPrediction(c, c.req.param('id'), true)));

/**
 * Uploads an image/audio/video file to Replicate's Files API for a live video: X-Zapcut-Video must
 * name a reserved or committed video of this user, and each upload takes one of that video's
 * uploads (one per paid call it covers; given back when Replicate refuses the file). At most 10 MB
 * (Replicate accepts up to 100 MiB; no model input here needs more), type from its magic bytes,
 * a filename Replicate accepts (≤ 255 bytes). Brand-style trainings upload their zip inside the
 * Worker, under the training's own reservation (trainings/routes.ts).
 */
replicateRoutes.post('/files', async (c) => {
  const videoId = c.req.header('x-zapcut-video');
  if (!videoId) throw new ProxyError(402, 'VIDEO_REQUIRED', 'Uploads need an X-Zapcut-Video header with the id of a video you reserved (POST /v1/videos); upload the files a video needs while making it.');
  const raw = await readLimited(c, UPLOAD_LIMIT_BYTES + 64 * 1024);
  const form = await new Response(raw, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData().catch(() => null);
  const file = form?.get('content') as unknown as File | string | null | undefined;
  if (!file || typeof file === 'string') throw badRequest('Send multipart/form-data with the file in a "content" field.');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > UPLOAD_LIMIT_BYTES) throw new ProxyError(413, 'PAYLOAD_TOO_LARGE', `Uploads are limited to ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB; send a smaller file.`);
  const type = sniffMediaType(bytes);
  if (!type) throw new ProxyError(415, 'UNSUPPORTED_MEDIA', 'Only PNG, JPEG, WebP, GIF, WAV, MP3 or MP4 files can be uploaded.');
  const name = (file.name || 'upload').replace(/[^\w.-]/g, '_').slice(0, 200);
  const account = accountOf(c.env, c.get('user').id);
  unwrap(await account.useUpload(videoId));
  const out = new FormData();
  out.set('content', new File([bytes], name, { type }));
  const res = await fetchUpstream('replicate', `${configOf(c.env).REPLICATE_BASE_URL}/files`, { method: 'POST', headers: replicateHeaders(c), body: out }).catch(async (e: unknown) => {
    await account.releaseUpload(videoId);
    throw e;
  });
  if (!res.ok) {
    if (res.status < 500) await account.releaseUpload(videoId);
    throw await providerError('replicate', res, [configOf(c.env).REPLICATE_API_TOKEN]);
  }
  return new Response(res.body, { status: res.status, headers: cleanHeaders(res.headers) });
});
