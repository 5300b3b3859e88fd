import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { ProviderError } from '../errors';
import { fromReplicateError, fromSdkError } from './sdk-errors';

describe('SDK errors through the proxy', () => {
  it("keeps the proxy's refusal (code + what to do) from a Replicate ApiError", async () => {
    const res = new Response('{}', { status: 402 });
    const err = Object.assign(new Error(`Request to http://p/replicate/v1/models/x/y/predictions failed with status 402 Payment Required: {"error":{"code":"PAID_CALLS_EXHAUSTED","message":"This video has used its 12 paid calls."}}.`), { response: res });
    const mapped = (await fromReplicateError(err, 'video (x/y)', 15)) as AppError;
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe('PAYMENT_REQUIRED');
    expect(mapped.message).toMatch(/used its 12 paid calls/);
  });
  it('turns 5xx/429 into retryable ProviderErrors with Retry-After, and 401 into UNAUTHENTICATED', () => {
    const e = fromSdkError({ status: 429, headers: new Headers({ 'retry-after': '3' }), error: { error: { code: 'RATE_LIMITED', message: 'slow down' } } }, 'bible') as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 3000, status: 429 });
    expect((fromSdkError({ status: 503, headers: {}, error: null }, 'bible') as ProviderError).retryable).toBe(true);
    expect((fromSdkError({ status: 401, headers: {}, error: { error: { code: 'UNAUTHENTICATED', message: 'expired' } } }, 'bible') as AppError).code).toBe('UNAUTHENTICATED');
  });
  it('network failures are retryable, not crashes', async () => {
    const e = (await fromReplicateError(new TypeError('fetch failed'), 'video')) as ProviderError;
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/cannot reach the Zapcut service/);
  });
  it("a job whose video was given back is a dead job (made again under the run's new video), not a retryable error", async () => {
    const res = new Response('{}', { status: 409 });
    const err = Object.assign(new Error(`Request to http://p/replicate/v1/predictions/abc failed with status 409 Conflict: {"error":{"code":"VIDEO_NOT_ACTIVE","message":"Video vid_1 was given back (refunded), so its outputs are no longer available."}}.`), { response: res });
    const mapped = (await fromReplicateError(err, 'video (x/y)')) as ProviderError;
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped).toMatchObject({ jobFailed: true, retryable: false });
    expect(mapped.message).toMatch(/given back/);
  });
});
