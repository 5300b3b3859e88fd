/**
 * Cost before you generate: what the Approve button will spend and from where, or why it cannot
 * run — from the account view and the proxy's quote. Offline ads are free (made on this computer).
 */
import type { AccountQuote, AccountView } from '../../../../shared/domain/account';

export type CostNote =
  | { kind: 'loading'; canGenerate: false }
  | { kind: 'offline'; canGenerate: true }
  /** Signed in, but the proxy did not answer: the user may choose to generate offline. */
  | { kind: 'unreachable'; canGenerate: false; message: string }
  | { kind: 'cost'; canGenerate: true; source: 'free' | 'plan' | 'credits'; costCents: number }
  /** The length (or resolution) is not in the plan; the message names the tier that allows it. */
  | { kind: 'upgrade'; canGenerate: false; message: string }
  /** No free videos, quota or credits left; the message says how to get them. */
  | { kind: 'credits'; canGenerate: false; message: string }
  | { kind: 'refused'; canGenerate: false; message: string };

const UPGRADE = new Set(['LENGTH_NOT_IN_TIER', 'RESOLUTION_NOT_IN_TIER']);
const CREDITS = new Set(['PAYMENT_REQUIRED', 'QUOTA_EXHAUSTED', 'PAID_CALLS_EXHAUSTED']);

/** `quote` is null while it loads; an Error when asking for it failed. */
export function costNote(view: AccountView | null, quote: AccountQuote | Error | null): CostNote {
  if (!view) return { kind: 'loading', canGenerate: false };
  if (!view.proxyUrl || !view.signedIn) return { kind: 'offline', canGenerate: true };
  if (!view.usage) return { kind: 'unreachable', canGenerate: false, message: view.problem?.message ?? '' };
  if (quote instanceof Error) return { kind: 'unreachable', canGenerate: false, message: quote.message };
  if (!quote) return { kind: 'loading', canGenerate: false };
  if (quote.allowed) return { kind: 'cost', canGenerate: true, source: quote.source, costCents: quote.costCents };
  if (UPGRADE.has(quote.code)) return { kind: 'upgrade', canGenerate: false, message: quote.message };
  if (CREDITS.has(quote.code)) return { kind: 'credits', canGenerate: false, message: quote.message };
  return { kind: 'refused', canGenerate: false, message: quote.message };
}
