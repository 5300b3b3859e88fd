import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { ProxyError } from '../http/errors';
import { accountOf, unwrap } from '../account/stub';
import type { PaidUse } from '../account/types';
import { isDraftId } from '../account/drafts';
import { videoOutput } from '../ops/videoStats';
import { afterResponse } from '../ops/costs';

/**
 * Every paid media call names what pays for it and uses one of its paid calls: the reserved video
 * (X-Zapcut-Video), or — for a picture made before the user approved the ad's pictures — the ad's
 * picture draft (X-Zapcut-Draft, account/drafts.ts: no video held). It is given back if the
 * provider refuses the request outright. `videoId` is the holder's id (a video's or a draft's).
 */
export async function takePaidCall(c: Context<AppEnv>, use: PaidUse): Promise<{ videoId: string }> {
  const videoId = c.req.header('x-zapcut-video');
  const draftId = c.req.header('x-zapcut-draft');
  if (draftId !== undefined && !videoId) {
    if (!isDraftId(draftId)) throw new ProxyError(400, 'VALIDATION', 'X-Zapcut-Draft must name a draft (POST /v1/drafts).');
    unwrap(await accountOf(c.env, c.get('user').id).usePaidCall(draftId, use));
    return { videoId: draftId };
  }
  if (!videoId) throw new ProxyError(402, 'VIDEO_REQUIRED', 'Paid generation calls need an X-Zapcut-Video header with a reserved video id (POST /v1/videos), or X-Zapcut-Draft for a picture before approval (POST /v1/drafts).');
  if (isDraftId(videoId)) throw new ProxyError(400, 'VALIDATION', 'X-Zapcut-Video must name a reserved video; send a draft as X-Zapcut-Draft.');
  unwrap(await accountOf(c.env, c.get('user').id).usePaidCall(videoId, use));
  return { videoId };
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
  if (!isDraftId(videoId)) afterResponse(c, videoOutput(c.env, videoId), `output of ${videoId}`);
}
