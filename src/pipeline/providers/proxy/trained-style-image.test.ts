/**
 * The proxy family's image job with and without a brand's trained LoRA, against a tiny stand-in
 * for the proxy's Replicate routes: a lora request is created on the trained version with the
 * trained model's inputs; every other request still goes to flux-1.1-pro unchanged.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../ffmpeg/binaries';
import { runFfmpeg } from '../../ffmpeg/run';
import type { TrainedStyle } from '../../style/trained-style';
import type { CallContext, ImageRequest } from '../types';
import { proxyFamily } from './family';
import { trainedStyleInput, trainedStyleTarget } from './trained-style-image';

const { ffmpegPath } = resolveBinaries();
const VERSION = `zapcut/brand-styles:${'e'.repeat(64)}`;
const lora: TrainedStyle = { kind: 'lora', version: VERSION, weights: null, triggerWord: 'ZPCKITE' };
const FOREIGN = `someone-else/brand-styles:${'f'.repeat(64)}`;

let dir: string;
let png: string;
let baseUrl: string;
const created: { path: string; video: string | undefined; body: { version?: string; input: Record<string, unknown> } }[] = [];

const server = createServer(async (req: IncomingMessage, res) => {
  const raw = await new Promise<string>((r) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => r(s));
  });
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const url = req.url ?? '';
  if (url === '/v1/videos' || url.startsWith('/v1/videos/')) return send(200, { videoId: 'vid_1', status: 'reserved', source: 'free', costCents: 0, lengthSeconds: 15, paidCallsUsed: 0, paidCallsCap: 12 });
  if (req.method === 'POST' && url.startsWith('/replicate/v1/') && url.endsWith('/predictions')) {
    const body = JSON.parse(raw) as { version?: string };
    // The proxy runs a trained version only for the account that trained it.
    if (body.version === FOREIGN) return send(403, { error: { code: 'MODEL_NOT_ALLOWED', message: `${FOREIGN} is not in the proxy's model catalog.` } });
    created.push({ path: url, video: req.headers['x-zapcut-video'] as string | undefined, body: JSON.parse(raw) });
    return send(201, { id: `p${created.length}`, status: 'starting', output: null });
  }
  if (req.method === 'GET' && url.startsWith('/replicate/v1/predictions/')) return send(200, { id: url.split('/').at(-1), status: 'succeeded', output: [`${baseUrl}/out.png`] });
  if (url === '/out.png') {
    res.writeHead(200, { 'content-type': 'image/png' });
    return res.end(await readFile(png));
  }
  send(404, { error: { code: 'NOT_FOUND', message: url } });
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-lora-image-'));
  png = path.join(dir, 'product.png');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=red:s=32x32', '-frames:v', '1'], output: png });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  baseUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

function family() {
  return proxyFamily({
    auth: { baseUrl, accessToken: async () => 'token', refreshed: async () => 'token' },
    ffmpegPath,
    runSpec: () => ({ lengthSeconds: 15, resolution: { width: 640, height: 360 }, aspect: '16:9' }),
    poll: { initialMs: 5, maxMs: 10 },
  });
}

const request = (extra: Partial<ImageRequest> = {}): ImageRequest => ({
  prompt: 'ZPCKITE style. clean modern, soft light. hero shot of Kite.',
  kind: 'hero',
  productImages: [png],
  aspect: '9:16',
  resolution: { width: 360, height: 640 },
  style: { colors: ['#D7263D'], lighting: 'soft', camera: 'static', motion: 'gentle', energyLevel: 5 },
  seed: 1234,
  ...extra,
});
const ctx = (): CallContext => ({ signal: new AbortController().signal, workDir: dir, idempotencyKey: '0b5f8a9e-1111-4222-8333-944455556666:references:hero' });

describe('proxy image job with a trained brand style', () => {
  it('a lora request is created on the trained version with the trained model inputs, billed to the run video, and downloads its image', async () => {
    const image = family().image;
    const sub = await image.submit(request({ brandStyle: lora }), ctx());
    const sent = created.at(-1)!;
    expect(sent.path).toBe('/replicate/v1/predictions');
    expect(sent.video).toBe('vid_1');
    expect(sent.body).toEqual({ version: VERSION, input: { prompt: 'ZPCKITE style. clean modern, soft light. hero shot of Kite.', aspect_ratio: '9:16', seed: 1234, output_format: 'png', num_outputs: 1, lora_scale: 1 } });
    expect(sub.costCents).toBe(image.model.priceCents);
    const out = await image.wait(sub.jobId, request({ brandStyle: lora }), ctx());
    expect((await readFile(out.files[0]!)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('requests without a trained lora (none, or the offline grade) still go to flux-1.1-pro with the product as image_prompt', async () => {
    const image = family().image;
    await image.submit(request({ prompt: 'hero shot of Kite.' }), ctx());
    const plain = created.at(-1)!;
    expect(plain.path).toBe('/replicate/v1/models/black-forest-labs/flux-1.1-pro/predictions');
    expect(plain.body.version).toBeUndefined();
    expect(plain.body.input).toMatchObject({ prompt: 'hero shot of Kite.', aspect_ratio: '9:16', seed: 1234, output_format: 'png' });
    expect(String(plain.body.input.image_prompt)).toMatch(/^data:image\/jpeg;base64,/);

    const grade: TrainedStyle = { kind: 'grade', version: 1, grade: { target: '#D7263D', strength: 0.2, gain: [1, 1, 1] }, palette: ['#D7263D'] };
    await image.submit(request({ brandStyle: grade }), ctx());
    expect(created.at(-1)!.path).toBe('/replicate/v1/models/black-forest-labs/flux-1.1-pro/predictions');
  });

  it('a trained version this account may not run (trained under another account) falls back to the standard look', async () => {
    const image = family().image;
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      await image.submit(request({ brandStyle: { ...lora, version: FOREIGN } }), ctx());
    } finally {
      console.warn = warn;
    }
    const sent = created.at(-1)!;
    expect(sent.path).toBe('/replicate/v1/models/black-forest-labs/flux-1.1-pro/predictions');
    expect(sent.body.input.prompt).toBe('clean modern, soft light. hero shot of Kite.');
    expect(warnings.join()).toMatch(/not available to this account.*standard look/);
  });

  it('the trigger word is added when a prompt lacks it; non-lora requests have no target or input override', () => {
    expect(trainedStyleInput(request({ prompt: 'a bottle', brandStyle: lora }))?.prompt).toBe('ZPCKITE style. a bottle');
    expect(trainedStyleTarget(request({ brandStyle: lora }))).toEqual({ version: VERSION });
    expect(trainedStyleTarget(request())).toBeUndefined();
    expect(trainedStyleInput(request())).toBeUndefined();
  });
});
