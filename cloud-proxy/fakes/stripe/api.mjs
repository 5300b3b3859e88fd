// The fake's Stripe API: the v1 endpoints Zapcut's proxy calls through the official SDK, with
// Stripe's authentication, idempotency and error bodies
// (`{error: {type, code, message, param, doc_url, request_log_url}}`). State lives in `store`
// (see index.mjs); the hosted checkout and portal pages and the test controls change it through
// the actions in actions.mjs.
import { createHash } from 'node:crypto';
import * as obj from './objects.mjs';
import { parseForm } from './form.mjs';
import { SPECS, checkParams } from './params.mjs';

export const NO_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** A Stripe error response. */
export function stripeError(status, { message, code, param, type = 'invalid_request_error' }) {
  const requestId = obj.newId('req');
  const error = { ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}` } : {}), message, ...(param ? { param } : {}), request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`, type };
  return { status, body: { error }, headers: { 'request-id': requestId } };
}

const missing = (param) => stripeError(400, { code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
const noSuch = (what, id, param) => stripeError(param === 'id' ? 404 : 400, { code: 'resource_missing', param, message: `No such ${what}: '${id}'` });

function authenticate(req, secretKey) {
  const header = req.headers.authorization ?? '';
  let key = null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) key = bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) key = Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
  if (!key) return { ...stripeError(401, { message: NO_KEY_MESSAGE }), headers: { 'www-authenticate': 'Basic realm="Stripe"' } };
  if (key !== secretKey) return stripeError(401, { message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` });
  return null;
}

/**
 * Handles one /v1 request. `body` is the raw form body. Returns {status, body, headers}.
 * @param {import('./index.mjs').FakeStripeStore} store
 */
export function handleApi(store, req, path, query, body) {
  const denied = authenticate(req, store.secretKey);
  if (denied) return denied;
  const form = parseForm(req.method === 'GET' ? query : body);
  if (!form.ok) return stripeError(400, { code: 'parameter_invalid', param: form.key, message: `Invalid parameter name: ${form.key}` });
  const params = form.value;
  const route = `${req.method} ${path.replace(/^(\/v1\/(?:customers|prices|subscriptions|checkout\/sessions|events|charges))\/[^/]+$/, '$1/:id')}`;
  const id = path.split('/').pop();
  if ('expand' in params) return stripeError(400, { code: 'parameter_unknown', param: 'expand', message: 'This fake Stripe does not expand objects; Zapcut reads ids only (remove expand).' });

  // Idempotent POSTs: the same key with the same body replays the first response.
  const idemKey = req.method === 'POST' ? req.headers['idempotency-key'] : undefined;
  const fingerprint = createHash('sha256').update(`${req.method} ${path}\n${body}`).digest('hex');
  if (idemKey) {
    const seen = store.idempotency.get(idemKey);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        return stripeError(400, { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.` });
      }
      return { ...seen.response, headers: { ...seen.response.headers, 'idempotent-replayed': 'true' } };
    }
  }
  const response = route in ROUTES ? ROUTES[route](store, params, id) : stripeError(404, { message: `Unrecognized request URL (${req.method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` });
  // Stripe stores the result of a request that reached it, errors included (not 5xx, not 429).
  if (idemKey && response.status < 500 && response.status !== 429) store.idempotency.set(idemKey, { fingerprint, response });
  store.requests.push({ method: req.method, path, status: response.status, idempotencyKey: idemKey ?? null });
  return response;
}

const ok = (body) => ({ status: 200, body, headers: {} });
const list = (url, data) => ok({ object: 'list', data, has_more: false, url });

function checked(name, params) {
  const err = checkParams(params, SPECS[name]);
  return err ? stripeError(400, err) : null;
}

const ROUTES = {
  'POST /v1/customers': (store, params) => {
    const err = checked('customers.create', params);
    if (err) return err;
    const c = obj.customer(params, store.now());
    store.customers.set(c.id, c);
    return ok(c);
  },
  'GET /v1/customers/:id': (store, params, id) => (store.customers.has(id) ? ok(store.customers.get(id)) : noSuch('customer', id, 'id')),
  'GET /v1/prices/:id': (store, params, id) => (store.prices.has(id) ? ok(store.prices.get(id)) : noSuch('price', id, 'id')),
  'GET /v1/prices': (store, params) => checked('prices.list', params) ?? list('/v1/prices', [...store.prices.values()].filter((p) => !params.type || p.type === params.type)),
  'GET /v1/subscriptions/:id': (store, params, id) => (store.subscriptions.has(id) ? ok(store.subscriptions.get(id)) : noSuch('subscription', id, 'id')),
  'GET /v1/subscriptions': (store, params) => {
    const err = checked('subscriptions.list', params);
    if (err) return err;
    const status = params.status ?? 'active';
    const subs = [...store.subscriptions.values()].filter((s) => (!params.customer || s.customer === params.customer) && (status === 'all' || (status === 'active' ? s.status !== 'canceled' : s.status === status)));
    return list('/v1/subscriptions', subs);
  },
  'GET /v1/checkout/sessions/:id': (store, params, id) => (store.sessions.has(id) ? ok(store.sessions.get(id)) : noSuch('checkout.session', id, 'id')),
  'GET /v1/charges/:id': (store, params, id) => (store.charges.has(id) ? ok(store.charges.get(id)) : noSuch('charge', id, 'id')),
  'GET /v1/events/:id': (store, params, id) => {
    const ev = store.events.find((e) => e.id === id);
    return ev ? ok(ev) : noSuch('event', id, 'id');
  },
  'POST /v1/checkout/sessions': (store, params) => {
    const err = checked('checkout.sessions.create', params);
    if (err) return err;
    if (!params.mode) return missing('mode');
    if (params.customer && params.customer_email) return stripeError(400, { code: 'parameter_invalid', param: 'customer_email', message: 'You may only specify one of these parameters: customer, customer_email.' });
    if (params.customer && !store.customers.has(params.customer)) return noSuch('customer', params.customer, 'customer');
    if (params.mode === 'setup') return stripeError(400, { param: 'mode', message: 'This fake Stripe sells in `payment` and `subscription` mode only.' });
    if (params.mode === 'subscription' && params.payment_intent_data) return stripeError(400, { param: 'payment_intent_data', message: 'You can not pass `payment_intent_data` in `subscription` mode.' });
    if (params.mode === 'payment' && params.subscription_data) return stripeError(400, { param: 'subscription_data', message: 'You can not pass `subscription_data` in `payment` mode.' });
    const items = params.line_items ?? [];
    if (items.length === 0) return missing('line_items');
    let amount = 0;
    for (const [i, item] of items.entries()) {
      if (!item.price) return missing(`line_items[${i}][price]`);
      const price = store.prices.get(item.price);
      if (!price) return noSuch('price', item.price, `line_items[${i}][price]`);
      if (!price.active) return stripeError(400, { param: `line_items[${i}][price]`, message: `The price specified is inactive. This field only accepts active prices.` });
      if (item.quantity === undefined) return stripeError(400, { code: 'parameter_missing', param: `line_items[${i}][quantity]`, message: `Quantity is required. Add \`quantity\` to \`line_items[${i}]\`` });
      const qty = Number(item.quantity);
      if (qty < 1 || qty > 999999) return stripeError(400, { param: `line_items[${i}][quantity]`, message: 'This value must be greater than or equal to 1.' });
      if (params.mode === 'payment' && price.type === 'recurring') return stripeError(400, { param: `line_items[${i}][price]`, message: 'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.' });
      amount += price.unit_amount * qty;
    }
    if (params.mode === 'subscription' && !items.some((it) => store.prices.get(it.price).type === 'recurring')) {
      return stripeError(400, { param: 'line_items', message: 'You must provide at least one recurring price in `subscription` mode when using prices.' });
    }
    const session = obj.checkoutSession({ params, amountTotal: amount, baseUrl: store.baseUrl() }, store.now());
    store.sessions.set(session.id, session);
    store.sessionItems.set(session.id, items.map((it) => ({ price: it.price, quantity: Number(it.quantity) })));
    store.sessionExtras.set(session.id, { subscriptionMetadata: params.subscription_data?.metadata ?? {}, paymentMetadata: params.payment_intent_data?.metadata ?? {} });
    return ok(session);
  },
  'POST /v1/billing_portal/sessions': (store, params) => {
    const err = checked('billing_portal.sessions.create', params);
    if (err) return err;
    if (!params.customer) return missing('customer');
    if (!store.customers.has(params.customer)) return noSuch('customer', params.customer, 'customer');
    const s = obj.portalSession({ customer: params.customer, returnUrl: params.return_url, baseUrl: store.baseUrl() }, store.now());
    store.portals.set(s.id, s);
    return ok(s);
  },
};
