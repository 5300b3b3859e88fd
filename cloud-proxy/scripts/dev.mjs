#!/usr/bin/env node
// `npm run proxy:dev -- [wrangler dev args, e.g. --port 8799 --persist-to DIR]`
// Runs the Worker locally in workerd (wrangler dev, local D1 + SQLite Durable Objects). Secrets come
// from cloud-proxy/.dev.vars (or .dev.vars.example when there is none). Any provider whose key is
// empty is served by the local fake upstreams, so the proxy works offline end to end.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROXY_DIR, randomJwtSecret, writeEnvFile } from './worker-process.mjs';
import { FAKE_KEYS, startFakeUpstreams } from '../fakes/upstreams.mjs';
import { startFakeStripe } from '../fakes/stripe/index.mjs';

function parseDotenv(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2].trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

const devVars = join(PROXY_DIR, '.dev.vars');
const source = existsSync(devVars) ? devVars : join(PROXY_DIR, '.dev.vars.example');
const vars = parseDotenv(readFileSync(source, 'utf8'));
console.log(`proxy:dev: secrets from ${source}`);
// The Worker refuses a weak or missing JWT_SECRET; a local run without one gets a random one
// (sign-ins then last until the proxy restarts). Put your own in .dev.vars to keep them.
if (!vars.JWT_SECRET) {
  vars.JWT_SECRET = randomJwtSecret();
  console.log('proxy:dev: no JWT_SECRET → a random one for this run (sessions end when it stops)');
}

const providers = [
  ['OPENAI_API_KEY', 'openai', 'OPENAI_BASE_URL'],
  ['ANTHROPIC_API_KEY', 'anthropic', 'ANTHROPIC_BASE_URL'],
  ['REPLICATE_API_TOKEN', 'replicate', 'REPLICATE_BASE_URL'],
];
const missing = providers.filter(([key]) => !vars[key]);
let fakes;
if (missing.length > 0) {
  fakes = await startFakeUpstreams();
  for (const [key, name, baseVar] of missing) {
    vars[key] = FAKE_KEYS[name];
    vars[baseVar] = fakes.baseUrls[baseVar];
  }
  console.log(`proxy:dev: no key for ${missing.map(([, n]) => n).join(', ')} → fake upstreams on ${fakes.url}`);
}

// No Stripe key: the fake Stripe (fakes/stripe) takes payments, with its hosted checkout and portal
// pages and a dashboard to renew, fail, refund or dispute; webhooks go to this proxy.
let stripe;
if (!vars.STRIPE_SECRET_KEY) {
  stripe = await startFakeStripe();
  Object.assign(vars, stripe.env);
  console.log(`proxy:dev: no STRIPE_SECRET_KEY → fake Stripe on ${stripe.url} (dashboard: ${stripe.url}/__dashboard)`);
}

const envFile = join(PROXY_DIR, '.wrangler', 'dev.env');
writeEnvFile(envFile, vars);
const args = process.argv.slice(2);
if (stripe) {
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? args[portArg + 1] : '8787';
  stripe.setWebhookUrl(`http://127.0.0.1:${port}/v1/billing/webhook`);
}
const child = spawn(process.execPath, [join(PROXY_DIR, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'dev', '--env-file', envFile, ...args], {
  cwd: PROXY_DIR,
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code) => {
  await fakes?.close();
  await stripe?.close();
  process.exit(code ?? 0);
});
