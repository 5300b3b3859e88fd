/**
 * The quote for a signed-in batch, before anything starts: the proxy prices the rows that still
 * need a video, in file order, by its own rule (POST /v1/quotes: free slots, this month's plan,
 * credits — each after the ones before it), against the account as it is now. A batch the account
 * cannot pay for in full is refused up front, saying how many rows fit and what to do.
 */
import { AppError } from '../../shared/errors';
import { API_KEY_ENV } from '../../backend/session/api-key';
import type { BatchOptions, PlannedRow } from '../../backend/services/batch/service';
import { priceBatch } from '../../backend/services/batch/quote';
import { formatCents, openCliAccount, resolveProxyUrl } from './account-cli';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The quote line to print; throws PAYMENT_REQUIRED (or why it cannot be asked) when the batch cannot be paid. */
export async function quoteSignedInBatch(rows: PlannedRow[], options: BatchOptions): Promise<string> {
  const proxyUrl = resolveProxyUrl(undefined);
  const acct = await openCliAccount(proxyUrl);
  if (!acct.signedIn) {
    throw new AppError('UNAUTHENTICATED', `Not signed in at ${proxyUrl}. Run \`zapcut login --email you@example.com\` (or \`zapcut signup\`); on a machine without a keychain, set ${API_KEY_ENV} to an Agency API key — or run the batch offline (free).`);
  }
  const { held, pricing } = await priceBatch(rows, options, acct);
  const heldNote = held ? ` (${plural(held, 'unfinished ad')} already ${held === 1 ? 'holds its' : 'hold their'} video: not paid again)` : '';
  if (!pricing) return `Quote: nothing new to pay${heldNote}.`;
  const { pay, me, answer: q } = pricing;
  const parts = [pricing.free && `${pricing.free} free`, pricing.plan && `${pricing.plan} from this month's plan`, pricing.credits && `${pricing.credits} from credits (${formatCents(q.totalCents)})`].filter(Boolean);
  const account = `${me.tier} plan: ${plural(me.freeVideosLeft, 'free video')} left, ${me.monthVideosLeft} of this month's plan videos left, credits ${formatCents(me.creditsCents)}`;
  if (q.fits < pay.length) {
    const refused = pricing.refused.slice(0, 3).map((x) => `  row ${x.row.row} (${x.row.brief!.lengthSeconds} s): ${x.message}`);
    const more = pay.length - q.fits > 3 ? `\n  … and ${pay.length - q.fits - 3} more` : '';
    throw new AppError(
      'PAYMENT_REQUIRED',
      `This batch needs ${plural(pay.length, 'video')} and your account (${account}) pays for ${q.fits} of them now${parts.length ? ` (${parts.join(', ')})` : ''}. Nothing was started.\n${refused.join('\n')}${more}\nBuy credits (\`zapcut billing buy pack_30\`) or choose a plan (\`zapcut billing plans\`) and run the batch again; or run the ${plural(q.fits, 'row')} that fit${q.fits ? '' : ' (none do)'} in a file of their own, or offline (free).`,
    );
  }
  return `Quote: ${plural(pay.length, 'ad')} through your Zapcut account — ${parts.join(', ')}${q.totalCents ? '' : ', nothing from credits'}${heldNote}. Account now: ${account}.`;
}
