/**
 * Pricing and limits (PRODUCT.md "Pricing and limits") as data plus the pure decision of what a
 * video costs a user and from which source. The Durable Object applies it atomically; keeping it
 * pure lets the rule be read (and tested) on its own.
 */
import type { QuoteAnswer, QuoteRefusal, Resolution, Tier, VideoSource } from '../../../src/shared/domain/account-wire';
// Plans, resolutions and money sources are named once for the app and the Worker (src/shared).
export { RESOLUTIONS, TIERS, type Resolution, type Tier, type VideoSource } from '../../../src/shared/domain/account-wire';

export interface TierLimits {
  monthlyVideos: number;
  maxLengthSeconds: number;
  resolutions: readonly Resolution[];
  priority: boolean;
  apiAccess: boolean;
  /** LLM tokens (input + output) per calendar month for chat/storyboard/prompt calls. */
  llmTokensPerMonth: number;
  /**
   * Brand-style (LoRA) trainings started per calendar month that produce a usable style (one that
   * fails or is cancelled before producing one is given back). A trainer run costs the operator
   * about as much as a short video, so Free gets one style (PRODUCT.md: trained after a brand's
   * first video) and paid plans a few per brand-heavy month.
   */
  trainingsPerMonth: number;
  /**
   * Pictures per month made for ads whose pictures were not approved (drafts.ts): open or
   * abandoned drafts. An approved ad's pictures count as its video's instead. Bounds what free
   * pictures can cost the operator (an image is ~4 ¢; Free: 40 ≈ $1.60 a month at most).
   */
  draftPicturesPerMonth: number;
}

export const TIER_LIMITS: Record<Tier, TierLimits> = {
  // Free users pay with credits after the free allowance; credits are priced up to 60 s.
  free: { monthlyVideos: 0, maxLengthSeconds: 60, resolutions: ['720p', '1080p'], priority: false, apiAccess: false, llmTokensPerMonth: 300_000, trainingsPerMonth: 1, draftPicturesPerMonth: 40 },
  starter: { monthlyVideos: 10, maxLengthSeconds: 30, resolutions: ['720p', '1080p'], priority: false, apiAccess: false, llmTokensPerMonth: 2_000_000, trainingsPerMonth: 3, draftPicturesPerMonth: 120 },
  pro: { monthlyVideos: 30, maxLengthSeconds: 60, resolutions: ['720p', '1080p'], priority: true, apiAccess: false, llmTokensPerMonth: 6_000_000, trainingsPerMonth: 10, draftPicturesPerMonth: 300 },
  agency: { monthlyVideos: 100, maxLengthSeconds: 60, resolutions: ['720p', '1080p', '4k'], priority: true, apiAccess: true, llmTokensPerMonth: 20_000_000, trainingsPerMonth: 30, draftPicturesPerMonth: 1000 },
};

/** Free allowance: video 1 up to 15 s, video 2 up to 30 s. */
export const FREE_VIDEO_MAX_SECONDS = [15, 30] as const;
export const MAX_VIDEO_SECONDS = 60;

/**
 * Credits are kept in cents so both pack sizes stay exact: $5 per ≤30 s video, $8 per ≤60 s;
 * the $40 pack grants 10 × $5 and the $70 pack 10 × $8 of credit.
 */
export function creditPriceCents(lengthSeconds: number): number {
  return lengthSeconds <= 30 ? 500 : 800;
}

/**
 * How many paid upstream calls one video may make. The app makes, per ~5 s clip, one video call,
 * one voiceover line and one keyframe image (plus the final keyframe), plus 4 reference images and
 * one music track (a 15 s ad: 3 + 3 + 4 + 4 + 1 = 15 calls); the cap adds one retry per clip (a
 * scene the continuity gate regenerates) and 2 spare calls (a failed image, a regenerated scene).
 * Stops a single reservation from buying unlimited clips. (Was 3 per clip + 7 before keyframes.)
 */
export function paidCallCap(lengthSeconds: number): number {
  return 4 * Math.ceil(lengthSeconds / 5) + 8;
}

/**
 * Seconds of video one reservation may generate: 2·L + 2·C, where L is the video's length and C
 * the longest clip of the model asked for. 2·L covers the app's own plan — every scene is at least
 * 3 s and its clip (the scene plus a 1 s crossfade handle, snapped up to a length the model makes)
 * is at most twice the scene for every catalog video model (checked by
 * src/pipeline/providers/proxy/seconds-allowance.test.ts); one C is one regenerated scene, the
 * other one retry whose failure the proxy never saw. A clip that fails at the provider gives its
 * seconds back, so ordinary retries cost nothing. (Kling, 15 s: 30 + 20 = 50 s; was unbounded by
 * seconds: 16 calls × 10 s = 160 s.)
 */
export function videoSecondsCap(lengthSeconds: number, maxClipSeconds: number): number {
  return 2 * lengthSeconds + 2 * maxClipSeconds;
}

/**
 * Pictures one ad may make before its pictures are approved (a draft, drafts.ts): a keyframe per
 * scene plus the final frame (the app makes at most 10 scenes of at least 3 s: plan.ts
 * sceneCount), 4 style frames, and 6 pictures made again by the user (15 s: 16, 30 s and 60 s: 21).
 */
export function draftPictureCap(lengthSeconds: number): number {
  const scenes = Math.max(2, Math.min(10, Math.floor(lengthSeconds / 3)));
  return scenes + 1 + 4 + 6;
}

/** Seconds of music one reservation may generate: the track (L) and one redo. */
export function musicSecondsCap(lengthSeconds: number): number {
  return 2 * lengthSeconds;
}

export interface EntitlementState {
  tier: Tier;
  creditsCents: number;
  freeUsed: number;
  monthUsed: number;
}


export type Quote =
  | { ok: true; source: VideoSource; costCents: number; lengthSeconds: number; resolution: Resolution }
  | { ok: false; code: QuoteRefusal; message: string; lengthSeconds: number; resolution: Resolution };

/** A quote as it crosses the wire (`allowed` where the ledger says `ok`). */
export function quoteAnswer(q: Quote): QuoteAnswer {
  const { ok, ...rest } = q;
  return ok ? { allowed: true, ...(rest as Omit<Extract<Quote, { ok: true }>, 'ok'>) } : { allowed: false, ...(rest as Omit<Extract<Quote, { ok: false }>, 'ok'>) };
}

export function quoteVideo(state: EntitlementState, lengthSeconds: number, resolution: Resolution): Quote {
  const limits = TIER_LIMITS[state.tier];
  const base = { lengthSeconds, resolution };
  if (lengthSeconds > limits.maxLengthSeconds) {
    return { ok: false, code: 'LENGTH_NOT_IN_TIER', message: `The ${state.tier} plan makes videos up to ${limits.maxLengthSeconds} s; choose a shorter length or upgrade.`, ...base };
  }
  if (!limits.resolutions.includes(resolution)) {
    return { ok: false, code: 'RESOLUTION_NOT_IN_TIER', message: `${resolution} is not in the ${state.tier} plan; choose 1080p or upgrade to Agency for 4K.`, ...base };
  }
  const freeMax = FREE_VIDEO_MAX_SECONDS[state.freeUsed];
  if (freeMax !== undefined && lengthSeconds <= freeMax) return { ok: true, source: 'free', costCents: 0, ...base };
  if (state.monthUsed < limits.monthlyVideos) return { ok: true, source: 'plan', costCents: 0, ...base };
  const price = creditPriceCents(lengthSeconds);
  if (state.creditsCents >= price) return { ok: true, source: 'credits', costCents: price, ...base };
  if (limits.monthlyVideos > 0) {
    return { ok: false, code: 'QUOTA_EXHAUSTED', message: `This month's ${limits.monthlyVideos} videos are used; buy credits or wait for next month.`, ...base };
  }
  return { ok: false, code: 'PAYMENT_REQUIRED', message: `This video needs $${(price / 100).toFixed(2)} of credit; buy a credit pack or subscribe.`, ...base };
}

export interface BatchQuote {
  /** Each video as quoteVideo answers it once the allowed ones before it are reserved, in order. */
  videos: Quote[];
  /** How many of the videos the account can pay for now. */
  fits: number;
  /** What the allowed videos cost in credits, in cents. */
  totalCents: number;
}

/**
 * A batch of videos made one after another (`zapcut batch`, issue 23): each is quoted as
 * `reserve` would decide it after the allowed ones before it — a free slot, a plan video or credits
 * used up — so the whole batch is priced, and refused up front, by the same rule. A refused video
 * uses nothing; later ones may still fit (a shorter one in the second free slot).
 */
export function quoteVideos(state: EntitlementState, videos: readonly { lengthSeconds: number; resolution: Resolution }[]): BatchQuote {
  const s = { ...state };
  const out: Quote[] = [];
  let totalCents = 0;
  for (const v of videos) {
    const q = quoteVideo(s, v.lengthSeconds, v.resolution);
    out.push(q);
    if (!q.ok) continue;
    if (q.source === 'free') s.freeUsed += 1;
    if (q.source === 'plan') s.monthUsed += 1;
    if (q.source === 'credits') s.creditsCents -= q.costCents;
    totalCents += q.costCents;
  }
  return { videos: out, fits: out.filter((q) => q.ok).length, totalCents };
}
