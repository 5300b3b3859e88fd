/**
 * Brand-style (LoRA) trainings. The app sends a brand's training images; the Worker zips them
 * itself (fflate), uploads the zip to Replicate's Files API and starts a training with the ONE
 * trainer in TRAINING_CATALOG, so a token can never start an arbitrary (expensive) training.
 * Ownership and the one-running-per-brand rule (a partial unique index) live in D1. The plan's
 * monthly allowance lives in the user's ledger object (account/trainings.ts): a start reserves one
 * (idempotent per Idempotency-Key); the training is spent when the trainer produced a version the
 * user can run and given back when it produced nothing (failed, cancelled, never started). No
 * credits are charged (the style is part of the plan); each start is also written to the audit log
 * with costCents 0, so admins see them.
 */
import type { Context } from 'hono';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { newApp, type AppEnv } from '../app';
import { requireUser } from '../auth/middleware';
import { audit } from '../db/schema';
import { configOf } from '../env';
import { readJson } from '../http/body';
import { sha256Hex } from '../auth/crypto';
import { accountOf, unwrap } from '../account/stub';
import { ProxyError, badRequest, notFound } from '../http/errors';
import { sniffMediaType } from '../forward/magic';
import { fetchUpstream, providerError } from '../forward/upstream';
import { TRAINING_CATALOG } from '../forward/catalog';
import { trainedOutput } from './trained-models';

/** Same per-image limit as data URIs inside predictions. */
const DATA_URI_LIMIT = 384 * 1024;
const MAX_IMAGES = 30;
const BODY_LIMIT = MAX_IMAGES * DATA_URI_LIMIT + 64 * 1024;
const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

const TrainingBody = z.strictObject({
  brandKey: z.string().regex(/^[\w.:-]{1,100}$/, 'brandKey: 1–100 letters, digits, _ . : -'),
  images: z.array(z.string().max(DATA_URI_LIMIT)).min(1).max(MAX_IMAGES),
  triggerWord: z.string().regex(/^[A-Za-z0-9_]{2,40}$/, 'triggerWord: 2–40 letters, digits or _'),
});

interface TrainingRow {
  id: string;
  user_id: string;
  brand_key: string;
  upstream_id: string | null;
  status: string;
  running: number;
  trainer: string | null;
  output_version: string | null;
}

const FINAL = new Set(['succeeded', 'failed', 'canceled']);
const month = () => new Date().toISOString().slice(0, 7);
const runningError = () => new ProxyError(409, 'TRAINING_RUNNING', 'A style training for this brand is already running; wait for it to finish or cancel it.');

function decodeImage(uri: string, i: number): { bytes: Uint8Array; ext: string } {
  const m = /^data:[\w/+.-]*;base64,(.*)$/s.exec(uri);
  if (!m) throw badRequest(`images[${i}]: send a base64 data URI (PNG, JPEG or WebP) of at most ${DATA_URI_LIMIT / 1024} KB.`);
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(m[1]!), (ch) => ch.charCodeAt(0));
  } catch {
    throw badRequest(`images[${i}]: the data URI is not valid base64.`);
  }
  const ext = EXT[sniffMediaType(bytes) ?? ''];
  if (!ext) throw new ProxyError(415, 'UNSUPPORTED_MEDIA', `images[${i}]: only PNG, JPEG or WebP images can be trained on.`);
  return { bytes, ext };
}

const replicateAuth = (c: Context<AppEnv>) => ({ authorization: `Bearer ${configOf(c.env).REPLICATE_API_TOKEN}` });

/**
 * Asks Replicate for the training's state and stores it; a final state frees the brand's slot and
 * settles the training in the ledger: spent with a usable version, given back without one. A
 * version the ledger already gave back is withheld (the user was not charged for it).
 */
async function refresh(c: Context<AppEnv>, row: TrainingRow, cancel = false): Promise<Record<string, unknown>> {
  if (!row.upstream_id) return { status: row.status };
  const base = configOf(c.env).REPLICATE_BASE_URL;
  const id = encodeURIComponent(row.upstream_id);
  const res = await fetchUpstream('replicate', cancel ? `${base}/trainings/${id}/cancel` : `${base}/trainings/${id}`, { method: cancel ? 'POST' : 'GET', headers: replicateAuth(c) });
  if (!res.ok) throw await providerError('replicate', res, [configOf(c.env).REPLICATE_API_TOKEN]);
  const t = (await res.json()) as Record<string, unknown>;
  let status = String(t.status ?? 'processing');
  if (FINAL.has(status) && (status !== row.status || (status === 'succeeded' && !row.output_version))) {
    const out = status === 'succeeded' ? trainedOutput(t) : null;
    const settled = await accountOf(c.env, row.user_id).settleTraining(row.id, Boolean(out), out ? `trained version ${out.version}` : `the trainer ${status} without a version`, 'system:training');
    if (settled?.state === 'refunded' && out) {
      // Given back earlier (cancelled, then the provider finished anyway): not the user's to run.
      status = FINAL.has(row.status) && row.status !== 'succeeded' ? row.status : 'canceled';
      await c.env.DB.prepare('UPDATE trainings SET status = ?, running = 0, updated_at = ? WHERE id = ?').bind(status, new Date().toISOString(), row.id).run();
      row.status = status;
      return { status };
    }
  }
  // (A success recorded before versions were kept gets its version on the next look.)
  if (status !== row.status || (status === 'succeeded' && !row.output_version)) {
    // The trained version is recorded with the success: it is what lets this user (only) run it.
    const out = status === 'succeeded' ? trainedOutput(t) : null;
    await c.env.DB.prepare('UPDATE trainings SET status = ?, running = ?, output_version = ?, output_weights = ?, updated_at = ? WHERE id = ?')
      .bind(status, FINAL.has(status) ? 0 : 1, out?.version ?? null, out?.weights ?? null, new Date().toISOString(), row.id)
      .run();
    row.status = status;
    row.output_version = out?.version ?? null;
  }
  return t;
}

function view(row: TrainingRow, t: Record<string, unknown>) {
  const out = trainedOutput(t);
  return {
    trainingId: row.id,
    brandKey: row.brand_key,
    status: row.status,
    ...(row.status === 'succeeded' && out ? { output: out } : {}),
    ...(row.status === 'failed' ? { error: typeof t.error === 'string' ? t.error : 'The training failed at the provider.' } : {}),
  };
}

async function owned(c: Context<AppEnv>): Promise<TrainingRow> {
  const row = await c.env.DB.prepare('SELECT * FROM trainings WHERE id = ? AND user_id = ?').bind(c.req.param('id') ?? '', c.get('user').id).first<TrainingRow>();
  if (!row) throw notFound('No such training for this account.');
  return row;
}

export const trainingRoutes = newApp();
trainingRoutes.use('*', requireUser);

/** What a replayed start answers: the training as it is now (409 while the first request is still starting it). */
async function replay(c: Context<AppEnv>, trainingId: string): Promise<Response> {
  const row = await c.env.DB.prepare('SELECT * FROM trainings WHERE id = ? AND user_id = ?').bind(trainingId, c.get('user').id).first<TrainingRow>();
  if (!row) throw new ProxyError(409, 'TRAINING_STARTING', 'A training with this Idempotency-Key is still being started; ask again in a moment.', undefined, { 'Retry-After': '2' });
  c.header('Idempotent-Replayed', 'true');
  return c.json(view(row, { status: row.status }), 201);
}

trainingRoutes.post('/', async (c) => {
  const key = c.req.header('idempotency-key');
  if (!key || key.length > 200) throw badRequest('Send an Idempotency-Key header (up to 200 characters) so a retried request starts the same training.');
  const body = await readJson(c, TrainingBody, BODY_LIMIT);
  const user = c.get('user');
  const config = configOf(c.env);
  const trainer = TRAINING_CATALOG[config.TRAINER_MODEL];
  if (!trainer) throw new ProxyError(503, 'TRAINER_NOT_CONFIGURED', `${config.TRAINER_MODEL} is not an allowlisted trainer; ask the Zapcut team.`);
  const files = Object.fromEntries(body.images.map((uri, i) => {
    const img = decodeImage(uri, i);
    return [`${String(i + 1).padStart(2, '0')}.${img.ext}`, img.bytes] as const;
  }));
  const account = accountOf(c.env, user.id);
  const earlier = await account.trainingByKey(key);
  const bodyHash = await sha256Hex(JSON.stringify([body.brandKey, body.triggerWord, body.images]));

  if (!earlier) {
    // A running training for this brand that finished since anyone asked no longer blocks it.
    const running = await c.env.DB.prepare('SELECT * FROM trainings WHERE user_id = ? AND brand_key = ? AND running = 1').bind(user.id, body.brandKey).all<TrainingRow>();
    for (const r of running.results) await refresh(c, r);
    if (running.results.some((r) => !FINAL.has(r.status))) throw runningError();
  }

  // The plan's allowance, in the ledger (a replay answers the training this key started).
  const reserved = unwrap(await account.reserveTraining({ trainingId: crypto.randomUUID(), idempotencyKey: key, bodyHash, brandKey: body.brandKey, actor: user.id }));
  if (reserved.replay) return replay(c, reserved.training.trainingId);
  const id = reserved.training.trainingId;
  const giveBack = (why: string) => account.settleTraining(id, false, why, 'system:training');

  const now = new Date().toISOString();
  try {
    await c.env.DB.prepare(`INSERT INTO trainings (id, user_id, brand_key, upstream_id, status, running, month, created_at, updated_at, trainer) VALUES (?, ?, ?, NULL, 'creating', 1, ?, ?, ?, ?)`)
      .bind(id, user.id, body.brandKey, month(), now, now, config.TRAINER_MODEL)
      .run();
  } catch (e) {
    await giveBack('another training for this brand started at the same moment');
    if (/UNIQUE/i.test(String(e))) throw runningError();
    throw e;
  }

  try {
    const form = new FormData();
    // Stored, not deflated: JPEG/PNG/WebP are already compressed, so level 0 costs no size and no CPU.
    form.set('content', new File([zipSync(files, { level: 0 })], `${body.brandKey.replace(/[^\w-]/g, '_')}.zip`, { type: 'application/zip' }));
    const up = await fetchUpstream('replicate', `${config.REPLICATE_BASE_URL}/files`, { method: 'POST', headers: replicateAuth(c), body: form });
    if (!up.ok) throw await providerError('replicate', up, [config.REPLICATE_API_TOKEN]);
    const file = (await up.json()) as { urls?: { get?: unknown } };
    if (typeof file.urls?.get !== 'string') throw new ProxyError(502, 'PROVIDER_ERROR', 'Replicate answered the upload without a file URL.');
    const res = await fetchUpstream('replicate', `${config.REPLICATE_BASE_URL}/models/${config.TRAINER_MODEL}/versions/${config.TRAINER_VERSION}/trainings`, {
      method: 'POST',
      headers: { ...replicateAuth(c), 'content-type': 'application/json' },
      body: JSON.stringify({ destination: config.TRAINING_DESTINATION, input: { ...trainer.fixedInput, input_images: file.urls.get, [trainer.triggerField]: body.triggerWord } }),
    });
    if (!res.ok) throw await providerError('replicate', res, [config.REPLICATE_API_TOKEN]);
    const t = (await res.json()) as Record<string, unknown>;
    if (typeof t.id !== 'string') throw new ProxyError(502, 'PROVIDER_ERROR', 'Replicate answered without a training id.');
    const status = String(t.status ?? 'starting');
    await c.env.DB.prepare('UPDATE trainings SET upstream_id = ?, status = ?, updated_at = ? WHERE id = ?').bind(t.id, status, new Date().toISOString(), id).run();
    await audit(c.env, user.id, 'training', user.id, 'brand style training (no charge)', { trainingId: id, brandKey: body.brandKey, images: body.images.length, trainer: config.TRAINER_MODEL, costCents: 0 });
    return c.json({ trainingId: id, status }, 201);
  } catch (e) {
    // Never started: it neither blocks the brand nor counts against the month (a replay of this
    // key answers the failure).
    await c.env.DB.prepare("UPDATE trainings SET status = 'failed', running = 0, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), id).run();
    await giveBack(`the training did not start: ${e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200)}`);
    throw e;
  }
});

trainingRoutes.get('/:id', async (c) => {
  const row = await owned(c);
  return c.json(view(row, await refresh(c, row)));
});

trainingRoutes.post('/:id/cancel', async (c) => {
  const row = await owned(c);
  return c.json(view(row, FINAL.has(row.status) ? await refresh(c, row) : await refresh(c, row, true)));
});
