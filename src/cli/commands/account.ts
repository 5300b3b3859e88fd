/**
 * `zapcut account [--proxy URL] [--length 15|30|60] [--json] [--resend-verification]`: tier,
 * credits, free videos left, this month's usage, whether the email is verified (the free videos
 * need it) — with --length, what an ad of that length would cost and from where; with
 * --resend-verification, a new verification link by email.
 * Says how this command is signed in: the session (and where its tokens are) or the API key from
 * ZAPCUT_API_KEY.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { API_KEY_ENV } from '../../backend/session/api-key';
import { formatCents, openCliAccount, resolveProxyUrl } from './account-cli';

export const summary = 'Show your plan, credits and usage (and what an ad would cost).';

const HELP = `Usage: zapcut account [--proxy URL] [--length 15|30|60] [--json] [--resend-verification]`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { proxy: { type: 'string' }, length: { type: 'string' }, json: { type: 'boolean' }, 'resend-verification': { type: 'boolean' } }, strict: true });
  const length = values.length === undefined ? undefined : z.coerce.number().int().min(1).max(600).safeParse(values.length);
  if (length && !length.success) throw new AppError('VALIDATION', `--length must be a number of seconds.\n\n${HELP}`);
  const proxyUrl = resolveProxyUrl(values.proxy);
  const acct = await openCliAccount(proxyUrl);
  if (!acct.signedIn) {
    throw new AppError('UNAUTHENTICATED', `Not signed in at ${proxyUrl}. Run \`zapcut login --email you@example.com\` (or \`zapcut signup\`); on a machine without a keychain, set ${API_KEY_ENV} to an Agency API key instead.`);
  }
  if (values['resend-verification']) {
    if (!acct.resendVerification) throw new AppError('VALIDATION', 'An API key cannot ask for a verification email; sign in with `zapcut login` first.');
    console.log((await acct.resendVerification()).message);
    return 0;
  }
  const me = await acct.account();
  const quote = length?.success ? await acct.quote(length.data) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ proxyUrl, credential: acct.credential, account: me, quote }, null, 2));
    return 0;
  }
  const lines = [
    `${me.email ?? ''} at ${proxyUrl}`,
    `  credential:    ${acct.credential}`,
    `  plan:          ${me.tier}${me.suspended ? ' (suspended)' : ''}`,
    `  credits:       ${formatCents(me.creditsCents)}`,
    `  free videos:   ${me.freeVideosUsed} used, ${me.freeVideosLeft} left`,
    ...(me.emailVerified === false ? ['  email:         not verified — check your inbox and open the link to unlock the free videos, or run `zapcut account --resend-verification`'] : []),
    `  this month:    ${me.monthVideosUsed} used, ${me.monthVideosLeft} left (${me.month})`,
    ...(me.monthPicturesCap !== undefined ? [`  pictures:      ${me.monthPicturesUsed ?? 0} of ${me.monthPicturesCap} this month for ads not approved yet`] : []),
    `  longest ad:    ${me.maxLengthSeconds} s, up to ${me.maxResolution}`,
  ];
  if (quote) {
    lines.push(quote.allowed ? `  a ${quote.lengthSeconds} s ad:  ${quote.source === 'credits' ? `${formatCents(quote.costCents)} from credits` : quote.source === 'free' ? 'free (uses a free video)' : "included in this month's plan"}` : `  a ${quote.lengthSeconds} s ad:  not possible — ${quote.message}`);
  }
  console.log(lines.join('\n'));
  return 0;
}
