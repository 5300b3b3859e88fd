import { z } from 'zod';
import type { Context } from 'hono';
import { newApp, type AppEnv } from '../app';
import { requireUser } from '../auth/middleware';
import { configOf } from '../env';
import { readJson } from '../http/body';
import { ProxyError } from '../http/errors';
import { screenPrompts } from '../safety/screen';
import { forwardLlm } from './llm';
import { musicRoutes } from './music';
import { deliverOutput, givePaidCallBack, mediaCall, takePaidCall } from './paid';
import { recordPaidCallCost } from '../ops/costs';
import { replicateRoutes } from './replicate';
import { cleanHeaders, fetchUpstream, providerError } from './upstream';

export const forwardRoutes = newApp();
for (const prefix of ['/openai/*', '/anthropic/*', '/replicate/*', '/music/*']) forwardRoutes.use(prefix, requireUser);

// ---- OpenAI: only these paths exist; everything else under /openai is 404 by omission ----
forwardRoutes.post('/openai/v1/chat/completions', (c) => {
  const config = configOf(c.env);
  return forwardLlm(c, {
    provider: 'openai',
    route: 'openai:chat',
    url: `${config.OPENAI_BASE_URL}/chat/completions`,
    headers: { authorization: `Bearer ${config.OPENAI_API_KEY}` },
    // Ask for the usage chunk at the end of a stream so streamed calls are metered exactly.
    prepare: (body) => {
      if (body.stream === true) body.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
    },
  });
});

forwardRoutes.post('/openai/v1/responses', (c) => {
  const config = configOf(c.env);
  return forwardLlm(c, { provider: 'openai', route: 'openai:responses', url: `${config.OPENAI_BASE_URL}/responses`, headers: { authorization: `Bearer ${config.OPENAI_API_KEY}` } });
});

// One paid call makes one image: `n` is forced to 1 (as Replicate's num_outputs is).
const ImageBody = z
  .object({ prompt: z.string().min(1).max(4000), model: z.string().max(64).optional(), n: z.number().int().min(1).max(10).optional() })
  .loose()
  .transform((b) => ({ ...b, n: 1 }));

/**
 * One paid OpenAI media call: the prompt screened, one of the video's paid calls taken (given back
 * when OpenAI refuses the request), the video committed before its output is sent.
 */
async function paidOpenAi(c: Context<AppEnv>, path: string, screen: string, prompt: string, body: unknown, kind: 'image' | 'speech'): Promise<Response> {
  await screenPrompts(c, screen, [prompt]);
  const video = await takePaidCall(c, mediaCall(kind));
  const config = configOf(c.env);
  const res = await fetchUpstream('openai', `${config.OPENAI_BASE_URL}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.OPENAI_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    if (res.status < 500) await givePaidCallBack(c, video.videoId, mediaCall(kind));
    throw await providerError('openai', res, [config.OPENAI_API_KEY]);
  }
  const model = typeof (body as { model?: unknown }).model === 'string' ? `openai/${(body as { model: string }).model}` : `openai${path}`;
  recordPaidCallCost(c, { id: `openai:${crypto.randomUUID()}`, userId: c.get('user').id, videoId: video.videoId, model, kind, characters: kind === 'speech' ? prompt.length : 0 });
  // The answer is the output: the video is committed before any of it is sent (or, given back
  // meanwhile, the answer is withheld and dropped).
  try {
    await deliverOutput(c, video.videoId, path);
  } catch (e) {
    await res.body?.cancel();
    throw e;
  }
  return new Response(res.body, { status: res.status, headers: cleanHeaders(res.headers) });
}

forwardRoutes.post('/openai/v1/images/generations', async (c) => {
  const body = await readJson(c, ImageBody);
  return paidOpenAi(c, '/images/generations', 'openai:images', body.prompt, body, 'image');
});

const SpeechBody = z.object({ input: z.string().min(1).max(4096), model: z.string().max(64), voice: z.string().max(64) }).loose();

forwardRoutes.post('/openai/v1/audio/speech', async (c) => {
  const body = await readJson(c, SpeechBody);
  return paidOpenAi(c, '/audio/speech', 'openai:speech', body.input, body, 'speech');
});

// ---- Anthropic ----
forwardRoutes.post('/anthropic/v1/messages', (c) => {
  const config = configOf(c.env);
  return forwardLlm(c, {
    provider: 'anthropic',
    route: 'anthropic:messages',
    url: `${config.ANTHROPIC_BASE_URL}/messages`,
    headers: { 'x-api-key': config.ANTHROPIC_API_KEY, 'anthropic-version': c.req.header('anthropic-version') ?? '2023-06-01' },
  });
});

forwardRoutes.route('/replicate/v1', replicateRoutes);
forwardRoutes.route('/music/v1', musicRoutes);

for (const prefix of ['/openai/*', '/anthropic/*', '/replicate/*', '/music/*']) {
  forwardRoutes.all(prefix, (c) => {
    throw new ProxyError(404, 'PATH_NOT_ALLOWED', `${c.req.method} ${new URL(c.req.url).pathname} is not forwarded by the proxy.`);
  });
}
