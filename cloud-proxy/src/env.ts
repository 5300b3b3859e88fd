import { z } from 'zod';
import type { UserAccount } from './account/UserAccount';
import type { SignupLimiter } from './auth/signupLimit';
import { weakSecretReason } from './auth/secretStrength';

/** Bindings and vars as wrangler passes them (wrangler.jsonc + secrets / .dev.vars). */
export interface Env {
  DB: D1Database;
  ACCOUNTS: DurableObjectNamespace<UserAccount>;
  SIGNUPS: DurableObjectNamespace<SignupLimiter>;
  [key: string]: unknown;
}

const intVar = (def: number, min: number) => z.coerce.number().int().min(min).default(def);

/**
 * Configuration read from vars/secrets, validated once per isolate. Upstream base URLs are
 * configuration so tests and `proxy:dev` point them at the local fake upstreams.
 */
export const ConfigSchema = z.object({
  /** Signs access tokens (HS256): 32+ random bytes, checked at the first request (auth/secretStrength.ts). */
  JWT_SECRET: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const why = weakSecretReason(value);
      if (why) ctx.addIssue({ code: 'custom', message: `JWT_SECRET is too weak: ${why} (set it with \`wrangler secret put JWT_SECRET\`, or in .dev.vars for local runs)` });
    })
    .transform((value) => value ?? ''),
  /** The issuer and audience of access tokens: a token minted for another service or by another issuer is refused. */
  JWT_ISSUER: z.string().min(1).default('https://proxy.zapcut.app'),
  JWT_AUDIENCE: z.string().min(1).default('zapcut-app'),
  ADMIN_BOOTSTRAP_SECRET: z.string().min(16).optional(),
  OPENAI_API_KEY: z.string().default(''),
  ANTHROPIC_API_KEY: z.string().default(''),
  REPLICATE_API_TOKEN: z.string().default(''),
  SUNO_API_KEY: z.string().default(''),
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  ANTHROPIC_BASE_URL: z.url().default('https://api.anthropic.com/v1'),
  REPLICATE_BASE_URL: z.url().default('https://api.replicate.com/v1'),
  SUNO_BASE_URL: z.string().default(''),
  /**
   * Brand-style trainings: the allowlisted trainer, its version id and the model that receives the
   * LoRA versions. The default is a published version of ostris/flux-dev-lora-trainer (the one many
   * public integrations pin, found with the code search); whether it is still the newest could not
   * be checked from this machine (no internet): check replicate.com on deploy.
   */
  TRAINER_MODEL: z.string().default('ostris/flux-dev-lora-trainer'),
  TRAINER_VERSION: z.string().regex(/^[0-9a-f]{64}$/).default('e440909d3512c31646ee2e0c7d6f6f4923224863a6a10c494606e79fb5844497'),
  TRAINING_DESTINATION: z.string().regex(/^[\w.-]+\/[\w.-]+$/).default('zapcut/brand-styles'),
  ACCESS_TOKEN_TTL_SECONDS: intVar(900, 10),
  REFRESH_TOKEN_TTL_SECONDS: intVar(30 * 86400, 60),
  /** A rotated refresh token still yields its successor this long (parallel refreshes of one session). */
  REFRESH_GRACE_SECONDS: intVar(30, 0),
  PBKDF2_ITERATIONS: intVar(100_000, 10_000),
  RESERVATION_TTL_SECONDS: intVar(6 * 3600, 1),
  /** Requests per user per window (a fixed window, counted in the user's Durable Object storage). */
  RATE_LIMIT_PER_MINUTE: intVar(100, 1),
  /** New accounts per client address per day (account farming); counted in a Durable Object per address. */
  SIGNUPS_PER_ADDRESS_PER_DAY: intVar(3, 1),
  /** The rate limit's window; a minute, as the name above says (tests lengthen it). */
  RATE_LIMIT_WINDOW_SECONDS: intVar(60, 1),
  /** Comma-separated competitor brand names screened on paid media prompts. */
  COMPETITOR_BRANDS: z.string().default(''),
  SAFETY_MIN_SEVERITY: z.enum(['low', 'medium', 'high', 'critical']).default('medium'),
  /** Social publishing (issue 24, cloud-proxy/src/social): client ids and endpoints; the LinkedIn secret is a Worker secret. */
  X_CLIENT_ID: z.string().default(''),
  X_AUTHORIZE_URL: z.url().default('https://x.com/i/oauth2/authorize'),
  X_API_BASE: z.url().default('https://api.x.com'),
  /** Comma-separated loopback ports registered as X callback URLs (http://127.0.0.1:<port>/callback). */
  X_REDIRECT_PORTS: z.string().default(''),
  LINKEDIN_CLIENT_ID: z.string().default(''),
  LINKEDIN_CLIENT_SECRET: z.string().default(''),
  LINKEDIN_OAUTH_BASE: z.url().default('https://www.linkedin.com/oauth/v2'),
  LINKEDIN_API_BASE: z.url().default('https://api.linkedin.com'),
  /** LinkedIn-Version for the Videos and Posts APIs (YYYYMM; each is supported for a year — check on deploy). */
  LINKEDIN_VERSION: z.string().regex(/^\d{6}$/).default('202605'),
  /**
   * Billing (src/billing). Secrets: STRIPE_SECRET_KEY (sk_…) and STRIPE_WEBHOOK_SECRET (whsec_…, the
   * signing secret of the webhook endpoint pointed at /v1/billing/webhook). Without the secret key,
   * buying is off and the billing routes say so. STRIPE_API_BASE points the SDK at another host
   * (the local fake Stripe in tests and dev:stack).
   */
  STRIPE_SECRET_KEY: z.string().default(''),
  STRIPE_WEBHOOK_SECRET: z.string().default(''),
  STRIPE_API_BASE: z.url().default('https://api.stripe.com'),
  /** Price ids per environment (Stripe dashboard → Products); '' leaves that item unavailable. */
  STRIPE_PRICE_PACK_30: z.string().default(''),
  STRIPE_PRICE_PACK_60: z.string().default(''),
  STRIPE_PRICE_STARTER: z.string().default(''),
  STRIPE_PRICE_PRO: z.string().default(''),
  STRIPE_PRICE_AGENCY: z.string().default(''),
  /** Where Checkout and the portal send the browser back; default: this proxy's /v1/billing/return page. */
  BILLING_RETURN_URL: z.string().default(''),
  /** How old a webhook's signed timestamp may be (Stripe's libraries default to 300 s). */
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: intVar(300, 1),
  /** After a failed renewal the plan is kept this long (Stripe retries meanwhile), then the account drops to free. */
  BILLING_GRACE_SECONDS: intVar(7 * 86400, 0),
  /**
   * Email (account verification links, src/auth/email.ts): Resend's HTTP API. RESEND_API_KEY is a
   * secret (re_…); EMAIL_FROM a sender on a domain verified in Resend ("Zapcut <hello@…>").
   * Without both, sign-up still works but no link can be sent, so new accounts cannot use the free
   * videos, and the Worker says so (EMAIL_NOT_CONFIGURED) instead of verifying anyone silently.
   * RESEND_BASE_URL points at the local fake in tests and dev:stack.
   */
  RESEND_API_KEY: z.string().default(''),
  RESEND_BASE_URL: z.url().default('https://api.resend.com'),
  EMAIL_FROM: z.string().default(''),
  /** How long a verification link works, and how many links an account may ask for per day. */
  EMAIL_TOKEN_TTL_SECONDS: intVar(24 * 3600, 60),
  EMAIL_SENDS_PER_DAY: intVar(5, 1),
  /** Daily provider spend (cents) above which new videos are refused until midnight UTC; 0 = no cap. Admins can change it. */
  PROVIDER_SPEND_CAP_CENTS_PER_DAY: intVar(0, 0),
});
export type Config = z.infer<typeof ConfigSchema>;

let cached: { env: Env; config: Config } | undefined;

/** Thrown when the Worker's vars/secrets are unusable: every request is refused with what to fix. */
export class ConfigError extends Error {}

export function configOf(env: Env): Config {
  if (cached?.env === env) return cached.config;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => (i.message.includes(String(i.path[0])) ? i.message : `${i.path.join('.')}: ${i.message}`)).join('; '));
  cached = { env, config: parsed.data };
  return parsed.data;
}
