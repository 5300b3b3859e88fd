/* eslint-disable @typescript-eslint/no-explicit-any -- the fake's control API returns plain JSON */
/**
 * Driving the fake Stripe (fakes/stripe) from tests: its control API over HTTP (the fake runs in
 * the global setup's process), and a browser-like walk through its hosted checkout page.
 */
import { inject } from 'vitest';
import { api, type TestUser } from './helpers';
import { signPayload } from '../fakes/stripe/index.mjs';

export const stripeUrl = () => inject('stripeUrl');
export const sign = signPayload;

export async function stripeControl<T = any>(action: string, body: unknown = {}): Promise<T> {
  const r = await fetch(`${stripeUrl()}/__control/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out = (await r.json()) as any;
  if (r.status !== 200) throw new Error(`fake stripe ${action}: ${r.status} ${JSON.stringify(out)}`);
  return out as T;
}

/** Waits until every webhook the fake queued has been delivered (and retried). */
export const flush = () => stripeControl('flush');

/** POST /v1/billing/checkout for `item`; returns the proxy's answer. */
export const checkout = (u: TestUser, item: string) => api('/v1/billing/checkout', { token: u.accessToken, body: { item } });

/**
 * What a user does in the browser: opens the Checkout URL, pays with a test card, follows the
 * redirect back to the proxy's return page. Returns that page's HTML.
 */
export async function payInBrowser(url: string, card = '4242 4242 4242 4242'): Promise<{ status: number; returnPage: string; location: string | null }> {
  const page = await fetch(url);
  if (page.status !== 200 || !(await page.text()).includes('<form')) throw new Error(`checkout page ${url}: ${page.status}`);
  const payUrl = url; // the form posts to the page's own URL
  const paid = await fetch(payUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card }).toString(), redirect: 'manual' });
  const location = paid.headers.get('location');
  if (paid.status !== 303 || !location) return { status: paid.status, returnPage: await paid.text(), location: null };
  const back = await fetch(location);
  return { status: back.status, returnPage: await back.text(), location };
}

/** Checkout + pay + all webhooks delivered: the user's purchase as a test step. */
export async function buy(u: TestUser, item: string): Promise<{ sessionId: string }> {
  const r = await checkout(u, item);
  if (r.status !== 201) throw new Error(`checkout ${item}: ${r.status} ${JSON.stringify(r.body)}`);
  const paid = await payInBrowser(r.body.url);
  if (paid.status !== 200) throw new Error(`pay ${item}: ${paid.status} ${paid.returnPage.slice(0, 300)}`);
  await flush();
  return { sessionId: r.body.sessionId };
}

export async function me(u: TestUser) {
  const r = await api('/v1/me', { token: u.accessToken });
  if (r.status !== 200) throw new Error(`me: ${r.status}`);
  return r.body;
}

/** The user's live subscription id at the fake (by the customer the proxy made for them). */
export async function subscriptionOf(u: TestUser): Promise<string> {
  const { customers } = await stripeControl<{ customers: { id: string; metadata: Record<string, string> }[] }>('customers', {});
  const c = customers.find((x) => x.metadata.zapcut_user === u.id);
  if (!c) throw new Error(`no fake Stripe customer for ${u.id}`);
  const r = await fetch(`${stripeUrl()}/v1/subscriptions?customer=${c.id}&status=all`, { headers: { authorization: 'Bearer sk_test_fakezapcut0000000000000000' } });
  const list = (await r.json()) as { data: { id: string; status: string }[] };
  const live = list.data.find((s) => s.status !== 'canceled') ?? list.data[0];
  if (!live) throw new Error(`no subscription for ${u.id}`);
  return live.id;
}
