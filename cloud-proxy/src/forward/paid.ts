import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { ProxyError } from '../http/errors';
import { accountOf, unwrap } from '../account/stub';
import type { PaidUse, ReservationView } from '../account/types';
import { videoOutput } from '../ops/videoStats';
import { afterResponse } from '../ops/costs';

/**
 * Every paid media call names the reserved video it belongs to (X-Zapcut-Video) and uses one of
 * that video's paid calls; it is given back if the provider refuses the request outright.
 */
export async function takePaidCall(c: Context<AppEnv>, use: PaidUse): Promise<ReservationView> {
  const videoId = c.req.header('x-zapcut-video');
  if (!videoId) throw new ProxyError(402, 'VIDEO_REQUIRED', 'Paid generation calls need an X-Zapcut-Video header with a reserved video id (POST /v1/videos).');
  return unwrap(await accountOf(c.env, c.get('user').id).usePaidCall(videoId, use));
}

export async function givePaidCallBack(c: Context<AppEnv>, videoId: string, use: PaidUse): Promise<void> {
  await accountOf(c.env, c.get('user').id).releasePaidCall(videoId, use);
}

/** An image or speech call: one paid call, no seconds. */
export const mediaCall = (kind: 'image' | 'speech'): PaidUse => ({ kind, seconds: 0, maxClipSeconds: 0 });

/**
 * An output is about to leave the proxy: the ledger commits the video first, or refuses (409
 * VIDEO_NOT_ACTIVE) when the video was given back. Call it before any byte of output is sent.
 */
export async function deliverOutput(c: Context<AppEnv>, videoId: string | null, what: string, predictionId?: string): Promise<void> {
  if (!videoId) throw new ProxyError(409, 'VIDEO_NOT_ACTIVE', 'This output belongs to no reserved video; reserve a video to generate.');
  unwrap(await accountOf(c.env, c.get('user').id).deliver(videoId, 'system:delivery', what, predictionId));
  afterResponse(c, videoOutput(c.env, videoId), `output of ${videoId}`);
}
