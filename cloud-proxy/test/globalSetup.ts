import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helpers shared with the benchmark and `npm run dev`
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
// @ts-expect-error plain ESM fake upstreams
import { FAKE_KEYS, startFakeUpstreams } from '../fakes/upstreams.mjs';
import { startFakeStripe } from '../fakes/stripe/index.mjs';
import { startFakeResend } from '../fakes/resend.mjs';
import { ADMIN, BILLING_GRACE_SECONDS, BOOTSTRAP_SECRET, JWT_SECRET } from './constants';

export interface StartedWorker {
  url: string;
  stop: () => Promise<void>;
  log: () => string;
}

/** Starts the fakes and one Worker (fresh D1 + Durable Object state) for all test files. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'zapcut-proxy-test-'));
  const fakes = await startFakeUpstreams();
  const stripe = await startFakeStripe({ retryDelaysMs: [100] });
  const email = await startFakeResend();
  const envFile = join(dir, 'test.env');
  writeEnvFile(envFile, {
    JWT_SECRET,
    ADMIN_BOOTSTRAP_SECRET: BOOTSTRAP_SECRET,
    OPENAI_API_KEY: FAKE_KEYS.openai,
    ANTHROPIC_API_KEY: FAKE_KEYS.anthropic,
    REPLICATE_API_TOKEN: FAKE_KEYS.replicate,
    COMPETITOR_BRANDS: 'Acme Cola',
    ...fakes.baseUrls,
    SUNO_BASE_URL: '',
    ...stripe.env,
    ...email.env,
    BILLING_GRACE_SECONDS,
    // The lowest count the config allows (production keeps 100 000): the login-throttle races
    // check dozens of passwords at once, and at 100 000 iterations each on a loaded 2-core machine
    // the local runtime restarted the Worker mid-request — other files' requests then got 503
    // "Your worker restarted mid-request" (a fresh CI run failed the 50-reservation race so).
    PBKDF2_ITERATIONS: 10_000,
  });
  const worker: StartedWorker = await startWorker({ persistTo: join(dir, 'state'), envFile });
  stripe.setWebhookUrl(`${worker.url}/v1/billing/webhook`);

  // The first admin, made the documented way: sign up, then the bootstrap secret.
  const signup = await fetch(`${worker.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (signup.status !== 201) throw new Error(`admin signup failed: ${signup.status} ${await signup.text()}`);
  const boot = await fetch(`${worker.url}/v1/auth/bootstrap-admin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bootstrap-secret': BOOTSTRAP_SECRET }, body: JSON.stringify({ email: ADMIN.email }) });
  if (boot.status !== 200) throw new Error(`bootstrap failed: ${boot.status} ${await boot.text()}`);

  project.provide('proxyUrl', worker.url);
  project.provide('fakeUrl', fakes.url);
  project.provide('fakeBaseUrls', fakes.baseUrls);
  project.provide('tmpDir', dir);
  project.provide('stripeUrl', stripe.url);
  project.provide('emailEnv', email.env);
  return async () => {
    await worker.stop();
    await fakes.close();
    await stripe.close();
    await email.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    proxyUrl: string;
    fakeUrl: string;
    fakeBaseUrls: Record<string, string>;
    tmpDir: string;
    stripeUrl: string;
    /** The fake Resend's Worker vars (RESEND_BASE_URL is also where its mailbox is read). */
    emailEnv: { RESEND_BASE_URL: string; RESEND_API_KEY: string; EMAIL_FROM: string };
  }
}
