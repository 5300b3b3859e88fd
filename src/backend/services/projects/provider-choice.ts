/**
 * Which provider family a new ad uses, and what its tier allows. Signed in to a proxy → "proxy"
 * (real AI providers, the account's plan limits); otherwise "offline" (generated on this
 * computer, free, no length limit). A signed-in account whose proxy cannot be reached is not
 * silently downgraded: the user is told and chooses to continue offline.
 */
import type { AccountView } from '../../../shared/domain/account';
import { AppError } from '../../../shared/errors';

export type ProviderName = 'proxy' | 'offline';

/** What a paid tier allows (the chat offers only lengths inside it). Offline: no limit. */
export interface TierPolicy {
  maxLengthSeconds(): number | null;
}
export const offlineTier: TierPolicy = { maxLengthSeconds: () => null };

export interface ProviderChoice {
  provider: ProviderName;
  /** The account's longest ad; null offline. */
  maxLengthSeconds: number | null;
  /** Set when the account is signed in but its proxy could not be reached. */
  unreachable: { code: string; message: string } | null;
}

export function chooseProvider(view: AccountView): ProviderChoice {
  if (!view.proxyUrl || !view.signedIn) return { provider: 'offline', maxLengthSeconds: null, unreachable: null };
  if (view.usage) return { provider: 'proxy', maxLengthSeconds: view.usage.maxLengthSeconds, unreachable: null };
  return { provider: 'proxy', maxLengthSeconds: null, unreachable: view.problem ?? { code: 'OFFLINE', message: 'The Zapcut service did not answer.' } };
}

/** The tier policy the chat interviewer uses, from the last account view. */
export function tierFrom(choice: ProviderChoice): TierPolicy {
  const max = choice.provider === 'proxy' ? choice.maxLengthSeconds : null;
  return { maxLengthSeconds: () => max };
}

/**
 * The provider for a run the user approved. `offline: true` is the user's explicit choice to
 * generate on this computer (e.g. after being told the proxy is unreachable).
 */
export function providerForRun(choice: ProviderChoice, opts: { offline?: boolean }): ProviderName {
  if (opts.offline || choice.provider === 'offline') return 'offline';
  if (choice.unreachable) {
    throw new AppError('OFFLINE', `The Zapcut service cannot be reached (${choice.unreachable.message.replace(/\.$/, '')}). Try again later, or continue offline: the ad is generated on this computer, free.`, {
      details: { canContinueOffline: true },
      retryable: true,
    });
  }
  return 'proxy';
}

/**
 * The provider that drafts the bible and storyboard: the proxy's text models when signed in and
 * reachable (metered against the plan's AI text allowance; no video is reserved for a draft),
 * otherwise the offline templates.
 */
export function draftProviderFor(choice: ProviderChoice): ProviderName {
  return choice.provider === 'proxy' && !choice.unreachable ? 'proxy' : 'offline';
}
