// Replicate's HTTP contract for the fake upstreams (cloud-proxy/fakes/upstreams.mjs and
// test/system/fakes/media-upstreams.ts): the recorded input schemas of the catalog's models
// (src/shared/models/schemas), request routing as Replicate does it (official models by name on
// POST /v1/models/{owner}/{name}/predictions, every model by version on POST /v1/predictions,
// 404 for a model that is not there, 422 for an input the schema refuses) and Replicate's own
// error bodies, copied from real answers (see the notes on each). Plain ESM so `node` can run the
// fakes without a TypeScript step.
//
// Unknown input fields are NOT refused: Replicate has always dropped them silently (replicate/cog#2943).
// Each validation returns them as `ignored`, and the fakes count them, so tests can assert that
// no field the app sends is silently dropped.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const SCHEMA_DIR = fileURLToPath(new URL('../../src/shared/models/schemas/', import.meta.url));

/** Replicate's error bodies (from real answers quoted in public issues and logs). */
export const REPLICATE_ERRORS = {
  // replicate/replicate-javascript#347: a community model run by name on the models endpoint.
  notFound: { status: 404, body: { detail: 'The requested resource could not be found.', status: 404 } },
  unauthenticated: { status: 401, body: { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 } },
  insufficientCredit: {
    status: 402,
    body: { title: 'Insufficient credit', detail: 'You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a few minutes before trying again.', status: 402 },
  },
  invalidVersion: { status: 422, body: { title: 'Invalid version or not permitted', detail: "The specified version does not exist (or perhaps you don't have permission to use it?)", status: 422 } },
  destinationMissing: { status: 404, body: { title: 'Not found', detail: 'The specified training destination does not exist', status: 404 } },
};

/** slug → recorded schema document (`{ model, version, official, openapi_schema }`). */
export function loadSchemas(dir = SCHEMA_DIR) {
  const out = new Map();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    out.set(doc.model, doc);
  }
  return out;
}

const quote = (v) => (typeof v === 'string' ? `"${v}"` : String(v));
const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

function resolve(doc, prop) {
  const ref = prop.allOf?.[0]?.$ref ?? prop.$ref;
  if (!ref) return prop;
  const name = ref.split('/').pop();
  return { ...doc.openapi_schema.components.schemas[name], ...prop, allOf: undefined, $ref: undefined };
}

function checkValue(doc, schema, value, field, name, out) {
  const s = resolve(doc, schema);
  if (value === null) {
    if (!s.nullable) out.push({ type: 'invalid_type', field, description: `Invalid type. Expected: ${s.type ?? 'value'}, given: null` });
    return;
  }
  const t = typeOf(value);
  const ok = !s.type || s.type === t || (s.type === 'number' && t === 'integer');
  if (!ok) {
    out.push({ type: 'invalid_type', field, description: `Invalid type. Expected: ${s.type}, given: ${t}` });
    return;
  }
  if (s.enum && !s.enum.includes(value)) out.push({ type: 'enum', field, description: `${name} must be one of the following: ${s.enum.map(quote).join(', ')}` });
  if (typeof s.minimum === 'number' && value < s.minimum) out.push({ type: 'number_gte', field, description: `Must be greater than or equal to ${s.minimum}` });
  if (typeof s.maximum === 'number' && value > s.maximum) out.push({ type: 'number_lte', field, description: `Must be less than or equal to ${s.maximum}` });
  if (s.format === 'uri' && typeof value === 'string' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) out.push({ type: 'format', field, description: "Does not match format 'uri'" });
  if (s.type === 'array' && s.items) value.forEach((v, i) => checkValue(doc, s.items, v, `${field}.${i}`, `${name}.${i}`, out));
}

/**
 * Checks a prediction's input against a recorded schema the way Replicate does. Returns the
 * refused fields (Replicate's `invalid_fields` entries) and the unknown fields it would drop.
 */
export function validateInput(doc, input, schemaName = 'Input') {
  const schema = doc.openapi_schema.components.schemas[schemaName];
  const invalid = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    invalid.push({ type: 'invalid_type', field: 'input', description: `Invalid type. Expected: object, given: ${typeOf(input ?? null)}` });
    return { invalid, ignored: [] };
  }
  for (const r of schema.required ?? []) if (input[r] === undefined) invalid.push({ type: 'required', field: 'input', description: `${r} is required` });
  const ignored = [];
  for (const [k, v] of Object.entries(input)) {
    const prop = schema.properties?.[k];
    if (!prop) ignored.push(k);
    else if (v !== undefined) checkValue(doc, prop, v, `input.${k}`, k, invalid);
  }
  return { invalid, ignored };
}

/** Replicate's 422 body for refused fields. */
export function validationFailed(invalid) {
  return {
    status: 422,
    body: { detail: invalid.map((f) => `- ${f.field}: ${f.description}\n`).join(''), status: 422, title: 'Input validation failed', invalid_fields: invalid },
  };
}

const TOP_LEVEL = new Set(['input', 'version', 'webhook', 'webhook_events_filter', 'stream']);

/**
 * Routes a create-prediction request: `{ model, version, doc, input, ignored }` when Replicate
 * would accept it, `{ error: {status, body} }` when it would refuse it. `extraVersions(version)`
 * may resolve versions the fake made itself (trained LoRA versions) to a schema document.
 */
export function routePrediction(schemas, method, path, body, extraVersions = () => null) {
  if (method !== 'POST') return null;
  const m = /^\/(?:replicate\/)?v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(path);
  const byVersion = /^\/(?:replicate\/)?v1\/predictions$/.test(path);
  if (!m && !byVersion) return null;
  const b = body && typeof body === 'object' ? body : {};
  const top = [];
  if (byVersion && typeof b.version !== 'string') top.push({ type: 'required', field: '', description: 'version is required' });
  for (const k of Object.keys(b)) if (!TOP_LEVEL.has(k) || (m && k === 'version')) top.push({ type: 'additional_property_not_allowed', field: '', description: `Additional property ${k} is not allowed` });
  if (top.length) return { error: validationFailed(top) };
  let doc;
  let version;
  if (m) {
    doc = schemas.get(`${m[1]}/${m[2]}`);
    // Only official models run by name; a community model (or no model) is "not found" here.
    if (!doc || !doc.official) return { error: REPLICATE_ERRORS.notFound };
    version = doc.version;
  } else {
    const [, id = b.version] = /^[\w.-]+\/[\w.-]+:([0-9a-f]{64})$/.exec(b.version) ?? [];
    doc = [...schemas.values()].find((d) => d.version === id) ?? extraVersions(b.version);
    if (!doc) return { error: REPLICATE_ERRORS.invalidVersion };
    version = id;
  }
  const { invalid, ignored } = validateInput(doc, b.input);
  if (invalid.length) return { error: validationFailed(invalid) };
  return { model: doc.model, version, doc, input: b.input, ignored };
}

/** PNG or JPEG dimensions from the first bytes of a file or a data URI, or null. */
export function imageSize(source) {
  let buf = source;
  if (typeof source === 'string') {
    const i = source.indexOf(',');
    if (!source.startsWith('data:') || i < 0) return null;
    buf = Buffer.from(source.slice(i + 1), 'base64');
  }
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    for (let p = 2; p + 9 < buf.length; ) {
      if (buf[p] !== 0xff) return null;
      const marker = buf[p + 1];
      const len = buf.readUInt16BE(p + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: buf.readUInt16BE(p + 7), height: buf.readUInt16BE(p + 5) };
      p += 2 + len;
    }
  }
  return null;
}

/**
 * Inputs that pass the schema but that the model itself refuses: the prediction is created and
 * then fails with this error. Null when fine. Sora's message is OpenAI's own (widely quoted); the
 * Hailuo and Kling rules are the ones their schemas state ("10 seconds is only available for 768p",
 * "pro mode is required when [end_image] is set") with wording of ours.
 */
export function modelRefusal(model, input) {
  if (model === 'minimax/hailuo-02' && Number(input.duration ?? 6) === 10 && (input.resolution ?? '1080p') !== '768p') {
    return '10 second videos are only available at 768p resolution.';
  }
  if (model === 'kwaivgi/kling-v2.1' && input.end_image && (input.mode ?? 'standard') !== 'pro') {
    return 'end_image requires pro mode. Set mode to "pro" to use an end image.';
  }
  if (model === 'openai/sora-2' && input.input_reference) {
    // OpenAI's answer when the reference is not the video's size: "Inpaint image must match the requested width and height".
    const size = imageSize(input.input_reference);
    const want = (input.aspect_ratio ?? 'portrait') === 'landscape' ? { width: 1280, height: 720 } : { width: 720, height: 1280 };
    if (size && (size.width !== want.width || size.height !== want.height)) return `Inpaint image must match the requested width and height (got ${size.width}x${size.height}, want ${want.width}x${want.height}).`;
  }
  return null;
}

/** A Replicate model object (GET /v1/models/{owner}/{name}) for a recorded schema. */
export function modelObject(doc) {
  const [owner, name] = doc.model.split('/');
  return {
    url: `https://replicate.com/${doc.model}`,
    owner,
    name,
    description: null,
    visibility: 'public',
    is_official: Boolean(doc.official),
    run_count: 0,
    latest_version: { id: doc.version, created_at: doc.read, cog_version: '0.9.0', openapi_schema: doc.openapi_schema },
  };
}

/** A version object (GET /v1/models/{owner}/{name}/versions/{id}). */
export function versionObject(doc) {
  return { id: doc.version, created_at: doc.read, cog_version: '0.9.0', openapi_schema: doc.openapi_schema };
}

/**
 * The account's models as Replicate's models API shows them: the catalog's recorded models (minus
 * `missing`, for tests of a deploy where one is gone) and models the account made (the LoRA
 * destination). `accountModels`: slug → {owner, name, visibility, hardware}.
 */
export function modelsState(schemas, accountModels = ['zapcut/brand-styles']) {
  const account = new Map(accountModels.map((m) => [m, { owner: m.split('/')[0], name: m.split('/')[1], visibility: 'private', hardware: 'cpu' }]));
  const state = {
    missing: new Set(),
    /** Models whose recorded (pinned) version is gone while the model itself is still there. */
    missingVersions: new Set(),
    account,
    exists: (slug) => !state.missing.has(slug) && (schemas.has(slug) || account.has(slug)),
    /** The recorded schemas of models that can run now (a community model only by its pinned version). */
    schemas: () => new Map([...schemas].filter(([slug, doc]) => !state.missing.has(slug) && (doc.official || !state.missingVersions.has(slug)))),
  };
  return state;
}

/**
 * GET /v1/account, GET /v1/models/{owner}/{name}, GET …/versions/{id} and POST /v1/models (create), or null for
 * other paths. Path prefix /replicate is allowed (the fakes mount Replicate there).
 */
export function answerModelsApi(schemas, state, method, path, body) {
  const p = path.replace(/^\/replicate/, '');
  let m;
  if (method === 'GET' && (m = /^\/v1\/models\/([^/]+)\/([^/]+)$/.exec(p))) {
    const slug = `${m[1]}/${m[2]}`;
    if (!state.exists(slug)) return REPLICATE_ERRORS.notFound;
    return { status: 200, body: schemas.has(slug) ? modelObject(schemas.get(slug)) : { url: `https://replicate.com/${slug}`, ...state.account.get(slug), latest_version: null } };
  }
  if (method === 'GET' && (m = /^\/v1\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)$/.exec(p))) {
    const doc = schemas.get(`${m[1]}/${m[2]}`);
    if (!doc || !state.exists(doc.model) || doc.version !== m[3] || state.missingVersions.has(doc.model)) return REPLICATE_ERRORS.notFound;
    return { status: 200, body: versionObject(doc) };
  }
  // The account the token belongs to (Replicate: GET /v1/account).
  if (method === 'GET' && p === '/v1/account') return { status: 200, body: { type: 'organization', username: 'zapcut', name: 'Zapcut', github_url: null } };
  if (method === 'POST' && p === '/v1/models') {
    const b = body ?? {};
    const invalid = ['owner', 'name', 'visibility', 'hardware'].filter((k) => typeof b[k] !== 'string').map((k) => ({ type: 'required', field: '', description: `${k} is required` }));
    if (invalid.length) return validationFailed(invalid);
    const slug = `${b.owner}/${b.name}`;
    if (state.exists(slug)) return { status: 409, body: { title: 'Conflict', detail: `A model named ${slug} already exists.`, status: 409 } };
    state.account.set(slug, { owner: b.owner, name: b.name, visibility: b.visibility, hardware: b.hardware });
    state.missing.delete(slug);
    return { status: 201, body: { url: `https://replicate.com/${slug}`, owner: b.owner, name: b.name, visibility: b.visibility, latest_version: null } };
  }
  return null;
}
