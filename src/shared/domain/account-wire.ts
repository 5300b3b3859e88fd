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
 * verification (issue 14) or billing (issue 18) sends no `emailVerified` / `billing` /
 * `billingAccount`; fields the app does not read pass through unchecked.
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
  maxLengthSeconds: true,
  maxResolution: true,
  apiAccess: true,
  suspended: true,
  emailVerified: true,
  billing: true,
  billingAccount: true,
})
  .partial({ emailVerified: true, billing: true, billingAccount: true })
  .loose();
export type MeAnswerRead = z.infer<typeof MeAnswerRead>;
