/**
 * Fake upstreams that speak Replicate's, OpenAI's and Anthropic's HTTP APIs and return real
 * media: clips made with FFmpeg from the start image the app sent, speech from the machine's system
 * voice (espeak-ng here, installed by scripts/setup-system.sh), music from the offline synthesiser. Text answers come from the offline templates, read from the
 * "Task: …\nInput (JSON): …" message the pipeline sends — so the whole pipeline runs for real
 * against them. Used by the full-system tests and `npm run dev:stack`.
 *
 * Replicate is as strict as the real one (cloud-proxy/fakes/replicate-contract.mjs): only the
 * catalog's recorded models exist, official models run by name and community ones by version,
 * every input is validated against its recorded schema (422 in Replicate's shape), and model-side
 * refusals (Hailuo 10 s above 768p, a Sora reference of the wrong size) fail the prediction; a last
 * frame sent to a model without one is refused (422). A clip given a first and a last frame starts
 * on the first and ends exactly on the last (a crossfade between them), so continuity is measurable.
 * `/__stats` lists every refusal, every silently dropped input field and each paid call's input.
 *
 * Control (tests): POST /__control {fail: {video: 1}} fails the next video prediction ({text: 1}: the
 * next pipeline Anthropic message with a 400, chat turns aside; {music: n}: the music model fails; {reorderIdeas: n}: the next n
 * storyboards swap the creator's first two scenes; {breakChat: n}: the next n chat answers break the
 * state schema; {failChat: n, failChatStatus}: the next n chat requests fail upstream (529
 * Overloaded by default); {chatEventMs}: the pace of a streamed chat answer, 10 ms an event;
 * {chatInputTokens: n}: the next chat answer reports n input tokens — a very long conversation);
 * GET /__stats. The Messages API's request rules and the chat "model" are in
 * anthropic-chat.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runFfmpeg } from '../../../src/pipeline/ffmpeg/run';
import { OfflineText } from '../../../src/pipeline/providers/offline/text';
import { synthesizeMusic } from '../../../src/pipeline/providers/offline/audio-synth';
import { speakToFile } from '../../../src/pipeline/providers/offline/speech';
import type { TextTask } from '../../../src/pipeline/providers/types';
import { replicateTrainings } from './replicate-trainings';
import { checkMessagesRequest, fakeChatModel, isChatRequest, sseEventsOfMessage } from './anthropic-chat';
import { REPLICATE_ERRORS, answerModelsApi, imageSize, loadSchemas, modelRefusal, modelsState, routePrediction, validationFailed, type SchemaDoc } from '../../../cloud-proxy/fakes/replicate-contract.mjs';
import { catalogModel, TRAINER_MODEL } from '../../../src/shared/models/catalog';

export const MEDIA_FAKE_KEYS = { openai: 'sk-fake-media-openai-0000', anthropic: 'sk-ant-fake-media-0000', replicate: 'r8_fakemedia000000000' };

type Kind = 'image' | 'video' | 'speech' | 'music';
const SCHEMAS = loadSchemas();
/** Last-frame inputs of the catalog's video models (and the names other APIs use for one). */
const LAST_FRAME_FIELDS = ['end_image', 'last_frame_image', 'last_frame', 'tail_image', 'image_tail'];

/** What a paid call asked for, for tests to check the app's requests (images as their pixel size). */
export interface PaidCall {
  model: string;
  kind: Kind;
  input: Record<string, unknown>;
}

export interface MediaFakeOptions {
  port?: number;
  ffmpegPath: string;
  /** Milliseconds each kind of job takes (realistic in dev:stack, short in tests). */
  latencyMs?: Partial<Record<Kind | 'text', number>>;
  /** Short side of generated clips (keep tiny in tests). */
  clipShortSide?: number;
  /** Fail a fraction of predictions at random (dev:stack --flaky). */
  failRate?: number;
  dir?: string;
  /** How long a brand-style training takes (replicate-trainings.ts). */
  trainingMs?: number;
  /**
   * Render each distinct output once (per kind, length and start/end frames) and hand the same file
   * to later predictions: fast for test matrices; off for dev:stack, where each clip should start
   * on the frame it was given.
   */
  reuseMedia?: boolean;
}

interface Pred {
  id: string;
  model: string;
  kind: Kind;
  input: Record<string, unknown>;
  createdAt: number;
  readyAt: number;
  fail: boolean;
  /** The model's own refusal (replicate-contract `modelRefusal`). */
  error?: string;
  output?: string;
  rendering?: Promise<string>;
}

const DEFAULT_LATENCY: Record<Kind | 'text', number> = { text: 1500, image: 4000, video: 15000, speech: 3000, music: 10000 };

export async function startMediaUpstreams(opts: MediaFakeOptions) {
  const dir = opts.dir ?? path.join(tmpdir(), `zapcut-fake-media-${process.pid}-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  const latency = { ...DEFAULT_LATENCY, ...opts.latencyMs };
  const shortSide = opts.clipShortSide ?? 360;
  const preds = new Map<string, Pred>();
  const stats = {
    created: {} as Record<string, number>,
    text: 0,
    failed: 0,
    downloads: 0,
    versioned: [] as { version: string; prompt: string }[],
    /** Requests Replicate would refuse (status, body) — a correct app makes none. */
    refused: [] as { path: string; status: number; body: unknown }[],
    /** Input fields Replicate would drop silently — a correct app sends none. */
    ignoredInputs: [] as { model: string; fields: string[] }[],
    calls: [] as PaidCall[],
    /** What each storyboard request carried: the creator's direction and scene ideas, and whether the system prompt asks to keep them. */
    storyboards: [] as { direction: string | null; ideas: string[]; systemKeepsIdeas: boolean; repair: boolean }[],
  };
  const models = modelsState(SCHEMAS);
  const trainerDoc = SCHEMAS.get(TRAINER_MODEL)! as SchemaDoc;
  const trainings = replicateTrainings({ latencyMs: opts.trainingMs ?? 4000 });
  const control: { fail: Partial<Record<Kind | 'text', number>>; reorderIdeas: number } = { fail: {}, reorderIdeas: 0 };
  const text = new OfflineText();
  const chat = fakeChatModel();
  let baseUrl = '';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const read = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function answerText(userMessage: string, system: string): Promise<string> {
    stats.text++;
    const m = /^Task: (\w+)\nInput \(JSON\):\n([\s\S]*?)(?:\n\nYour previous answer|$)/.exec(userMessage);
    if (!m) return '{"error":"fake LLM understands only the pipeline\'s task messages"}';
    const input = JSON.parse(m[2]!) as { brief?: { direction?: string; scenes?: { idea: string }[] } };
    const r = await text.complete({ task: m[1] as TextTask, system: '', user: '', input });
    if (m[1] !== 'storyboard') return r.text;
    stats.storyboards.push({ direction: input.brief?.direction ?? null, ideas: (input.brief?.scenes ?? []).map((x) => x.idea), systemKeepsIdeas: system.includes('brief.scenes'), repair: userMessage.includes('\n\nYour previous answer') });
    if (control.reorderIdeas <= 0) return r.text;
    // A model that swaps the creator's first two scenes (the app must notice and repair).
    control.reorderIdeas -= 1;
    const sb = JSON.parse(r.text) as { scenes: unknown[] };
    [sb.scenes[0], sb.scenes[1]] = [sb.scenes[1], sb.scenes[0]];
    return JSON.stringify(sb);
  }

  async function dataUriToFile(uri: unknown, name: string): Promise<string | undefined> {
    if (typeof uri !== 'string' || !uri.startsWith('data:')) return undefined;
    const file = path.join(dir, name);
    await writeFile(file, Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64'));
    return file;
  }

  const rendered = new Map<string, Promise<string>>();
  /** The same media for the same kind, length and shape, when reuseMedia is on. */
  function renderOnce(p: Pred): Promise<string> {
    if (!opts.reuseMedia) return render(p);
    // Keyed by the frames' content: a clip must start (and end) on the frames it was given, or the
    // app's continuity gate would rightly refuse a clip rendered for another scene.
    const digest = (v: unknown) => (typeof v === 'string' ? createHash('sha1').update(v).digest('hex') : '');
    const start = p.input.start_image ?? p.input.first_frame_image ?? p.input.image ?? p.input.input_reference;
    const end = p.input.end_image ?? p.input.last_frame_image ?? p.input.last_frame;
    const key = [p.kind, p.input.duration ?? p.input.seconds, p.input.aspect_ratio, digest(start), digest(end), p.kind === 'speech' ? p.input.text : '', p.kind === 'image' ? `${digest(p.input.image_prompt)}:${String(p.input.seed)}` : ''].join('|');
    let out = rendered.get(key);
    if (!out) {
      out = render(p);
      rendered.set(key, out);
      out.catch(() => rendered.delete(key));
    }
    return out;
  }

  async function render(p: Pred): Promise<string> {
    const ff = opts.ffmpegPath;
    const even = `scale='trunc(oh*a/2)*2':${shortSide}`;
    if (p.kind === 'video') {
      const seconds = Number(p.input.duration ?? p.input.seconds ?? 5);
      const start = await dataUriToFile(p.input.start_image ?? p.input.first_frame_image ?? p.input.image ?? p.input.input_reference, `${p.id}-start.jpg`);
      // A keyframe-anchored scene's last frame (each model's own field, catalog `endImage`).
      const end = await dataUriToFile(p.input.end_image ?? p.input.last_frame_image ?? p.input.last_frame, `${p.id}-end.jpg`);
      const out = path.join(dir, `${p.id}.mp4`);
      // Without a start image the clip has the aspect the model was asked for (Veo/Sora) or 16:9.
      const portrait = p.input.aspect_ratio === '9:16' || p.input.aspect_ratio === 'portrait';
      const src = start ? ['-loop', '1', '-framerate', '24', '-i', start] : ['-f', 'lavfi', '-i', `testsrc2=s=${portrait ? `${shortSide}x${Math.round((shortSide * 16) / 18) * 2}` : `${Math.round((shortSide * 16) / 18) * 2}x${shortSide}`}:r=24`];
      if (start && end) {
        // Between two frames: starts on the first, crossfades, ends exactly on the last (as the models' "interpolation").
        const T = Math.max(0.1, seconds - 1 / 24).toFixed(3);
        const graph = `[0:v]${even},setsar=1,format=yuv420p[a];[1:v][a]scale2ref[b][a2];[b]setsar=1,format=yuv420p[b2];[a2][b2]blend=all_expr='A*(1-min(T/${T},1))+B*min(T/${T},1)'[v]`;
        await runFfmpeg({ ffmpegPath: ff, args: [...src, '-loop', '1', '-framerate', '24', '-i', end, '-t', String(seconds), '-filter_complex', graph, '-map', '[v]', '-t', String(seconds), '-r', '24', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30'], output: out });
        return out;
      }
      // A drifting hue: visibly moving, and it starts on the frame it was given.
      await runFfmpeg({ ffmpegPath: ff, args: [...src, '-t', String(seconds), '-vf', `${even},hue=h=t*24,format=yuv420p`, '-r', '24', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30'], output: out });
      return out;
    }
    if (p.kind === 'image') {
      const ref = await dataUriToFile(p.input.image_prompt, `${p.id}-ref.jpg`);
      const out = path.join(dir, `${p.id}.png`);
      const [w, h] = ({ '9:16': [9, 16], '1:1': [1, 1] } as Record<string, number[]>)[String(p.input.aspect_ratio)] ?? [16, 9];
      const H = shortSide * (h! >= w! ? h! / w! : 1);
      const W = shortSide * (w! > h! ? w! / h! : 1);
      const size = `${Math.round(W / 2) * 2}x${Math.round(H / 2) * 2}`;
      const wh = size.replace('x', ':');
      // The reference's look turned by the seed's hue (keyframes made from one another differ as a model's would).
      const hue = (Number(p.input.seed ?? 0) * 47) % 360;
      const args = ref ? ['-i', ref, '-vf', `scale=${wh}:force_original_aspect_ratio=increase,crop=${wh},eq=saturation=1.3,hue=h=${hue}`, '-frames:v', '1'] : ['-f', 'lavfi', '-i', `color=c=0x8B7355:s=${size}`, '-frames:v', '1'];
      await runFfmpeg({ ffmpegPath: ff, args, output: out });
      return out;
    }
    if (p.kind === 'speech') {
      const out = path.join(dir, `${p.id}.wav`);
      await speakToFile({ text: String(p.input.text ?? 'Hello'), voice: 'american', maxSeconds: 8 }, out, { ffmpegPath: ff });
      return out;
    }
    const out = path.join(dir, `${p.id}.wav`);
    await synthesizeMusic(ff, out, { durationSeconds: Number(p.input.duration ?? 15), energyLevel: 6, seed: 7 });
    return out;
  }

  function view(p: Pred): Record<string, unknown> {
    const now = Date.now();
    const done = now >= p.readyAt && (p.fail || p.output);
    const status = p.fail && now >= p.readyAt ? 'failed' : done ? 'succeeded' : now - p.createdAt > 300 ? 'processing' : 'starting';
    const base = `${baseUrl}/replicate/v1/predictions/${p.id}`;
    return {
      id: p.id,
      model: p.model,
      version: 'hidden',
      input: { ...p.input, start_image: undefined, image_prompt: undefined },
      logs: '',
      output: status === 'succeeded' ? `${baseUrl}/files/${path.basename(p.output!)}` : null,
      error: status === 'failed' ? (p.error ?? 'The model could not generate this clip (fake upstream failure).') : null,
      status,
      created_at: new Date(p.createdAt).toISOString(),
      urls: { get: base, cancel: `${base}/cancel` },
    };
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://fake');
      const p = url.pathname;
      const raw = await read(req);
      const body = raw.length && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw.toString('utf8')) : {};
      if (p === '/__stats') return json(res, 200, { ...stats, chat: chat.stats });
      if (p === '/__control' && req.method === 'POST') {
        // Replaces the failure plan (an empty object clears what is left of an earlier one).
        control.fail = { ...(body.fail ?? {}) };
        control.reorderIdeas = Number(body.reorderIdeas ?? 0);
        chat.breakNext(Number(body.breakChat ?? 0));
        chat.failNext(Number(body.failChat ?? 0), Number(body.failChatStatus ?? 529));
        chat.reportInputTokens(body.chatInputTokens === undefined ? null : Number(body.chatInputTokens));
        chat.eventMs = Number(body.chatEventMs ?? 10);
        models.missing = new Set(body.missingModels ?? []);
        return json(res, 200, { ok: true });
      }
      if (p.startsWith('/files/')) {
        const file = path.join(dir, path.basename(p));
        const st = await stat(file).catch(() => null);
        if (!st) return json(res, 404, { detail: 'not found' });
        stats.downloads++;
        const type = file.endsWith('.mp4') ? 'video/mp4' : file.endsWith('.png') ? 'image/png' : 'audio/wav';
        res.writeHead(200, { 'content-type': type, 'content-length': String(st.size) });
        return createReadStream(file).pipe(res);
      }
      if (p === '/openai/v1/chat/completions') {
        if (req.headers.authorization !== `Bearer ${MEDIA_FAKE_KEYS.openai}`) return json(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
        await wait(latency.text);
        const user = body.messages?.find((m: { role: string }) => m.role === 'user')?.content;
        const userText = Array.isArray(user) ? user.filter((c: { type: string }) => c.type === 'text').map((c: { text: string }) => c.text).join('\n') : String(user ?? '');
        const system = body.messages?.find((m: { role: string }) => m.role === 'system' || m.role === 'developer')?.content;
        const out = await answerText(userText, typeof system === 'string' ? system : '');
        return json(res, 200, { id: `chatcmpl-${randomUUID()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: out, refusal: null }, logprobs: null, finish_reason: 'stop' }], usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(out.length / 4), total_tokens: Math.ceil((raw.length + out.length) / 4) } });
      }
      if (p === '/anthropic/v1/messages') {
        // The API takes the key as x-api-key or (the SDK's own way since 1.x) a bearer token.
        if (req.headers['x-api-key'] !== MEDIA_FAKE_KEYS.anthropic && req.headers.authorization !== `Bearer ${MEDIA_FAKE_KEYS.anthropic}`) return json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
        await wait(latency.text);
        const refusal = checkMessagesRequest(body);
        if (refusal) {
          stats.refused.push({ path: p, status: refusal.status, body: refusal.body });
          return json(res, refusal.status, refusal.body);
        }
        // The chat (its own controls); {fail: {text}} is for the pipeline's writer calls.
        // A finished message, streamed as server-sent events when the request asks for a stream.
        const message = async (m: Record<string, unknown>, paceMs = 0) => {
          if (body.stream !== true) return json(res, 200, m);
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
          // Event by event, as a model writes (the chat's answers are paced so a screen can show them arrive).
          for (const event of sseEventsOfMessage(m)) {
            if (res.destroyed) return;
            res.write(event);
            if (paceMs) await wait(paceMs);
          }
          res.end();
        };
        if (isChatRequest(body)) {
          const failure = chat.failure();
          if (failure) return json(res, failure.status, failure.body);
          return message(chat.answer(body), chat.eventMs);
        }
        if ((control.fail.text ?? 0) > 0) {
          control.fail.text! -= 1;
          stats.failed++;
          return json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'The model refused this request (fake upstream failure).' } });
        }
        const content = body.messages?.[0]?.content;
        const userText = Array.isArray(content) ? content.filter((c: { type: string }) => c.type === 'text').map((c: { text: string }) => c.text).join('\n') : String(content ?? '');
        const out = await answerText(userText, typeof body.system === 'string' ? body.system : Array.isArray(body.system) ? body.system.map((b: { text?: string }) => b.text ?? '').join('\n') : '');
        return message({ id: `msg_${randomUUID().replaceAll('-', '')}`, type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text: out }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: Math.ceil(raw.length / 4), output_tokens: Math.ceil(out.length / 4) } });
      }
      if (p.startsWith('/replicate/v1/')) {
        if (req.headers.authorization !== `Bearer ${MEDIA_FAKE_KEYS.replicate}`) return json(res, 401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 });
        let m: RegExpExecArray | null;
        const routed = routePrediction(models.schemas(), req.method ?? 'GET', p, body, (v) => (trainings.isTrainedVersion(v) ? trainerDoc : null));
        if (routed) {
          if (routed.error) {
            stats.refused.push({ path: p, status: routed.error.status, body: routed.error.body });
            return json(res, routed.error.status, routed.error.body);
          }
          if (routed.ignored.length) stats.ignoredInputs.push({ model: routed.model, fields: routed.ignored });
          // A last frame sent to a model whose schema has none (Sora 2): Replicate would drop it
          // silently and the clip would not end on the keyframe — stricter here, refused as a 422.
          const lastFrame = routed.ignored.filter((f) => LAST_FRAME_FIELDS.includes(f));
          if (lastFrame.length) {
            const refused = validationFailed(lastFrame.map((f) => ({ type: 'additional_property_not_allowed', field: f, description: `${routed.model} takes no last frame (${f} is not in its schema); its clips cannot be anchored on a keyframe` })));
            stats.refused.push({ path: p, status: refused.status, body: refused.body });
            return json(res, refused.status, refused.body);
          }
          // A brand style's trained version runs as an image model (POST /predictions {version}).
          const trained = routed.model === TRAINER_MODEL ? String(body.version) : null;
          const model = trained ?? routed.model;
          const kind = (trained ? 'image' : catalogModel(routed.model)?.capability) as Kind;
          if (trained) stats.versioned.push({ version: trained, prompt: String(body.input?.prompt ?? '') });
          stats.calls.push({ model, kind, input: Object.fromEntries(Object.entries(routed.input).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('data:') ? (imageSize(v) ?? 'data') : v])) });
          const id = randomUUID().replaceAll('-', '').slice(0, 26);
          const now = Date.now();
          const forced = (control.fail[kind] ?? 0) > 0;
          if (forced) control.fail[kind]! -= 1;
          const refusal = modelRefusal(routed.model, routed.input);
          const fail = forced || refusal !== null || Math.random() < (opts.failRate ?? 0);
          if (fail) stats.failed++;
          const pred: Pred = { id, model, kind, input: body.input ?? {}, createdAt: now, readyAt: now + latency[kind], fail, ...(refusal ? { error: refusal } : {}) };
          preds.set(id, pred);
          stats.created[kind] = (stats.created[kind] ?? 0) + 1;
          if (!fail) pred.rendering = renderOnce(pred).then((o) => (pred.output = o));
          pred.rendering?.catch(() => (pred.fail = true));
          return json(res, 201, view(pred));
        }
        const modelsAnswer = answerModelsApi(SCHEMAS, models, req.method ?? 'GET', p, body);
        if (modelsAnswer) return json(res, modelsAnswer.status, modelsAnswer.body);
        if (req.method === 'GET' && (m = /^\/replicate\/v1\/predictions\/([^/]+)$/.exec(p))) {
          const pred = preds.get(m[1]!);
          if (!pred) return json(res, 404, { detail: 'The requested resource could not be found.', status: 404 });
          if (Date.now() >= pred.readyAt && pred.rendering) await pred.rendering.catch(() => undefined);
          return json(res, 200, view(pred));
        }
        // Replicate refuses a training whose destination model the account has not made.
        if (req.method === 'POST' && /\/trainings$/.test(p) && !models.exists(String(body.destination ?? ''))) return json(res, REPLICATE_ERRORS.destinationMissing.status, REPLICATE_ERRORS.destinationMissing.body);
        if (trainings.handle(req.method ?? 'GET', p, body, raw, res, baseUrl)) return;
        return json(res, 404, { detail: 'The requested resource could not be found.', status: 404 });
      }
      json(res, 404, { error: 'no such fake route' });
    } catch (e) {
      json(res, 500, { error: String(e) });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    keys: MEDIA_FAKE_KEYS,
    /** Worker variables that point the proxy at these fakes. */
    env: { OPENAI_API_KEY: MEDIA_FAKE_KEYS.openai, ANTHROPIC_API_KEY: MEDIA_FAKE_KEYS.anthropic, REPLICATE_API_TOKEN: MEDIA_FAKE_KEYS.replicate, OPENAI_BASE_URL: `${baseUrl}/openai/v1`, ANTHROPIC_BASE_URL: `${baseUrl}/anthropic/v1`, REPLICATE_BASE_URL: `${baseUrl}/replicate/v1`, SUNO_BASE_URL: '', SUNO_API_KEY: '' },
    stats: () => structuredClone({ ...stats, chat: chat.stats }),
    trainings: { stats: trainings.stats, fail: trainings.fail },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (!opts.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
export type MediaUpstreams = Awaited<ReturnType<typeof startMediaUpstreams>>;

/** Reads a file (test helper for tiny media checks). */
export const readBytes = (file: string) => readFile(file);
