// A fake Stripe for tests and `npm run dev:stack`: the v1 API shapes the official `stripe` SDK uses
// (customers, prices, checkout.sessions, billing_portal.sessions, subscriptions, events) with
// Stripe's auth, idempotency and error bodies; hosted Checkout and portal pages; and webhooks sent
// the way Stripe signs them (`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.payload")>`),
// retried on failure. The proxy reaches it through the SDK's host/port/protocol options.
//
// Drive it in-process (`fake.act.renew(subId)`, `fake.flush()`), over HTTP (POST /__control/<action>
// with JSON) or in a browser (GET /__dashboard).
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import * as obj from './objects.mjs';
import { handleApi, stripeError } from './api.mjs';
import { ActionError, actions } from './actions.mjs';
import { parseForm } from './form.mjs';
import { checkoutPage, dashboardPage, portalPage } from './pages.mjs';

export const FAKE_STRIPE_KEYS = { secretKey: 'sk_test_fakezapcut0000000000000000', webhookSecret: 'whsec_fakezapcut00000000000000000000' };

/** The products Zapcut sells (PRODUCT.md "Pricing and limits"), as prices this fake knows. */
export const FAKE_PRICES = [
  { env: 'STRIPE_PRICE_PACK_30', id: 'price_zc_pack30', product: 'prod_zc_pack30', name: 'Credit pack: 10 videos up to 30 s', unitAmount: 4000, recurring: false },
  { env: 'STRIPE_PRICE_PACK_60', id: 'price_zc_pack60', product: 'prod_zc_pack60', name: 'Credit pack: 10 videos up to 60 s', unitAmount: 7000, recurring: false },
  { env: 'STRIPE_PRICE_STARTER', id: 'price_zc_starter', product: 'prod_zc_starter', name: 'Starter', unitAmount: 2900, recurring: true },
  { env: 'STRIPE_PRICE_PRO', id: 'price_zc_pro', product: 'prod_zc_pro', name: 'Pro', unitAmount: 7900, recurring: true },
  { env: 'STRIPE_PRICE_AGENCY', id: 'price_zc_agency', product: 'prod_zc_agency', name: 'Agency', unitAmount: 19900, recurring: true },
];

const safeDecode = (s) => {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return s;
  }
};

export function signPayload(payload, { secret = FAKE_STRIPE_KEYS.webhookSecret, timestamp = Math.floor(Date.now() / 1000) } = {}) {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * @param {{ port?: number, webhookUrl?: string, retryDelaysMs?: number[], prices?: typeof FAKE_PRICES }} [opts]
 */
export async function startFakeStripe(opts = {}) {
  let baseUrl = '';
  let webhookUrl = opts.webhookUrl ?? null;
  const retryDelays = opts.retryDelaysMs ?? [200, 1000];
  const created = Math.floor(Date.now() / 1000);
  const store = {
    secretKey: FAKE_STRIPE_KEYS.secretKey,
    now: () => Math.floor(Date.now() / 1000),
    baseUrl: () => baseUrl,
    customers: new Map(),
    prices: new Map(),
    products: new Map(),
    sessions: new Map(),
    sessionItems: new Map(),
    sessionExtras: new Map(),
    portals: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    invoiceCharges: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    disputes: new Map(),
    idempotency: new Map(),
    requests: [],
    events: [],
    deliveries: [],
    emit: (ev) => {
      store.events.push(ev);
      if (isHeld(ev)) held.push(ev);
      else queue.push({ ev, attempt: 0 });
      pump();
    },
  };
  for (const p of opts.prices ?? FAKE_PRICES) {
    store.products.set(p.product, obj.product({ id: p.product, name: p.name }, created));
    store.prices.set(p.id, obj.price({ id: p.id, product: p.product, unitAmount: p.unitAmount, recurring: p.recurring, nickname: p.name }, created));
  }
  const act = actions(store);

  // ---- webhook delivery: in order, one at a time, retried on failure ----
  const queue = [];
  // Held events (a test delivering by hand): those of the users on hold (their id or their customer's
  // id appears in the event), kept out of the queue so other tests running in parallel are unaffected.
  const holds = new Set();
  const held = [];
  const mentionsUser = (ev, user) => {
    const text = JSON.stringify(ev);
    if (text.includes(user)) return true;
    return [...store.customers.values()].some((c) => c.metadata?.zapcut_user === user && text.includes(c.id));
  };
  const isHeld = (ev) => [...holds].some((user) => mentionsUser(ev, user));
  let paused = false;
  let pumping = null;
  const idle = new Set();
  async function deliver(ev, { payload, signature } = {}) {
    const body = payload ?? JSON.stringify(ev, null, 2);
    const record = { eventId: ev.id, type: ev.type, status: 0, response: '' };
    try {
      const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature ?? signPayload(body), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' }, body });
      record.status = res.status;
      record.response = (await res.text()).slice(0, 2000);
    } catch (e) {
      record.response = String(e);
    }
    store.deliveries.push(record);
    return record;
  }
  function pump() {
    if (pumping || paused || !webhookUrl || queue.length === 0) return;
    pumping = (async () => {
      await Promise.resolve(); // `pumping` is set before the loop can finish
      while (queue.length > 0 && !paused) {
        const job = queue.shift();
        const r = await deliver(job.ev);
        if ((r.status < 200 || r.status >= 300) && job.attempt < retryDelays.length) {
          await new Promise((res) => setTimeout(res, retryDelays[job.attempt]));
          queue.unshift({ ev: job.ev, attempt: job.attempt + 1 });
        }
      }
      pumping = null;
      if (queue.length === 0) for (const done of idle) done();
      idle.clear();
    })();
  }

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'stripe-version': obj.API_VERSION, ...headers });
    res.end(JSON.stringify(body));
  };
  const html = (res, status, page) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  };
  const redirect = (res, to) => {
    res.writeHead(303, { location: to });
    res.end();
  };
  const readBody = (req) => new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > 1_000_000) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

  let outage = false;
  /** Control actions by name (HTTP /__control/<name> and the dashboard); results may be promises. */
  const control = {
    // Webhook delivery: hold one user's events, take them out to deliver by hand (any order, twice),
    // release the rest; wait for the queue.
    hold: (b) => (holds.add(b.user), {}),
    take: (b) => ({ events: held.splice(0).filter((ev) => mentionsUser(ev, b.user) || (held.push(ev), false)) }),
    release: (b) => {
      holds.delete(b.user);
      const mine = held.filter((ev) => mentionsUser(ev, b.user));
      held.splice(0, held.length, ...held.filter((ev) => !mine.includes(ev)));
      for (const ev of mine) queue.push({ ev, attempt: 0 });
      pump();
      return {};
    },
    deliver: (b) => {
      const ev = b.event ?? store.events.find((e) => e.id === b.eventId);
      if (!ev) throw new ActionError(`No such event: '${b.eventId}'`);
      return deliver(ev, { payload: b.payload, signature: b.signature });
    },
    flush: () => (paused ? Promise.resolve({}) : new Promise((r) => (!pumping && queue.length === 0 ? r({}) : idle.add(() => r({}))))),
    // Stripe unreachable: API requests' connections are dropped until `outage {on: false}`; with
    // `match`, only requests whose path or body contains it (e.g. one user's id), so parallel tests are unaffected.
    outage: (b) => ((outage = b.on === false ? false : { match: b.match ?? '' }), { outage }),
    events: (b) => ({ events: store.events.filter((e) => !b.type || e.type === b.type) }),
    customers: (b) => ({ customers: [...store.customers.values()].filter((c) => !b.email || c.email === b.email) }),
    pay: (b) => ({ redirect: act.completeCheckout(b.session, { card: b.card }) }),
    renew: (b) => act.renew(b.ref ?? b.subscription),
    fail: (b) => act.renew(b.ref ?? b.subscription, { fail: true }),
    'retry-ok': (b) => act.retryPayment(b.ref ?? b.subscription, { succeed: true }),
    'retry-fail': (b) => act.retryPayment(b.ref ?? b.subscription, { succeed: false }),
    cancel: (b) => act.setCancelAtPeriodEnd(b.ref ?? b.subscription, true),
    uncancel: (b) => act.setCancelAtPeriodEnd(b.ref ?? b.subscription, false),
    switch: (b) => act.switchPrice(b.ref ?? b.subscription, b.price),
    'end-period': (b) => act.endPeriod(b.ref ?? b.subscription),
    refund: (b) => act.refund(b.ref ?? b.charge, b.amount === undefined ? undefined : Number(b.amount)),
    dispute: (b) => act.dispute(b.ref ?? b.charge, b.reason),
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://fake');
      const path = url.pathname;
      const body = req.method === 'POST' ? await readBody(req) : '';
      if (path.startsWith('/v1/')) {
        if (outage && `${req.url}\n${body}\n${safeDecode(body)}`.includes(outage.match)) return req.socket.destroy();
        const r = handleApi(store, req, path, url.search.slice(1), body);
        return send(res, r.status, r.body, r.headers);
      }
      const form = () => {
        const f = parseForm(body);
        return f.ok ? f.value : {};
      };
      let m;
      if ((m = /^\/c\/pay\/([\w]+)$/.exec(path))) {
        const session = store.sessions.get(m[1]);
        if (!session) return html(res, 404, 'No such checkout session.');
        if (req.method === 'GET') return html(res, 200, checkoutPage(store, session));
        try {
          const to = act.completeCheckout(session.id, { card: form().card });
          return to ? redirect(res, to) : html(res, 200, checkoutPage(store, session));
        } catch (e) {
          if (e instanceof ActionError) return html(res, 402, checkoutPage(store, session, e.message));
          throw e;
        }
      }
      if ((m = /^\/c\/cancel\/([\w]+)$/.exec(path))) {
        const session = store.sessions.get(m[1]);
        if (!session) return html(res, 404, 'No such checkout session.');
        return session.cancel_url ? redirect(res, session.cancel_url) : html(res, 200, 'Cancelled.');
      }
      if ((m = /^\/p\/session\/([\w]+)(?:\/(cancel|resume|switch))?$/.exec(path))) {
        const portal = store.portals.get(m[1]);
        if (!portal) return html(res, 404, 'No such portal session.');
        if (req.method === 'POST' && m[2]) {
          const f = form();
          const s = store.subscriptions.get(f.subscription);
          if (!s || s.customer !== portal.customer) return html(res, 404, 'No such subscription for this customer.');
          if (m[2] === 'switch') act.switchPrice(s.id, f.price);
          else act.setCancelAtPeriodEnd(s.id, m[2] === 'cancel');
          return redirect(res, `/p/session/${portal.id}`);
        }
        return html(res, 200, portalPage(store, portal));
      }
      if (path === '/__dashboard' && req.method === 'GET') return html(res, 200, dashboardPage(store));
      if ((m = /^\/__(control|dashboard)\/([\w-]+)$/.exec(path)) && req.method === 'POST') {
        const fn = control[m[2]];
        if (!fn) return send(res, 404, { error: `unknown control action ${m[2]}` });
        const input = m[1] === 'control' ? JSON.parse(body || '{}') : form();
        try {
          const out = await fn(input);
          return m[1] === 'dashboard' ? redirect(res, '/__dashboard') : send(res, 200, out ?? {});
        } catch (e) {
          if (e instanceof ActionError) return send(res, 400, { error: e.message });
          throw e;
        }
      }
      if (path === '/__state') return send(res, 200, { events: store.events.map((e) => ({ id: e.id, type: e.type })), deliveries: store.deliveries, requests: store.requests.slice(-100) });
      const r = stripeError(404, { message: `Unrecognized request URL (${req.method}: ${path}).` });
      return send(res, r.status, r.body);
    } catch (e) {
      send(res, 500, { error: { type: 'api_error', message: `fake stripe: ${e instanceof Error ? e.message : String(e)}` } });
    }
  });
  await new Promise((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = server.address().port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    store,
    act,
    /** The proxy's Stripe configuration for this fake (wrangler vars / .dev.vars names). */
    env: {
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEYS.secretKey,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_KEYS.webhookSecret,
      STRIPE_API_BASE: baseUrl,
      ...Object.fromEntries((opts.prices ?? FAKE_PRICES).map((p) => [p.env, p.id])),
    },
    setWebhookUrl(url) {
      webhookUrl = url;
      pump();
    },
    /** Holds webhook deliveries (events queue up) until resume(). */
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      pump();
    },
    /** Takes the queued events out of the queue (to deliver them by hand, in any order). */
    takeQueued() {
      return queue.splice(0).map((j) => j.ev);
    },
    /** Delivers one event now (a duplicate, a reordered one, or a forged payload/signature). */
    deliver,
    /** Resolves when every queued delivery (and its retries) is done. */
    flush() {
      if (!pumping && queue.length === 0) return Promise.resolve();
      return new Promise((r) => idle.add(r));
    },
    eventsOfType: (type) => store.events.filter((e) => e.type === type),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
