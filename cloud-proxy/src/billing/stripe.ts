/**
 * Stripe through its official SDK inside the Worker: the fetch HTTP client (Workers have no
 * node:https) and SubtleCrypto for webhook signatures (the async check; the sync one needs
 * node:crypto). STRIPE_API_BASE becomes the SDK's host/port/protocol, which is how tests and
 * dev:stack point it at the local fake Stripe.
 */
import Stripe from 'stripe';
import type { Config } from '../env';
import { ProxyError } from '../http/errors';

export type { Stripe };

let cached: { key: string; base: string; client: Stripe } | undefined;

export function billingConfigured(config: Config): boolean {
  return config.STRIPE_SECRET_KEY !== '';
}

export function stripeOf(config: Config): Stripe {
  if (!billingConfigured(config)) throw new ProxyError(503, 'BILLING_NOT_CONFIGURED', 'Buying is not set up on this Zapcut service yet; nothing was charged. Contact support.');
  if (cached?.key === config.STRIPE_SECRET_KEY && cached.base === config.STRIPE_API_BASE) return cached.client;
  const base = new URL(config.STRIPE_API_BASE);
  const client = new Stripe(config.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    host: base.hostname,
    port: base.port || (base.protocol === 'http:' ? 80 : 443),
    protocol: base.protocol === 'http:' ? 'http' : 'https',
    // One retry (with the SDK's automatic idempotency key) and a bound a user waits for at most.
    maxNetworkRetries: 1,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: 'zapcut-cloud-proxy' },
  });
  cached = { key: config.STRIPE_SECRET_KEY, base: config.STRIPE_API_BASE, client };
  return client;
}

const subtle = Stripe.createSubtleCryptoProvider();

/**
 * Verifies a webhook (signature over the exact bytes received, timestamp within the tolerance)
 * and parses it; throws 400 WEBHOOK_SIGNATURE_INVALID otherwise. Nothing is read before this passes.
 */
export async function verifiedEvent(config: Config, payload: string, signature: string | undefined): Promise<Stripe.Event> {
  if (config.STRIPE_WEBHOOK_SECRET === '') throw new ProxyError(503, 'BILLING_NOT_CONFIGURED', 'STRIPE_WEBHOOK_SECRET is not set, so webhooks cannot be verified; set it (wrangler secret put STRIPE_WEBHOOK_SECRET).');
  if (!signature) throw new ProxyError(400, 'WEBHOOK_SIGNATURE_INVALID', 'Missing Stripe-Signature header.');
  try {
    return await stripeOf(config).webhooks.constructEventAsync(payload, signature, config.STRIPE_WEBHOOK_SECRET, config.STRIPE_WEBHOOK_TOLERANCE_SECONDS, subtle);
  } catch (e) {
    throw new ProxyError(400, 'WEBHOOK_SIGNATURE_INVALID', `Webhook refused: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/**
 * A Stripe failure as the user should see it: Stripe unreachable or failing → 503 (nothing was
 * charged, try again); a request Stripe refused → 502 with its message for the operator (a
 * misconfigured price), never the raw error object.
 */
export function stripeFailure(e: unknown, doing: string): ProxyError {
  if (e instanceof ProxyError) return e;
  if (e instanceof Stripe.errors.StripeError) {
    if (e.type === 'StripeConnectionError' || e.type === 'StripeAPIError' || e.type === 'StripeRateLimitError' || (e.statusCode ?? 500) >= 500) {
      return new ProxyError(503, 'BILLING_UNAVAILABLE', `Payments are unavailable right now (${doing}); nothing was charged. Try again in a few minutes.`);
    }
    return new ProxyError(502, 'BILLING_REFUSED', `The payment service refused ${doing}: ${e.message}. Nothing was charged; contact support if this persists.`);
  }
  return new ProxyError(503, 'BILLING_UNAVAILABLE', `Payments are unavailable right now (${doing}); nothing was charged. Try again in a few minutes.`);
}
