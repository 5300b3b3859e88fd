/**
 * The quote for a signed-in batch, before anything starts: the proxy prices the rows that still
 * need a video, in file order, by its own rule (POST /v1/quotes: free slots, this month's plan,
 * credits — each after the ones before it), against the account as it is now. A batch the account
 * cannot pay for in full is refused up front, saying how many rows fit and what to do.
 */
import { AppError } from '../../shared/errors';
import { API_KEY_ENV } from '../../backend/session/api-key';
import { resolutionName } from '../../pipeline/providers/proxy/api';
import { rowResolution } from '../../backend/services/batch/queue';
import { needsVideo, type BatchOptions, type PlannedRow } from '../../backend/services/batch/service';
import { formatCents, openCliAccount, resolveProxyUrl } from './account-cli';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The quote line to print; throws PAYMENT_REQUIRED (or why it cannot be asked) when the batch cannot be paid. */
export async function quoteSignedInBatch(rows: PlannedRow[], options: BatchOptions): Promise<string> {
  const proxyUrl = resolveProxyUrl(undefined);
  const acct = await openCliAccount(proxyUrl);
  if (!acct.signedIn) {
    throw new AppError('UNAUTHENTICATED', `Not signed in at ${proxyUrl}. Run \`zapcut login --email you@example.com\` (or \`zapcut signup\`); on a machine without a keychain, set ${API_KEY_ENV} to an Agency API key — or run the batch offline (free).`);
  }
  const pay = rows.filter((r) => needsVideo(r) && r.brief);
  const held = rows.filter((r) => !r.finished && r.runStatus !== 'blocked' && (r.runId || r.brief) && !needsVideo(r)).length;
  const heldNote = held ? ` (${plural(held, 'unfinished ad')} already ${held === 1 ? 'holds its' : 'hold their'} video: not paid again)` : '';
  if (pay.length === 0) return `Quote: nothing new to pay${heldNote}.`;
  const [me, q] = await Promise.all([acct.account(), acct.quoteBatch(pay.map((r) => ({ lengthSeconds: r.brief!.lengthSeconds, resolution: resolutionName(rowResolution(r.brief!, options)) })))]);
  if (q.videos.length !== pay.length) throw new AppError('PROVIDER', `The Zapcut service quoted ${q.videos.length} videos for ${pay.length}; try again.`);
  const count = (source: string) => q.videos.filter((v) => v.allowed && v.source === source).length;
  const parts = [count('free') && `${count('free')} free`, count('plan') && `${count('plan')} from this month's plan`, count('credits') && `${count('credits')} from credits (${formatCents(q.totalCents)})`].filter(Boolean);
  const account = `${me.tier} plan: ${plural(me.freeVideosLeft, 'free video')} left, ${me.monthVideosLeft} of this month's plan videos left, credits ${formatCents(me.creditsCents)}`;
  if (q.fits < pay.length) {
    const refused = q.videos
      .map((v, i) => ({ v, r: pay[i]! }))
      .filter((x) => !x.v.allowed)
      .slice(0, 3)
      .map((x) => `  row ${x.r.row} (${x.r.brief!.lengthSeconds} s): ${x.v.allowed ? '' : x.v.message}`);
    const more = pay.length - q.fits > 3 ? `\n  … and ${pay.length - q.fits - 3} more` : '';
    throw new AppError(
      'PAYMENT_REQUIRED',
      `This batch needs ${plural(pay.length, 'video')} and your account (${account}) pays for ${q.fits} of them now${parts.length ? ` (${parts.join(', ')})` : ''}. Nothing was started.\n${refused.join('\n')}${more}\nBuy credits (\`zapcut billing buy pack_30\`) or choose a plan (\`zapcut billing plans\`) and run the batch again; or run the ${plural(q.fits, 'row')} that fit${q.fits ? '' : ' (none do)'} in a file of their own, or offline (free).`,
    );
  }
  return `Quote: ${plural(pay.length, 'ad')} through your Zapcut account — ${parts.join(', ')}${q.totalCents ? '' : ', nothing from credits'}${heldNote}. Account now: ${account}.`;
}
