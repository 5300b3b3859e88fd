/**
 * The deploy check (issue 17): asks each provider, with the operator's own keys, whether every
 * model the catalog names exists — each official Replicate model by name, each community model's
 * pinned version, the LoRA trainer's version and the training destination model (created when the
 * caller allows it), the text models at OpenAI and Anthropic, the Suno gateway's credit — and
 * reports what would fail before a user meets it. Nothing here costs money.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { configOf, type Config } from '../env';
import { TEXT_MODELS, catalog } from '../../../src/shared/models/catalog';

export type CheckStatus = 'ok' | 'created' | 'missing' | 'warning' | 'error' | 'skipped';

export interface CheckItem {
  provider: 'replicate' | 'openai' | 'anthropic' | 'suno';
  what: string;
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  items: CheckItem[];
}

type Get = (url: string, init?: RequestInit) => Promise<{ status: number; body: unknown }>;

const fetchJson: Get = async (url, init) => {
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: res.status, body };
  } catch (e) {
    return { status: 0, body: String(e) };
  }
};

/** A short reason from a provider's answer, without anything key-shaped. */
function reason(r: { status: number; body: unknown }): string {
  if (r.status === 0) return `unreachable (${String(r.body).slice(0, 120)})`;
  const b = r.body as { detail?: unknown; error?: { message?: unknown } | unknown; msg?: unknown; title?: unknown } | null;
  const m = b && typeof b === 'object' ? (b.detail ?? (typeof b.error === 'object' && b.error ? (b.error as { message?: unknown }).message : b.error) ?? b.msg ?? b.title) : b;
  return `HTTP ${r.status}${typeof m === 'string' && m ? `: ${m.slice(0, 200)}` : ''}`.replace(/\b(sk-[A-Za-z0-9_-]{8,}|r8_[A-Za-z0-9]{8,}|sk-ant-[A-Za-z0-9_-]{8,})/g, '[redacted]');
}

async function checkReplicate(config: Config, get: Get, createDestination: boolean): Promise<CheckItem[]> {
  if (!config.REPLICATE_API_TOKEN) return [{ provider: 'replicate', what: 'key', name: 'REPLICATE_API_TOKEN', status: 'error', detail: 'not set: every video, image, voice and music call would fail' }];
  const base = config.REPLICATE_BASE_URL;
  const auth = { authorization: `Bearer ${config.REPLICATE_API_TOKEN}` };
  const items: CheckItem[] = [];
  // GET /v1/account answers only to a working token: a refused key fails every call, so say that once.
  const account = await get(`${base}/account`, { headers: auth });
  if (account.status !== 200) return [{ provider: 'replicate', what: 'key', name: 'REPLICATE_API_TOKEN', status: 'error', detail: `${account.status === 401 ? 'refused' : 'not usable'} (${reason(account)}): every video, image, voice and music call would fail` }];
  const username = (account.body as { username?: unknown } | null)?.username;
  items.push({ provider: 'replicate', what: 'key', name: 'REPLICATE_API_TOKEN', status: 'ok', detail: `works${typeof username === 'string' ? ` (account ${username})` : ''}` });
  for (const m of catalog.filter((x) => x.provider === 'replicate' && x.replicate && x.slug !== config.TRAINER_MODEL)) {
    const r = m.replicate!;
    if (r.endpoint === 'official') {
      const got = await get(`${base}/models/${m.slug}`, { headers: auth });
      if (got.status !== 200) {
        items.push({ provider: 'replicate', what: `${m.capability} model`, name: m.slug, status: got.status === 404 ? 'missing' : 'error', detail: reason(got) });
        continue;
      }
      const latest = (got.body as { latest_version?: { id?: string } | null }).latest_version?.id;
      items.push(
        latest && latest !== r.version
          ? { provider: 'replicate', what: `${m.capability} model`, name: m.slug, status: 'warning', detail: `runs; its latest version ${latest.slice(0, 12)}… is not the recorded ${r.version.slice(0, 12)}… — re-read its schema (src/shared/models/schemas/${r.schema})` }
          : { provider: 'replicate', what: `${m.capability} model`, name: m.slug, status: 'ok', detail: 'official model, runs by name' },
      );
    } else {
      const got = await get(`${base}/models/${m.slug}/versions/${r.version}`, { headers: auth });
      items.push({ provider: 'replicate', what: `${m.capability} version`, name: `${m.slug}:${r.version.slice(0, 12)}…`, status: got.status === 200 ? 'ok' : got.status === 404 ? 'missing' : 'error', detail: got.status === 200 ? 'pinned version exists' : reason(got) });
    }
  }
  const trainer = await get(`${base}/models/${config.TRAINER_MODEL}/versions/${config.TRAINER_VERSION}`, { headers: auth });
  items.push({ provider: 'replicate', what: 'LoRA trainer version', name: `${config.TRAINER_MODEL}:${config.TRAINER_VERSION.slice(0, 12)}…`, status: trainer.status === 200 ? 'ok' : trainer.status === 404 ? 'missing' : 'error', detail: trainer.status === 200 ? 'exists' : reason(trainer) });
  const dest = await get(`${base}/models/${config.TRAINING_DESTINATION}`, { headers: auth });
  if (dest.status === 200) items.push({ provider: 'replicate', what: 'LoRA destination', name: config.TRAINING_DESTINATION, status: 'ok', detail: 'exists' });
  else if (dest.status === 404 && createDestination) {
    const [owner, name] = config.TRAINING_DESTINATION.split('/') as [string, string];
    const made = await get(`${base}/models`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ owner, name, visibility: 'private', hardware: 'gpu-t4', description: 'Zapcut brand styles (LoRA versions made by brand-style trainings).' }),
    });
    items.push({ provider: 'replicate', what: 'LoRA destination', name: config.TRAINING_DESTINATION, status: made.status === 201 || made.status === 200 ? 'created' : 'error', detail: made.status === 201 || made.status === 200 ? 'created (private)' : `could not create it: ${reason(made)}` });
  } else {
    items.push({ provider: 'replicate', what: 'LoRA destination', name: config.TRAINING_DESTINATION, status: dest.status === 404 ? 'missing' : 'error', detail: dest.status === 404 ? 'does not exist: every brand-style training would fail (run the check with create to make it)' : reason(dest) });
  }
  return items;
}

async function checkText(config: Config, get: Get): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  if (!config.OPENAI_API_KEY) items.push({ provider: 'openai', what: 'text model', name: TEXT_MODELS.openai, status: 'skipped', detail: 'OPENAI_API_KEY not set (the app writes with Anthropic by default)' });
  else {
    const got = await get(`${config.OPENAI_BASE_URL}/models/${TEXT_MODELS.openai}`, { headers: { authorization: `Bearer ${config.OPENAI_API_KEY}` } });
    items.push({ provider: 'openai', what: 'text model', name: TEXT_MODELS.openai, status: got.status === 200 ? 'ok' : got.status === 404 ? 'missing' : 'error', detail: got.status === 200 ? 'exists' : reason(got) });
  }
  if (!config.ANTHROPIC_API_KEY) items.push({ provider: 'anthropic', what: 'text model', name: TEXT_MODELS.anthropic, status: 'error', detail: 'ANTHROPIC_API_KEY not set: drafts and storyboards would fail' });
  else {
    const got = await get(`${config.ANTHROPIC_BASE_URL}/models/${TEXT_MODELS.anthropic}`, { headers: { 'x-api-key': config.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01' } });
    items.push({ provider: 'anthropic', what: 'text model', name: TEXT_MODELS.anthropic, status: got.status === 200 ? 'ok' : got.status === 404 ? 'missing' : 'error', detail: got.status === 200 ? 'exists' : reason(got) });
  }
  return items;
}

async function checkSuno(config: Config, get: Get): Promise<CheckItem[]> {
  if (!(config.SUNO_API_KEY && config.SUNO_BASE_URL)) return [{ provider: 'suno', what: 'music gateway', name: 'SUNO_BASE_URL', status: 'skipped', detail: 'not configured: music runs on the Replicate model' }];
  // sunoapi.org: GET /api/v1/generate/credit → {code: 200, data: <credits left>}.
  const got = await get(`${config.SUNO_BASE_URL}/api/v1/generate/credit`, { headers: { authorization: `Bearer ${config.SUNO_API_KEY}` } });
  const b = got.body as { code?: number; data?: unknown } | null;
  if (got.status === 200 && b?.code === 200) {
    const credits = Number(b.data);
    return [{ provider: 'suno', what: 'music gateway', name: config.SUNO_BASE_URL, status: credits > 0 ? 'ok' : 'error', detail: credits > 0 ? `${credits} credits left` : 'no credits left: every music call would fail' }];
  }
  return [{ provider: 'suno', what: 'music gateway', name: config.SUNO_BASE_URL, status: 'error', detail: reason({ status: b?.code ?? got.status, body: got.body }) }];
}

export async function checkProviders(c: Context<AppEnv>, opts: { createDestination: boolean }, get: Get = fetchJson): Promise<CheckReport> {
  const config = configOf(c.env);
  const items = [...(await checkReplicate(config, get, opts.createDestination)), ...(await checkText(config, get)), ...(await checkSuno(config, get))];
  // 401/402/403: the operator's key or billing at that provider, which fails every call there.
  for (const i of items) if (i.status === 'error' && /HTTP (401|402|403)\b/.test(i.detail)) i.detail += ' — check the operator key and billing at this provider';
  return { ok: items.every((i) => i.status === 'ok' || i.status === 'created' || i.status === 'warning' || i.status === 'skipped'), checkedAt: new Date().toISOString(), items };
}
