/**
 * The account as the renderer sees it: who is signed in, where the tokens are kept (never the
 * tokens themselves), the plan and usage from the proxy, and what a video would cost.
 */
import { z } from 'zod';
import { Resolution, type AccountBilling, type MeAnswerRead, type VideoSource } from './account-wire';

export const AccountCredentials = z
  .object({
    email: z.string().trim().email().max(254),
    password: z.string().min(1).max(200),
  })
  .strict();
export type AccountCredentials = z.infer<typeof AccountCredentials>;

export const AccountQuoteInput = z
  .object({
    lengthSeconds: z.number().int().min(1).max(600),
    resolution: Resolution.optional(),
  })
  .strict();
export type AccountQuoteInput = z.infer<typeof AccountQuoteInput>;

export type TokenStoreKind = 'keychain' | 'encrypted-file' | 'memory';

/** Plan and usage as the app shows them: read from GET /v1/me (its schema, src/shared/domain/account-wire.ts). */
export type AccountUsage = Pick<MeAnswerRead, 'tier' | 'creditsCents' | 'freeVideosUsed' | 'freeVideosLeft' | 'month' | 'monthVideosUsed' | 'monthVideosLeft' | 'monthPicturesUsed' | 'monthPicturesCap' | 'maxLengthSeconds' | 'maxResolution' | 'suspended' | 'emailVerified' | 'billingAccount'> & {
  /** Subscription, pending change, grace, what to tell the user, credits owed (null: an older proxy). */
  billing?: AccountBilling | null;
};

export interface AccountView {
  /** The proxy from Settings; '' when none is set (everything local still works). */
  proxyUrl: string;
  signedIn: boolean;
  email: string | null;
  /** Where the session is kept on this machine (Settings shows it). */
  store: TokenStoreKind;
  /** Plan and usage; null when signed out or the proxy could not be reached. */
  usage: AccountUsage | null;
  /** Why usage is missing (proxy unreachable, session expired), in words for the user. */
  problem: { code: string; message: string } | null;
}

/** A new verification link was emailed (to the address shown). */
export interface VerificationResent {
  sent: true;
  message: string;
}

export type AccountQuote =
  | { allowed: true; source: VideoSource; costCents: number; lengthSeconds: number }
  | { allowed: false; code: string; message: string; lengthSeconds: number };
