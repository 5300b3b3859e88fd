/**
 * `npm run dev:stack -- [--port N] [--persist-to DIR] [--fast] [--flaky RATE]`
 * The Zapcut proxy in workerd (wrangler dev) wired to local fake upstreams that speak Replicate's,
 * OpenAI's and Anthropic's HTTP APIs and return real media (clips from the start frame, eSpeak NG
 * speech, synthesised music) with realistic latencies. Prints the proxy URL; point the app
 * (Settings → Proxy URL) or the CLI (`--proxy URL`) at it. Ctrl-C stops everything.
 */
import { parseArgs } from 'node:util';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { STACK_ADMIN, startStack } from '../test/system/stack';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: { type: 'string' },
    'persist-to': { type: 'string' },
    fast: { type: 'boolean', default: false },
    flaky: { type: 'string' },
    'short-side': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log(`Usage: npm run dev:stack -- [--port 8799] [--persist-to DIR] [--fast] [--flaky 0.2] [--short-side 360]

  --port N           the proxy's port (default: a free one)
  --persist-to DIR   keep accounts, balances and reservations across restarts
  --fast             short latencies (seconds instead of the providers' tens of seconds)
  --flaky RATE       fail this fraction of media predictions (0..1), to try failures and refunds
  --short-side PX    size of generated clips (default 360)`);
  process.exit(0);
}

const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`dev:stack: --port must be a port number, got "${values.port}"`);
  process.exit(2);
}
const failRate = values.flaky === undefined ? 0 : Number(values.flaky);
if (!(failRate >= 0 && failRate <= 1)) {
  console.error(`dev:stack: --flaky must be between 0 and 1, got "${values.flaky}"`);
  process.exit(2);
}

const latencyMs = values.fast ? { text: 300, image: 800, video: 2500, speech: 600, music: 1500 } : { text: 2500, image: 6000, video: 25000, speech: 4000, music: 12000 };
console.log('dev:stack: starting fake upstreams and the proxy in workerd…');
const stack = await startStack({
  ffmpegPath: resolveBinaries().ffmpegPath,
  port,
  persistTo: values['persist-to'],
  latencyMs,
  failRate,
  clipShortSide: values['short-side'] ? Number(values['short-side']) : 360,
});

console.log(`
Zapcut dev stack is up.

  proxy:           ${stack.proxyUrl}
  fake upstreams:  ${stack.fakes.url}  (stats: ${stack.fakes.url}/__stats)
  admin:           ${stack.proxyUrl}/admin  (${STACK_ADMIN.email} / ${STACK_ADMIN.password})
  fake Stripe:     ${stack.stripe.url}/__dashboard  (renew, fail a payment, refund, dispute, end a period; test card 4242 4242 4242 4242, declined 4000 0000 0000 0002)
  fake email:      ${stack.email.url}/__mailbox?to=you@example.com  (the verification link new accounts need before their free videos)
  latencies:       ${values.fast ? 'fast' : 'realistic'}${failRate ? `, ${Math.round(failRate * 100)} % of predictions fail` : ''}

  CLI:  npm run zapcut -- signup --proxy ${stack.proxyUrl} --email you@example.com   (then open the link in the fake email's mailbox)
        npm run zapcut -- account --length 30
        npm run zapcut -- billing plans   ·   npm run zapcut -- billing buy pack_30 --open
        npm run zapcut -- generate --provider proxy --brief brief.json --out ad.mp4
  App:  Settings → Proxy URL → ${stack.proxyUrl}, then Account → Sign up

Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\ndev:stack: stopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
