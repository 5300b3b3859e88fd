// Types for the fake Stripe (index.mjs), for TypeScript tests and the dev stack.
export declare const FAKE_STRIPE_KEYS: { secretKey: string; webhookSecret: string };
export declare const FAKE_PRICES: { env: string; id: string; product: string; name: string; unitAmount: number; recurring: boolean }[];
export declare function signPayload(payload: string, opts?: { secret?: string; timestamp?: number }): string;

export interface FakeStripeEvent {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> & { id: string } };
}

export interface FakeStripeActions {
  completeCheckout(sessionId: string, opts?: { card?: string }): string | null;
  renew(subscriptionId: string, opts?: { fail?: boolean }): unknown;
  retryPayment(subscriptionId: string, opts: { succeed: boolean }): unknown;
  setCancelAtPeriodEnd(subscriptionId: string, cancel?: boolean): unknown;
  switchPrice(subscriptionId: string, priceId: string): unknown;
  endPeriod(subscriptionId: string): unknown;
  refund(chargeOrPaymentIntent: string, amount?: number): unknown;
  dispute(chargeOrPaymentIntent: string, reason?: string): unknown;
}

export interface FakeStripe {
  url: string;
  act: FakeStripeActions;
  store: {
    customers: Map<string, { id: string; email: string | null; metadata: Record<string, string> }>;
    subscriptions: Map<string, { id: string; customer: string; status: string; cancel_at_period_end: boolean }>;
    sessions: Map<string, { id: string; customer: string | null; payment_intent: string | null; subscription: string | null; status: string }>;
    events: FakeStripeEvent[];
    deliveries: { eventId: string; type: string; status: number; response: string }[];
  };
  /** STRIPE_* settings for the proxy (wrangler vars / .dev.vars names). */
  env: Record<string, string>;
  setWebhookUrl(url: string): void;
  pause(): void;
  resume(): void;
  takeQueued(): FakeStripeEvent[];
  deliver(event: FakeStripeEvent, opts?: { payload?: string; signature?: string }): Promise<{ status: number; response: string }>;
  flush(): Promise<void>;
  eventsOfType(type: string): FakeStripeEvent[];
  close(): Promise<void>;
}

export declare function startFakeStripe(opts?: { port?: number; webhookUrl?: string; retryDelaysMs?: number[] }): Promise<FakeStripe>;
