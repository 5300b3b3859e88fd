/**
 * The account as it crosses between the proxy and the app (GET /v1/me), declared once: the Worker
 * builds its summary to these types and parses its answer with `MeAnswer` before sending it; the
 * app parses what arrives with `MeAnswerRead`, the same schema narrowed to what it reads. Plans,
 * resolutions and where a video's money comes from are named here for both sides too.
 */
import { z } from 'zod';

export const TIERS = ['free', 'starter', 'pro', 'agency'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;
export const PaidTier = Tier.exclude(['free']);
export type PaidTier = z.infer<typeof PaidTier>;

export const RESOLUTIONS = ['720p', '1080p', '4k'] as const;
export const Resolution = z.enum(RESOLUTIONS);
export type Resolution = z.infer<typeof Resolution>;

/** Where a video's money comes from: a free video, the plan's month, or credits. */
export const VideoSource = z.enum(['free', 'plan', 'credits']);
export type VideoSource = z.infer<typeof VideoSource>;

/** The account's billing state (the `billing` part of GET /v1/me). Not `.loose()`: a field a newer
 *  proxy adds is dropped, and the type stays plain data that crosses the Durable Object's RPC. */
export const AccountBilling = z
  .object({
    subscription: z.object({ tier: PaidTier, status: z.string(), currentPeriodEnd: z.string().nullable(), cancelAtPeriodEnd: z.boolean() }).nullable(),
    /** A tier that takes effect at `pendingAt` (a downgrade or a cancellation at the end of the paid period). */
    pendingTier: Tier.nullable(),
    pendingAt: z.string().nullable(),
    /** A failed renewal: the plan is kept until then. */
    graceUntil: z.string().nullable(),
    /** What the user should be told (payment failed, plan ended, credits owed…). */
    notice: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
    /** Credits taken back that the balance could not cover; settled from the next credits bought. */
    debtCents: z.number().int().nonnegative(),
    /** Why an admin should look at this account (disputed, refund_after_spend), or null. */
    flag: z.string().nullable(),
  });
export type AccountBilling = z.infer<typeof AccountBilling>;

/** One user's plan and usage, as the ledger Durable Object keeps them. */
export const AccountSummary = z.object({
  userId: z.string(),
  tier: Tier,
  creditsCents: z.number(),
  freeVideosUsed: z.number(),
  freeVideosLeft: z.number(),
  month: z.string(),
  monthVideosUsed: z.number(),
  monthVideosLeft: z.number(),
  maxLengthSeconds: z.number(),
  resolutions: z.array(Resolution),
  maxResolution: Resolution,
  priority: z.boolean(),
  apiAccess: z.boolean(),
  llmTokensUsed: z.number(),
  /** Held by AI text calls in flight (settled to their metered usage when they end). */
  llmTokensHeld: z.number(),
  llmTokensLeft: z.number(),
  /** Brand-style trainings the plan includes per calendar month, and how many are left. */
  trainingsPerMonth: z.number(),
  trainingsLeft: z.number(),
  /**
   * Pictures made this month for ads whose pictures are not approved yet (open or abandoned picture
   * drafts, issue 21), and how many the plan allows a month; approved ones count as their video's.
   */
  monthPicturesUsed: z.number().int().min(0),
  monthPicturesCap: z.number().int().min(0),
  /** Whether the account's email is verified (the free videos need it; paid ones do not). */
  emailVerified: z.boolean(),
  suspended: z.boolean(),
  suspendedReason: z.string().nullable(),
  billing: AccountBilling,
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/** GET /v1/me: who the user is, the summary, and whether they have a Stripe customer (so the app offers "Manage billing"). */
export const MeAnswer = AccountSummary.extend({
  id: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  billingAccount: z.boolean(),
});
export type MeAnswer = z.infer<typeof MeAnswer>;

/**
 * What the app reads of GET /v1/me: the same schema, picked. A proxy from before email
 * verification (issue 14), billing (issue 18) or picture drafts (issue 21) sends no
 * `emailVerified` / `billing` / `billingAccount` / `monthPictures…`; fields the app does not read pass through unchecked.
 */
export const MeAnswerRead = MeAnswer.pick({
  id: true,
  email: true,
  role: true,
  tier: true,
  creditsCents: true,
  freeVideosUsed: true,
  freeVideosLeft: true,
  month: true,
  monthVideosUsed: true,
  monthVideosLeft: true,
  monthPicturesUsed: true,
  monthPicturesCap: true,
  maxLengthSeconds: true,
  maxResolution: true,
  apiAccess: true,
  suspended: true,
  emailVerified: true,
  billing: true,
  billingAccount: true,
})
  .partial({ emailVerified: true, billing: true, billingAccount: true, monthPicturesUsed: true, monthPicturesCap: true })
  .loose();
export type MeAnswerRead = z.infer<typeof MeAnswerRead>;

/** Why a video cannot be made on this account now (the quote's and the reservation's refusal codes). */
export const QuoteRefusal = z.enum(['LENGTH_NOT_IN_TIER', 'RESOLUTION_NOT_IN_TIER', 'QUOTA_EXHAUSTED', 'PAYMENT_REQUIRED', 'EMAIL_UNVERIFIED']);
export type QuoteRefusal = z.infer<typeof QuoteRefusal>;

/** GET /v1/quote: what one video would cost and where its money would come from, or why not. */
export const QuoteAnswer = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true), source: VideoSource, costCents: z.number(), lengthSeconds: z.number(), resolution: Resolution }),
  // `code` stays a string when read: a newer proxy may refuse for a reason this app does not know yet.
  z.object({ allowed: z.literal(false), code: z.string(), message: z.string(), lengthSeconds: z.number(), resolution: Resolution }),
]);
export type QuoteAnswer = z.infer<typeof QuoteAnswer>;

/** POST /v1/quotes: videos quoted in the order they will be made (a batch), and how many the account pays for now. */
export const BatchQuoteAnswer = z.object({ videos: z.array(QuoteAnswer), fits: z.number().int().min(0), totalCents: z.number() });
export type BatchQuoteAnswer = z.infer<typeof BatchQuoteAnswer>;

/** A reserved video as the proxy reports it (POST /v1/videos, GET /v1/videos/:id, commit, refund). */
export const ReservationAnswer = z.object({
  videoId: z.string(),
  status: z.enum(['reserved', 'committed', 'refunded', 'expired']),
  source: VideoSource,
  costCents: z.number(),
  lengthSeconds: z.number(),
  resolution: Resolution,
  aspect: z.string(),
  paidCallsUsed: z.number(),
  paidCallsCap: z.number(),
  /** Seconds of video generated (clips that failed at the provider gave theirs back). */
  videoSecondsUsed: z.number(),
  /** 2·length + 2·(longest clip of the video models used); null before the first video call. */
  videoSecondsCap: z.number().nullable(),
  musicSecondsUsed: z.number(),
  musicSecondsCap: z.number(),
  createdAt: z.string(),
  expiresAt: z.string(),
  settledAt: z.string().nullable(),
});
export type ReservationAnswer = z.infer<typeof ReservationAnswer>;

/** What the app reads of a reservation: the same schema, picked; fields it does not read pass through. */
export const ReservationRead = ReservationAnswer.pick({
  videoId: true,
  status: true,
  source: true,
  costCents: true,
  lengthSeconds: true,
  paidCallsUsed: true,
  paidCallsCap: true,
}).loose();
export type ReservationRead = z.infer<typeof ReservationRead>;

/**
 * An ad's picture draft (POST /v1/drafts, GET /v1/drafts/:id; issue 21, cloud-proxy/src/account/drafts.ts):
 * its pictures before approval, with no video held.
 */
export const DraftAnswer = z.object({
  draftId: z.string().startsWith('drf_'),
  state: z.enum(['open', 'approved']),
  lengthSeconds: z.number().int(),
  picturesUsed: z.number().int().min(0),
  picturesCap: z.number().int().min(0),
  /** Unapproved pictures this account made in the draft's month, and how many the plan allows. */
  monthPicturesUsed: z.number().int().min(0),
  monthPicturesCap: z.number().int().min(0),
  /** The video that approved it (null while open). */
  videoId: z.string().nullable(),
  month: z.string(),
  createdAt: z.string(),
});
export type DraftAnswer = z.infer<typeof DraftAnswer>;

/** What the app reads of a draft: the same schema, picked. */
export const DraftRead = DraftAnswer.pick({ draftId: true, state: true, picturesUsed: true, picturesCap: true, videoId: true }).loose();
export type DraftRead = z.infer<typeof DraftRead>;
