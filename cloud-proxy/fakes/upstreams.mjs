// Local fake upstreams that speak the providers' real HTTP shapes (OpenAI chat completions incl.
// SSE streaming, Responses, images, speech; Anthropic messages incl. streaming; Replicate
// predictions with a polling lifecycle, files, models and trainings; the sunoapi.org Suno gateway).
// Used by the tests, the benchmark, and `npm run dev` when no real provider keys are set.
// Replicate is strict (replicate-contract.mjs): only the catalog's recorded models exist, official
// models run by name and community ones only by version, inputs are validated against the recorded
// schemas (422 in Replicate's shape), and model-side refusals fail the prediction.
// Test hooks, in the prompt text:
//   CUT_STREAM        → the SSE stream is cut mid-way (socket destroyed)
//   FAIL_PREDICTION   → the Replicate prediction ends as "failed"
//   UPSTREAM_400      → the provider refuses the request with its error shape
//   FAIL_TRAINING     → (in a training's trigger_word) the training ends as "failed"
//   HOLD:<tag>        → the answer waits until POST /__release/<tag> (a test orders a race with it)
//   USE_MAX_OUTPUT    → (chat/messages) the reply uses its whole max_tokens / max_completion_tokens
//   INPUT_TOKENS:<n>  → (chat/messages) the provider reports n input tokens (a long conversation)
//   PAUSE_AT:<k>:<tag> → (streamed messages) the reply is PAUSED_REPLY; the stream sends its first
//                        k events, then waits until POST /__release/<tag> and sends the rest one
//                        event every 20 ms; a stream its client closed before
//                        the end is listed in GET /__stats as cancelledStreams (the tag), the way
//                        the real API stops generating when the connection goes
// Control: POST /__control {missingModels: ['owner/name' | text model id], missingVersions: ['owner/name']
// (the pinned version is gone, the model is still there), destination: false (no LoRA destination),
// operator: {replicate|openai|anthropic|suno: true} (an operator-side billing refusal on every call),
// revokedKeys: ['replicate'|'openai'|'anthropic'|'suno'] (the key is refused, 401), sunoCredits: n}
// replaces the previous control.
// A succeeded training's output version can be run with POST /predictions {version}: it is an
// image model (output: a list with one image URL).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { REPLICATE_ERRORS, answerModelsApi, loadSchemas, modelRefusal, modelsState, routePrediction, validateInput } from './replicate-contract.mjs';

const SCHEMAS = loadSchemas();
/** Text models the fake OpenAI and Anthropic know (GET …/models/{id}; the deploy check asks). */
const TEXT_MODELS = ['gpt-4.1-mini', 'gpt-4o-mini', 'gpt-image-1', 'gpt-4o-mini-tts', 'claude-sonnet-5-5', 'claude-sonnet-4-5'];

export const FAKE_KEYS = { openai: 'sk-fake-openai-000000000000', anthropic: 'sk-ant-fake-000000000000', replicate: 'r8_fake0000000000000000', suno: 'suno-fake-key' };
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': randomUUID(), 'openai-organization': 'org-secret-fake', 'set-cookie': '__cf_bm=fake' });
  res.end(JSON.stringify(body));
};
const openaiError = (res, status, message, code) => json(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });
/** The streamed reply of a PAUSE_AT call: 60 words, so a stopped stream is clearly shorter. */
export const PAUSED_REPLY = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
const words = (text) => text.split(/\s+/).filter(Boolean);
const inputTokens = (text) => Number(/INPUT_TOKENS:(\d+)/.exec(text)?.[1] ?? Math.ceil(text.length / 4));

/** @param {{ port?: number, keys?: typeof FAKE_KEYS, secondsPerPhase?: number }} [opts] */
export function startFakeUpstreams(opts = {}) {
  const keys = opts.keys ?? FAKE_KEYS;
  const predictions = new Map();
  const trainings = new Map();
  const trainedVersions = new Set();
  const requests = [];
  /** Held answers by tag: a test makes "the provider is still working" last exactly as long as it needs. */
  const held = new Map();
  const releasedTags = new Set();
  // The catalog's models plus the LoRA destination the deploy would have made.
  const models = modelsState(SCHEMAS);
  const control = { operator: {}, revoked: new Set() };
  const stats = { refused: [], ignoredInputs: [], cancelledStreams: [] };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://fake');
      const p = url.pathname;
      const raw = await readBody(req);
      if (p === '/__requests') return json(res, 200, { requests });
      if (p === '/__health') return json(res, 200, { ok: true });
      const rel = /^\/__release\/([\w-]+)$/.exec(p);
      if (rel) {
        releasedTags.add(rel[1]);
        for (const go of held.get(rel[1]) ?? []) go();
        held.delete(rel[1]);
        return json(res, 200, { released: rel[1] });
      }
      if (p === '/__stats') return json(res, 200, stats);
      if (p === '/__control' && req.method === 'POST') {
        const c = JSON.parse(raw.toString('utf8') || '{}');
        models.missing = new Set([...(c.missingModels ?? []), ...(c.destination === false ? ['zapcut/brand-styles'] : [])]);
        models.missingVersions = new Set(c.missingVersions ?? []);
        control.operator = c.operator ?? {};
        control.revoked = new Set(c.revokedKeys ?? []);
        control.sunoCredits = c.sunoCredits;
        return json(res, 200, { ok: true });
      }
      requests.push({ method: req.method, path: p, authorization: req.headers.authorization ?? null, xApiKey: req.headers['x-api-key'] ?? null, anthropicVersion: req.headers['anthropic-version'] ?? null, prefer: req.headers.prefer ?? null, bodyBytes: raw.length, bodyHead: raw.subarray(0, 300).toString('utf8') });
      if (requests.length > 500) requests.splice(0, requests.length - 500);
      const body = raw.length && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw.toString('utf8')) : {};
      const text = JSON.stringify(body);
      const hold = /HOLD:([\w-]+)/.exec(text);
      if (hold && !releasedTags.has(hold[1])) await new Promise((go) => held.set(hold[1], [...(held.get(hold[1]) ?? []), go]));

      if (p.startsWith('/openai/v1/')) {
        if (req.headers.authorization !== `Bearer ${keys.openai}` || control.revoked.has('openai')) return openaiError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
        // OpenAI's answer when the organisation is out of credit (HTTP 429, code insufficient_quota).
        if (control.operator.openai && req.method === 'POST') return json(res, 429, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } });
        if (text.includes('UPSTREAM_400')) return openaiError(res, 400, `Invalid value for 'model': ${keys.openai} is not a model.`, 'invalid_value');
        let mm;
        if (req.method === 'GET' && (mm = /^\/openai\/v1\/models\/([^/]+)$/.exec(p))) {
          if (!TEXT_MODELS.includes(mm[1]) || models.missing.has(mm[1])) return json(res, 404, { error: { message: `The model '${mm[1]}' does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' } });
          return json(res, 200, { id: mm[1], object: 'model', created: 1715367049, owned_by: 'system' });
        }
        if (p === '/openai/v1/chat/completions') return openaiChat(res, body, text);
        if (p === '/openai/v1/responses') {
          const out = 'A fake response.';
          return json(res, 200, { id: `resp_${randomUUID()}`, object: 'response', status: 'completed', model: body.model, output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: out }] }], usage: { input_tokens: Math.ceil(text.length / 4), output_tokens: 4, total_tokens: Math.ceil(text.length / 4) + 4 } });
        }
        if (p === '/openai/v1/images/generations') return json(res, 200, { created: Math.floor(Date.now() / 1000), data: [{ b64_json: PNG_1PX }] });
        if (p === '/openai/v1/audio/speech') {
          res.writeHead(200, { 'content-type': 'audio/mpeg' });
          return res.end(Buffer.concat([Buffer.from('ID3'), Buffer.alloc(1024)]));
        }
        return openaiError(res, 404, `Invalid URL (${req.method} ${p})`, null);
      }

      if (p.startsWith('/anthropic/v1/')) {
        if (req.headers['x-api-key'] !== keys.anthropic || control.revoked.has('anthropic')) return json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
        if (!req.headers['anthropic-version']) return json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
        if (control.operator.anthropic && req.method === 'POST') return json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' } });
        let am;
        if (req.method === 'GET' && (am = /^\/anthropic\/v1\/models\/([^/]+)$/.exec(p))) {
          if (!TEXT_MODELS.includes(am[1]) || models.missing.has(am[1])) return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `model: ${am[1]}` } });
          return json(res, 200, { type: 'model', id: am[1], display_name: am[1], created_at: '2026-01-01T00:00:00Z' });
        }
        if (p === '/anthropic/v1/messages') {
          // The Messages API requires max_tokens (its 400 body, as documented).
          if (typeof body.max_tokens !== 'number') return json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
          return anthropicMessages(res, body, text);
        }
        return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
      }

      if (p.startsWith('/replicate/v1/')) return replicate(req, res, p, body, raw);
      if (p.startsWith('/suno/')) return suno(req, res, p, url, body);
      json(res, 404, { error: 'no such fake route' });
    } catch (e) {
      json(res, 500, { error: String(e) });
    }
  });

  const exists = models.exists;
  const trainerDoc = SCHEMAS.get('ostris/flux-dev-lora-trainer');

  function replicate(req, res, p, body, raw) {
    const err = (e) => json(res, e.status, e.body);
    if (req.headers.authorization !== `Bearer ${keys.replicate}` || control.revoked.has('replicate')) return err(REPLICATE_ERRORS.unauthenticated);
    // Replicate refuses work (a prediction or training), not reading the account's models, when out of credit.
    if (control.operator.replicate && req.method === 'POST' && /\/(predictions|trainings)$/.test(p)) return err(REPLICATE_ERRORS.insufficientCredit);
    const base = `http://${req.headers.host}/replicate/v1`;
    const text = JSON.stringify(body);
    let m;
    const routed = routePrediction(models.schemas(), req.method, p, body, (v) => (trainedVersions.has(v) ? trainerDoc : null));
    if (routed) {
      if (text.includes('UPSTREAM_400')) return err({ status: 422, body: { detail: '- input.duration: duration must be one of the following: 5, 10\n', status: 422, title: 'Input validation failed', invalid_fields: [{ type: 'enum', field: 'input.duration', description: 'duration must be one of the following: 5, 10' }] } });
      if (routed.error) {
        stats.refused.push({ path: p, status: routed.error.status, body: routed.error.body });
        return err(routed.error);
      }
      if (routed.ignored.length) stats.ignoredInputs.push({ model: routed.model, fields: routed.ignored });
      const id = randomUUID().replaceAll('-', '').slice(0, 26);
      const refusal = modelRefusal(routed.model, routed.input);
      const pred = { id, model: routed.model, version: routed.doc.official && !body.version ? 'hidden' : routed.version, input: routed.input, logs: '', output: null, data_removed: false, error: null, status: 'starting', created_at: new Date().toISOString(), urls: { cancel: `${base}/predictions/${id}/cancel`, get: `${base}/predictions/${id}`, stream: `${base}/stream/${id}`, web: `https://replicate.com/p/${id}` }, polls: 0, image: trainedVersions.has(body.version), refusal, output_kind: routed.doc.openapi_schema.components.schemas.Output?.type === 'array' ? 'list' : 'one' };
      predictions.set(id, pred);
      if (/^wait/.test(req.headers.prefer ?? '')) advance(pred, 2);
      return json(res, 201, publicPrediction(pred));
    }
    if (req.method === 'GET' && (m = /^\/replicate\/v1\/predictions\/([^/]+)$/.exec(p))) {
      const pred = predictions.get(m[1]);
      if (!pred) return err(REPLICATE_ERRORS.notFound);
      advance(pred, 1);
      return json(res, 200, publicPrediction(pred));
    }
    if (req.method === 'POST' && (m = /^\/replicate\/v1\/predictions\/([^/]+)\/cancel$/.exec(p))) {
      const pred = predictions.get(m[1]);
      if (!pred) return err(REPLICATE_ERRORS.notFound);
      if (!['succeeded', 'failed', 'canceled'].includes(pred.status)) Object.assign(pred, { status: 'canceled', completed_at: new Date().toISOString() });
      return json(res, 200, publicPrediction(pred));
    }
    // Models API: the deploy check reads models and versions and creates the LoRA destination.
    const modelsAnswer = answerModelsApi(SCHEMAS, models, req.method, p, body);
    if (modelsAnswer) return err(modelsAnswer);
    if (req.method === 'POST' && (m = /^\/replicate\/v1\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/trainings$/.exec(p))) {
      const doc = SCHEMAS.get(`${m[1]}/${m[2]}`);
      if (!doc || doc.version !== m[3] || !exists(doc.model)) return err(REPLICATE_ERRORS.notFound);
      if (!/^[\w.-]+\/[\w.-]+$/.test(String(body.destination ?? ''))) return err({ status: 422, body: { title: 'Invalid destination', detail: 'destination must be owner/model', status: 422 } });
      if (!exists(String(body.destination))) return err(REPLICATE_ERRORS.destinationMissing);
      const { invalid } = validateInput(doc, body.input, 'TrainingInput');
      if (invalid.length) return err({ status: 422, body: { detail: invalid.map((f) => `- ${f.field}: ${f.description}\n`).join(''), status: 422, title: 'Input validation failed', invalid_fields: invalid } });
      const id = randomUUID().replaceAll('-', '').slice(0, 26);
      const t = { id, model: `${m[1]}/${m[2]}`, version: m[3], destination: body.destination, input: body.input, logs: '', output: null, error: null, status: 'starting', created_at: new Date().toISOString(), urls: { get: `${base}/trainings/${id}`, cancel: `${base}/trainings/${id}/cancel`, web: `https://replicate.com/p/${id}` }, polls: 0 };
      trainings.set(id, t);
      return json(res, 201, publicPrediction(t));
    }
    if (req.method === 'GET' && (m = /^\/replicate\/v1\/trainings\/([^/]+)$/.exec(p))) {
      const t = trainings.get(m[1]);
      if (!t) return err(REPLICATE_ERRORS.notFound);
      advanceTraining(t);
      return json(res, 200, publicPrediction(t));
    }
    if (req.method === 'POST' && (m = /^\/replicate\/v1\/trainings\/([^/]+)\/cancel$/.exec(p))) {
      const t = trainings.get(m[1]);
      if (!t) return err(REPLICATE_ERRORS.notFound);
      if (!['succeeded', 'failed', 'canceled'].includes(t.status)) Object.assign(t, { status: 'canceled', completed_at: new Date().toISOString() });
      return json(res, 200, publicPrediction(t));
    }
    if (req.method === 'POST' && p === '/replicate/v1/files') {
      const id = randomUUID();
      return json(res, 201, { id, name: 'upload', content_type: 'application/octet-stream', size: raw.length, checksums: {}, metadata: {}, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 86400e3).toISOString(), urls: { get: `https://api.replicate.com/v1/files/${id}` } });
    }
    return err(REPLICATE_ERRORS.notFound);
  }

  /**
   * sunoapi.org (https://docs.sunoapi.org): POST /api/v1/generate → {code, msg, data: {taskId}};
   * GET /api/v1/generate/record-info?taskId= → {code, msg, data: {taskId, status, response: {sunoData}}}.
   * Refusals come as `code` in the body (400 bad parameters, 401, 413 prompt too long, 429 out of credits).
   */
  function suno(req, res, p, url, body) {
    const answer = (code, msg, data = null) => json(res, 200, { code, msg, data });
    if (req.headers.authorization !== `Bearer ${keys.suno}` || control.revoked.has('suno')) return json(res, 401, { code: 401, msg: 'Unauthorized', data: null });
    if (control.operator.suno) return answer(429, 'Insufficient credits');
    // sunoapi.org: GET /api/v1/generate/credit → the account's credits left.
    if (req.method === 'GET' && p === '/suno/api/v1/generate/credit') return answer(200, 'success', control.sunoCredits ?? 500);
    if (req.method === 'POST' && p === '/suno/api/v1/generate') {
      const bad = [];
      if (typeof body.customMode !== 'boolean') bad.push('customMode is required');
      if (typeof body.instrumental !== 'boolean') bad.push('instrumental is required');
      if (!['V3_5', 'V4', 'V4_5', 'V4_5PLUS', 'V4_5ALL', 'V5'].includes(body.model)) bad.push('model is invalid');
      if (typeof body.callBackUrl !== 'string' || !/^https?:\/\//.test(body.callBackUrl)) bad.push('callBackUrl is required');
      if (body.customMode === false && (typeof body.prompt !== 'string' || !body.prompt)) bad.push('prompt is required');
      if (bad.length) return answer(400, bad.join('; '));
      if (body.customMode === false && body.prompt.length > 500) return answer(413, 'Prompt too long');
      const taskId = randomUUID().replaceAll('-', '');
      predictions.set(`suno:${taskId}`, { polls: 0, fail: String(body.prompt).includes('FAIL_PREDICTION') });
      return answer(200, 'success', { taskId });
    }
    if (req.method === 'GET' && p === '/suno/api/v1/generate/record-info') {
      const taskId = url.searchParams.get('taskId') ?? '';
      const t = predictions.get(`suno:${taskId}`);
      if (!t) return answer(400, 'task not found');
      t.polls += 1;
      // PENDING, then the first song (FIRST_SUCCESS), then both (SUCCESS): quick, like the old fake, for tests with short reservations.
      const status = t.fail ? (t.polls >= 2 ? 'GENERATE_AUDIO_FAILED' : 'PENDING') : ['PENDING', 'FIRST_SUCCESS', 'SUCCESS'][Math.min(2, t.polls - 1)];
      const songs = status === 'FIRST_SUCCESS' || status === 'SUCCESS' ? [0, 1].map((i) => ({ id: `${taskId}-${i}`, audioUrl: status === 'SUCCESS' || i === 0 ? `https://cdn.suno.example/${taskId}-${i}.mp3` : '', streamAudioUrl: `https://cdn.suno.example/stream/${taskId}-${i}`, duration: 148.2 })) : [];
      return answer(200, 'success', { taskId, status, response: { taskId, sunoData: songs }, errorCode: t.fail && status !== 'PENDING' ? 500 : null, errorMessage: t.fail && status !== 'PENDING' ? 'Audio generation failed.' : null });
    }
    return json(res, 404, { code: 404, msg: 'Not found', data: null });
  }

  function advance(pred, steps) {
    for (let i = 0; i < steps; i++) {
      if (pred.status === 'starting') pred.status = 'processing';
      else if (pred.status === 'processing') {
        const fail = pred.refusal ?? (JSON.stringify(pred.input).includes('FAIL_PREDICTION') ? 'Prediction failed: fake model error' : null);
        const output = pred.image || pred.output_kind === 'list' ? [`https://replicate.delivery/xezq/${pred.id}/out-0.png`] : `https://replicate.delivery/xezq/${pred.id}/output.mp4`;
        Object.assign(pred, fail ? { status: 'failed', error: fail } : { status: 'succeeded', output, metrics: { predict_time: 1.5 } }, { completed_at: new Date().toISOString() });
      }
    }
  }
  // starting → processing (first poll) → succeeded/failed (second poll), like a real trainer but fast.
  function advanceTraining(t) {
    t.polls += 1;
    if (t.status === 'starting') t.status = 'processing';
    else if (t.status === 'processing' && t.polls >= 2) {
      const hash = Buffer.from(t.id).toString('hex').padEnd(64, '0').slice(0, 64);
      const fail = String(t.input.trigger_word ?? '').includes('FAIL_TRAINING');
      Object.assign(t, fail ? { status: 'failed', error: 'Training failed: fake trainer error' } : { status: 'succeeded', output: { version: `${t.destination}:${hash}`, weights: `https://replicate.delivery/xezq/${t.id}/trained_model.tar` } }, { completed_at: new Date().toISOString() });
      if (!fail) trainedVersions.add(t.output.version);
    }
  }
  const publicPrediction = ({ polls: _polls, image: _image, refusal: _refusal, output_kind: _kind, ...pred }) => pred;

  function openaiChat(res, body, text) {
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const reply = text.includes('CUT_STREAM') ? 'one two three four five six seven eight nine ten eleven twelve' : 'Here is a fake storyboard for your ad.';
    const promptTokens = inputTokens(text);
    const completion = text.includes('USE_MAX_OUTPUT') ? Number(body.max_completion_tokens ?? body.max_tokens ?? 16) : words(reply).length;
    const usage = { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
    if (!body.stream) {
      return json(res, 200, { id, object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: reply, refusal: null }, logprobs: null, finish_reason: 'stop' }], usage });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'openai-organization': 'org-secret-fake' });
    const chunk = (delta, finish = null, extra = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
    const parts = [chunk({ role: 'assistant', content: '' }), ...words(reply).map((w) => chunk({ content: `${w} ` }))];
    if (text.includes('CUT_STREAM')) {
      res.write(parts.slice(0, 6).join(''));
      return setTimeout(() => res.socket?.destroy(), 30);
    }
    parts.push(chunk({}, 'stop'));
    if (body.stream_options?.include_usage) parts.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`);
    parts.push('data: [DONE]\n\n');
    res.end(parts.join(''));
  }

  function anthropicMessages(res, body, text) {
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    const reply = text.includes('CUT_STREAM') ? 'alpha beta gamma delta epsilon zeta eta theta' : /PAUSE_AT:/.test(text) ? PAUSED_REPLY : 'A fake creative bible.';
    const usage = { input_tokens: inputTokens(text), output_tokens: text.includes('USE_MAX_OUTPUT') ? Number(body.max_tokens) : words(reply).length };
    if (!body.stream) {
      return json(res, 200, { id, type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text: reply }], stop_reason: 'end_turn', stop_sequence: null, usage });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const ev = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const parts = [
      ev('message_start', { message: { id, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } }),
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      ...words(reply).map((w) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `${w} ` } })),
    ];
    if (text.includes('CUT_STREAM')) {
      res.write(parts.slice(0, 5).join(''));
      return setTimeout(() => res.socket?.destroy(), 30);
    }
    parts.push(ev('content_block_stop', { index: 0 }), ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }), ev('message_stop', {}));
    const pause = /PAUSE_AT:(\d+):([\w-]+)/.exec(text);
    if (!pause) return res.end(parts.join(''));
    const [at, tag] = [Number(pause[1]), pause[2]];
    let ended = false;
    let next = at;
    res.on('close', () => {
      // What the real API would bill: the input and the deltas it had generated when the connection went.
      if (!ended) stats.cancelledStreams.push({ tag, deltas: Math.max(0, Math.min(next, parts.length - 3) - 2) });
    });
    res.write(parts.slice(0, at).join(''));
    // After the release the rest arrives the way a model writes: one event every 20 ms.
    const rest = () => {
      if (res.destroyed) return;
      if (next >= parts.length) {
        ended = true;
        return res.end();
      }
      res.write(parts[next++]);
      setTimeout(rest, 20);
    };
    if (releasedTags.has(tag)) return rest();
    held.set(tag, [...(held.get(tag) ?? []), rest]);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address();
      const url = `http://127.0.0.1:${port}`;
      resolve({
        url,
        port,
        keys,
        baseUrls: { OPENAI_BASE_URL: `${url}/openai/v1`, ANTHROPIC_BASE_URL: `${url}/anthropic/v1`, REPLICATE_BASE_URL: `${url}/replicate/v1`, SUNO_BASE_URL: `${url}/suno` },
        stats: () => structuredClone(stats),
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// `node fakes/upstreams.mjs [port]` runs them on their own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await startFakeUpstreams({ port: Number(process.argv[2] ?? 8790) });
  console.log(`fake upstreams on ${f.url}`, f.baseUrls);
}
