/**
 * `zapcut account [--proxy URL] [--length 15|30|60] [--json]`: tier, credits, free videos left,
 * this month's usage — and with --length, what an ad of that length would cost and from where.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { formatCents, openCliSession, resolveProxyUrl } from './account-cli';

export const summary = 'Show your plan, credits and usage (and what an ad would cost).';

const HELP = `Usage: zapcut account [--proxy URL] [--length 15|30|60] [--json]`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { proxy: { type: 'string' }, length: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const length = values.length === undefined ? undefined : z.coerce.number().int().min(1).max(600).safeParse(values.length);
  if (length && !length.success) throw new AppError('VALIDATION', `--length must be a number of seconds.\n\n${HELP}`);
  const proxyUrl = resolveProxyUrl(values.proxy);
  const session = await openCliSession(proxyUrl);
  if (!session.status().signedIn) throw new AppError('UNAUTHENTICATED', `Not signed in at ${proxyUrl}. Run \`zapcut login --email you@example.com\` (or \`zapcut signup\`).`);
  const me = await session.account();
  const quote = length?.success ? await session.quote(length.data) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ proxyUrl, account: me, quote }, null, 2));
    return 0;
  }
  const lines = [
    `${me.email ?? ''} at ${proxyUrl}`,
    `  plan:          ${me.tier}${me.suspended ? ' (suspended)' : ''}`,
    `  credits:       ${formatCents(me.creditsCents)}`,
    `  free videos:   ${me.freeVideosUsed} used, ${me.freeVideosLeft} left`,
    `  this month:    ${me.monthVideosUsed} used, ${me.monthVideosLeft} left (${me.month})`,
    `  longest ad:    ${me.maxLengthSeconds} s, up to ${me.maxResolution}`,
  ];
  if (quote) {
    lines.push(quote.allowed ? `  a ${quote.lengthSeconds} s ad:  ${quote.source === 'credits' ? `${formatCents(quote.costCents)} from credits` : quote.source === 'free' ? 'free (uses a free video)' : "included in this month's plan"}` : `  a ${quote.lengthSeconds} s ad:  not possible — ${quote.message}`);
  }
  console.log(lines.join('\n'));
  return 0;
}
