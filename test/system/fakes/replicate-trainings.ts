/**
 * Replicate's trainings API for the media fakes (media-upstreams.ts): the Files upload the proxy
 * sends the zipped training images to, trainings create / get / cancel with a time-based
 * lifecycle (starting → processing → succeeded | failed | canceled), and the trained output
 * version, which the media fakes then run as an image model (POST /predictions {version}).
 *
 * Control (tests): `fail(n)` makes the next n trainings end as failed.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

interface Training {
  id: string;
  model: string;
  version: string;
  destination: string;
  input: Record<string, unknown>;
  createdAt: number;
  readyAt: number;
  fail: boolean;
  canceled: boolean;
}

export interface TrainingsStats {
  /** Trainings created (each with its trigger word). */
  created: { id: string; triggerWord: string }[];
  /** Upstream ids cancelled while running. */
  cancelled: string[];
  /** Zip uploads through the Files API (bytes each). */
  uploads: number[];
}

export function replicateTrainings(opts: { latencyMs: number }) {
  const trainings = new Map<string, Training>();
  const trainedVersions = new Set<string>();
  const stats: TrainingsStats = { created: [], cancelled: [], uploads: [] };
  let failNext = 0;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  function view(t: Training, base: string): Record<string, unknown> {
    const now = Date.now();
    const status = t.canceled ? 'canceled' : now >= t.readyAt ? (t.fail ? 'failed' : 'succeeded') : now - t.createdAt > 300 ? 'processing' : 'starting';
    // Like Replicate: the destination model's new version, named by a 64-hex id.
    const version = `${t.destination}:${Buffer.from(t.id).toString('hex').padEnd(64, '0').slice(0, 64)}`;
    if (status === 'succeeded') trainedVersions.add(version);
    return {
      id: t.id,
      model: t.model,
      version: t.version,
      destination: t.destination,
      input: t.input,
      logs: '',
      status,
      output: status === 'succeeded' ? { version, weights: `${base}/files/${t.id}-trained_model.tar` } : null,
      error: status === 'failed' ? 'Training failed: the fake trainer ran out of GPU memory' : null,
      created_at: new Date(t.createdAt).toISOString(),
      urls: { get: `${base}/replicate/v1/trainings/${t.id}`, cancel: `${base}/replicate/v1/trainings/${t.id}/cancel` },
    };
  }

  return {
    stats: (): TrainingsStats => structuredClone(stats),
    fail(n: number): void {
      failNext = n;
    },
    isTrainedVersion: (version: unknown): boolean => typeof version === 'string' && trainedVersions.has(version),
    /** Answers the trainings and files routes; false for anything else. */
    handle(method: string, p: string, body: Record<string, unknown>, raw: Buffer, res: ServerResponse, base: string): boolean {
      let m: RegExpExecArray | null;
      if (method === 'POST' && p === '/replicate/v1/files') {
        stats.uploads.push(raw.length);
        const id = randomUUID();
        json(res, 201, { id, name: 'upload.zip', content_type: 'application/zip', size: raw.length, urls: { get: `https://api.replicate.com/v1/files/${id}` } });
        return true;
      }
      if (method === 'POST' && (m = /^\/replicate\/v1\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/trainings$/.exec(p))) {
        const input = (body.input ?? {}) as Record<string, unknown>;
        if (typeof input.input_images !== 'string') {
          json(res, 422, { title: 'Input validation failed', detail: '- input: input_images is required', status: 422 });
          return true;
        }
        const now = Date.now();
        const t: Training = { id: randomUUID().replaceAll('-', '').slice(0, 26), model: `${m[1]}/${m[2]}`, version: m[3]!, destination: String(body.destination), input, createdAt: now, readyAt: now + opts.latencyMs, fail: failNext > 0, canceled: false };
        if (failNext > 0) failNext -= 1;
        trainings.set(t.id, t);
        stats.created.push({ id: t.id, triggerWord: String(input.trigger_word ?? '') });
        json(res, 201, view(t, base));
        return true;
      }
      if ((m = /^\/replicate\/v1\/trainings\/([^/]+)(\/cancel)?$/.exec(p))) {
        const t = trainings.get(m[1]!);
        if (!t) {
          json(res, 404, { title: 'Not found', detail: 'Not found.', status: 404 });
          return true;
        }
        if (m[2] && method === 'POST' && Date.now() < t.readyAt && !t.canceled) {
          t.canceled = true;
          stats.cancelled.push(t.id);
        }
        json(res, 200, view(t, base));
        return true;
      }
      return false;
    },
  };
}
