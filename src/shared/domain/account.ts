/**
 * The account as the renderer sees it: who is signed in, where the tokens are kept (never the
 * tokens themselves), the plan and usage from the proxy, and what a video would cost.
 */
import { z } from 'zod';
import type { AccountBilling } from './billing';

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
    resolution: z.enum(['720p', '1080p', '4k']).optional(),
  })
  .strict();
export type AccountQuoteInput = z.infer<typeof AccountQuoteInput>;

export type TokenStoreKind = 'keychain' | 'encrypted-file' | 'memory';

export interface AccountUsage {
  tier: 'free' | 'starter' | 'pro' | 'agency';
  creditsCents: number;
  freeVideosUsed: number;
  freeVideosLeft: number;
  month: string;
  monthVideosUsed: number;
  monthVideosLeft: number;
  maxLengthSeconds: number;
  maxResolution: '720p' | '1080p' | '4k';
  suspended: boolean;
  /**
   * Whether the email is verified: the free videos need it (paid ones do not). Missing: a proxy
   * from before verification (treated as verified).
   */
  emailVerified?: boolean;
  /** Subscription, pending change, grace, what to tell the user, credits owed (null: an older proxy). */
  billing?: AccountBilling | null;
  /** Whether the user has bought anything (so "Manage billing" has something to manage). */
  billingAccount?: boolean;
}

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
  | { allowed: true; source: 'free' | 'plan' | 'credits'; costCents: number; lengthSeconds: number }
  | { allowed: false; code: string; message: string; lengthSeconds: number };
