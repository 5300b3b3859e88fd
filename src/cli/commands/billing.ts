/**
 * `zapcut billing plans|buy <item>|portal [--proxy URL] [--no-wait] [--open] [--json]`: the packs
 * and plans with their prices (from the proxy, read from Stripe), a Checkout page to pay for one,
 * the customer portal. The page opens in your browser with --open (else its URL is printed); the
 * command then waits for the payment to be confirmed (the account changes only on Stripe's
 * verified webhook) and says what changed.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { BILLING_ITEMS, BillingItem, type BillingChangeNote, type BillingOffer } from '../../shared/domain/billing';
import { AppError } from '../../shared/errors';
import { WAIT_MS } from '../../backend/services/billing/service';
import { snapshotOf, waitForBillingChange } from '../../backend/services/billing/watch';
import type { AccountSession } from '../../backend/session/session';
import { formatCents, openCliSession, resolveProxyUrl } from './account-cli';

export const summary = 'See plans and prices, buy credits or a plan, manage billing.';

const HELP = `Usage: zapcut billing plans [--proxy URL] [--json]
       zapcut billing buy <${BILLING_ITEMS.join('|')}> [--proxy URL] [--open] [--no-wait]
       zapcut billing portal [--proxy URL] [--open] [--no-wait]

buy      opens Stripe Checkout for a credit pack or a monthly plan, then waits (up to ${WAIT_MS / 60_000} min)
         until the payment is confirmed and shows your new credits or plan
portal   opens Stripe's customer portal: change or cancel your plan, update your card, invoices
--open   open the page in your browser (otherwise the URL is printed to open yourself)`;

export async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const { values, positionals } = parseArgs({ args: argv, options: { proxy: { type: 'string' }, json: { type: 'boolean' }, open: { type: 'boolean' }, 'no-wait': { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [action, itemArg, ...extra] = positionals;
  if (extra.length) throw new AppError('VALIDATION', `Unexpected "${extra.join(' ')}".\n\n${HELP}`);
  const proxyUrl = resolveProxyUrl(values.proxy);
  const session = await openCliSession(proxyUrl);
  if (action === 'plans') {
    const offer = await session.plans();
    console.log(values.json ? JSON.stringify(offer, null, 2) : formatOffer(offer));
    return 0;
  }
  if (action !== 'buy' && action !== 'portal') throw new AppError('VALIDATION', `Unknown billing action "${action ?? ''}".\n\n${HELP}`);
  if (!session.status().signedIn) throw new AppError('UNAUTHENTICATED', `Not signed in at ${proxyUrl}. Run \`zapcut login --email you@example.com\` first.`);
  let item: BillingItem | null = null;
  if (action === 'buy') {
    const parsed = BillingItem.safeParse(itemArg);
    if (!parsed.success) throw new AppError('VALIDATION', `Which item? One of ${BILLING_ITEMS.join(', ')} (see \`zapcut billing plans\`).`);
    item = parsed.data;
  }
  const before = snapshotOf(await session.account());
  const { url } = item ? await session.checkout(item) : await session.portal();
  const opened = values.open ? await openInBrowser(url) : false;
  console.log(`${opened ? 'Opened in your browser' : 'Open this page in your browser'}: ${url}`);
  if (values['no-wait']) return 0;
  return waitAndReport(session, before, item ? 'payment' : 'change');
}

async function waitAndReport(session: AccountSession, before: ReturnType<typeof snapshotOf>, what: string): Promise<number> {
  console.log(`Waiting for the ${what} to be confirmed (Ctrl-C to stop; nothing is lost — the account updates anyway)…`);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    const got = await waitForBillingChange(() => session.account(), before, { until: Date.now() + WAIT_MS, pollMs: Number(process.env.ZAPCUT_BILLING_POLL_MS) || 3000, signal: stop.signal });
    if (!got) {
      console.log(stop.signal.aborted ? 'Stopped waiting. Run `zapcut account` later to see your credits and plan.' : `No ${what} arrived in ${WAIT_MS / 60_000} minutes. If you paid, run \`zapcut account\` in a minute; a closed page charges nothing.`);
      return stop.signal.aborted ? 130 : 1;
    }
    for (const c of got.changes) console.log(describe(c));
    console.log(`Now: ${got.account.tier}, credits ${formatCents(got.account.creditsCents)}.`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function describe(c: BillingChangeNote): string {
  if (c.what === 'credits') return c.toCents > c.fromCents ? `Payment received: ${formatCents(c.toCents - c.fromCents)} of credit added.` : `Credits now ${formatCents(c.toCents)}.`;
  if (c.what === 'tier') return `Plan: ${c.from} → ${c.to}.`;
  if (c.what === 'cancelling') return `Your plan is cancelled; it ends on ${c.until?.slice(0, 10) ?? 'the end of the period'}.`;
  if (c.what === 'resumed') return 'Your plan continues (the cancellation was undone).';
  return `Your plan changes to ${c.tier} on ${c.at?.slice(0, 10) ?? 'the end of the period'}.`;
}

export function formatOffer(offer: BillingOffer): string {
  if (!offer.available && offer.items.length === 0) return offer.message ?? 'Buying is not available on this Zapcut service.';
  const price = (cents: number | null, month: boolean) => (cents === null ? 'unavailable' : `${formatCents(cents)}${month ? '/month' : ''}`);
  const rows = offer.items.map((i) =>
    i.kind === 'pack'
      ? `  ${i.id.padEnd(8)} ${price(i.priceCents, false).padEnd(14)} ${i.videos} videos up to ${i.maxLengthSeconds} s (credit, never expires)${i.available ? '' : ' — not for sale now'}`
      : `  ${i.id.padEnd(8)} ${price(i.priceCents, true).padEnd(14)} ${i.videos} videos a month, up to ${i.maxLengthSeconds} s, ${i.maxResolution === '4k' ? '4K' : (i.maxResolution ?? '1080p')}${i.priority ? ', priority' : ''}${i.apiAccess ? ', API access' : ''}${i.available ? '' : ' — not for sale now'}`,
  );
  return ['Credit packs and plans (zapcut billing buy <id>):', ...rows].join('\n');
}

/** The OS's "open this URL" command; false when there is none (a server, a container). */
function openInBrowser(url: string): Promise<boolean> {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => (child.unref(), resolve(true)));
    } catch {
      resolve(false);
    }
  });
}
