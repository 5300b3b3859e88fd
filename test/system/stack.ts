/**
 * The full system for tests and `npm run dev:stack`: the real Worker in workerd (wrangler dev via
 * cloud-proxy/scripts/worker-process.mjs, local D1 + SQLite Durable Objects) pointed at the media
 * fakes over HTTP, with a first admin made the documented way (sign up + bootstrap secret).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM helper shared with the proxy's own tests and `npm run proxy:dev`
import { freePort, randomJwtSecret, startWorker, writeEnvFile } from '../../cloud-proxy/scripts/worker-process.mjs';
import { startMediaUpstreams, type MediaFakeOptions, type MediaUpstreams } from './fakes/media-upstreams';
import { startSocialFakes, type SocialFakes } from './fakes/social/server';
import { startFakeStripe, type FakeStripe } from '../../cloud-proxy/fakes/stripe/index.mjs';
import { startFakeResend, verificationToken, type FakeResend } from '../../cloud-proxy/fakes/resend.mjs';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';

export const STACK_ADMIN = { email: 'admin@zapcut.local', password: 'admin-password-local' };

export interface StackOptions {
  ffmpegPath: string;
  /** ffprobe for the social fakes' processing checks. */
  ffprobePath?: string;
  port?: number;
  persistTo?: string;
  latencyMs?: MediaFakeOptions['latencyMs'];
  clipShortSide?: number;
  failRate?: number;
  /** How long a brand-style training takes at the fake Replicate. */
  trainingMs?: number;
  /** The fakes render each distinct output once (test matrices). */
  reuseMedia?: boolean;
  /**
   * Extra Worker settings. The per-user rate limit is 5000 a minute here by default (the Worker's
   * is 100): the fakes answer in milliseconds, so one ad's calls and their polls land inside one
   * minute and were refused 429 (billing and brand-style tests, at a different step each run); a
   * real ad spreads them over minutes. The limit itself is tested in cloud-proxy/test/rate-limit.test.ts.
   */
  workerEnv?: Record<string, string>;
  jwtSecret?: string;
  bootstrapSecret?: string;
  stdio?: 'pipe' | 'inherit';
}

export interface Stack {
  proxyUrl: string;
  fakes: MediaUpstreams;
  /** Fake X and LinkedIn (issue 24), wired into the proxy's social config. */
  social: SocialFakes;
  /** Fake Stripe (issue 18): checkout and portal pages, signed webhooks to this proxy. */
  stripe: FakeStripe;
  /** Fake Resend (issue 14): the Worker emails verification links to its mailbox. */
  email: FakeResend;
  /**
   * Opens the newest verification link emailed to `email`, as its owner would before spending a
   * free video — the one place system tests verify a new account (through the fake's mailbox).
   */
  verifyEmail(email: string): Promise<void>;
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-stack-'));
  const fakes = await startMediaUpstreams({ ffmpegPath: opts.ffmpegPath, latencyMs: opts.latencyMs, clipShortSide: opts.clipShortSide, failRate: opts.failRate, trainingMs: opts.trainingMs, reuseMedia: opts.reuseMedia, dir: path.join(dir, 'media') });
  // X matches callback URLs exactly: the fake registers three loopback ports the app may use.
  const xCallbackPorts = [(await freePort()) as number, (await freePort()) as number, (await freePort()) as number];
  const social = await startSocialFakes({ ffmpegPath: opts.ffmpegPath, ffprobePath: opts.ffprobePath ?? resolveBinaries().ffprobePath, xCallbackPorts, dir: path.join(dir, 'social') });
  const stripe = await startFakeStripe();
  const email = await startFakeResend();
  const bootstrap = opts.bootstrapSecret ?? 'dev-stack-bootstrap-secret-0123';
  const envFile = path.join(dir, 'stack.env');
  // wrangler dev reports every loopback caller as one client address, and the tests sign up many
  // users from it: lift the per-address sign-up limit (3 a day in production; its own workerd test
  // proves it bites) so the stack counts them but never refuses them.
  writeEnvFile(envFile, { JWT_SECRET: opts.jwtSecret ?? randomJwtSecret(), ADMIN_BOOTSTRAP_SECRET: bootstrap, SIGNUPS_PER_ADDRESS_PER_DAY: '10000', RATE_LIMIT_PER_MINUTE: '5000', ...fakes.env, ...social.env, ...stripe.env, ...email.env, ...opts.workerEnv });
  let worker: { url: string; stop(): Promise<void> };
  try {
    worker = await startWorker({ port: opts.port, persistTo: opts.persistTo ?? path.join(dir, 'state'), envFile, stdio: opts.stdio });
  } catch (e) {
    await fakes.close();
    await social.close();
    await stripe.close();
    await email.close();
    throw e;
  }
  const proxyUrl = worker.url as string;
  stripe.setWebhookUrl(`${proxyUrl}/v1/billing/webhook`);
  // The first admin (idempotent across restarts with --persist-to: sign-up or sign-in, then bootstrap).
  const signup = await post(`${proxyUrl}/v1/auth/signup`, STACK_ADMIN);
  if (signup.status !== 201 && signup.status !== 409) throw new Error(`admin sign-up: ${signup.status} ${await signup.text()}`);
  await post(`${proxyUrl}/v1/auth/bootstrap-admin`, { email: STACK_ADMIN.email }, { 'x-bootstrap-secret': bootstrap });
  let admin: Promise<string> | undefined;
  return {
    proxyUrl,
    fakes,
    social,
    stripe,
    email,
    verifyEmail: async (address) => {
      const token = verificationToken(email.mailbox(address));
      if (!token) throw new Error(`no verification email for ${address} in the fake mailbox`);
      const r = await post(`${proxyUrl}/v1/auth/verify`, { token });
      if (r.status !== 200) throw new Error(`verify ${address}: ${r.status} ${await r.text()}`);
    },
    adminToken: () =>
      (admin ??= post(`${proxyUrl}/v1/auth/login`, STACK_ADMIN).then(async (r) => {
        const b = (await r.json()) as { accessToken?: string; user?: { role?: string } };
        if (!b.accessToken || b.user?.role !== 'admin') throw new Error(`admin login failed: ${r.status} ${JSON.stringify(b)}`);
        return b.accessToken;
      })),
    stop: async () => {
      await worker.stop();
      await fakes.close();
      await social.close();
      await stripe.close();
      await email.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
