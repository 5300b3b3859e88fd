// What happens at the fake Stripe outside the API: a customer pays on the hosted checkout page, a
// subscription renews, a payment fails, a charge is refunded or disputed, the customer cancels or
// switches plan in the portal, a period ends. Each changes the objects and emits the events Stripe
// sends for it (same types, same `data.object` snapshots, `previous_attributes` on updates).
import * as obj from './objects.mjs';

export class ActionError extends Error {}

const itemOf = (sub) => sub.items.data[0];

/** @param {import('./index.mjs').FakeStripeStore} store */
export function actions(store) {
  const now = () => store.now();
  const emit = (type, object, previous) => store.emit(obj.event({ type, object, previous, now: now() }));
  const sub = (id) => {
    const s = store.subscriptions.get(id);
    if (!s) throw new ActionError(`No such subscription: '${id}'`);
    return s;
  };

  /** A successful card payment: payment intent + charge (events in Stripe's usual order). */
  function pay(amount, customer) {
    const pi = obj.paymentIntent({ amount, customer }, now());
    const ch = obj.charge({ amount, customer, paymentIntent: pi.id }, now());
    pi.latest_charge = ch.id;
    store.paymentIntents.set(pi.id, pi);
    store.charges.set(ch.id, ch);
    emit('payment_intent.succeeded', pi);
    emit('charge.succeeded', ch);
    return { pi, ch };
  }

  function chargeFor(ref) {
    const ch = store.charges.get(ref) ?? [...store.charges.values()].find((c) => c.payment_intent === ref);
    if (!ch) throw new ActionError(`No charge or payment intent '${ref}'`);
    return ch;
  }

  function invoiceFor(s, reason, amount, paid) {
    const inv = obj.invoice({ sub: s, amount, reason, paid, now: now() });
    store.invoices.set(inv.id, inv);
    s.latest_invoice = inv.id;
    return inv;
  }

  return {
    /** The customer pays on the hosted page. Declined cards change nothing. Returns the redirect. */
    completeCheckout(sessionId, { card = '4242424242424242' } = {}) {
      const session = store.sessions.get(sessionId);
      if (!session) throw new ActionError(`No such checkout session: '${sessionId}'`);
      if (session.status !== 'open') throw new ActionError('This Checkout Session is no longer active.');
      if (card.replaceAll(' ', '') === '4000000000000002') throw new ActionError('Your card was declined.');
      if (!session.customer) {
        const c = obj.customer({ email: session.customer_email }, now());
        store.customers.set(c.id, c);
        session.customer = c.id;
      }
      const items = store.sessionItems.get(sessionId);
      const extras = store.sessionExtras.get(sessionId);
      if (session.mode === 'payment') {
        const { pi } = pay(session.amount_total, session.customer);
        pi.metadata = extras.paymentMetadata;
        session.payment_intent = pi.id;
      } else {
        const price = store.prices.get(items.find((it) => store.prices.get(it.price).type === 'recurring').price);
        const s = obj.subscription({ customer: session.customer, price, metadata: extras.subscriptionMetadata }, now());
        store.subscriptions.set(s.id, s);
        const inv = invoiceFor(s, 'subscription_create', price.unit_amount, true);
        emit('customer.subscription.created', s);
        const { ch } = pay(inv.amount_paid, session.customer);
        store.invoiceCharges.set(inv.id, ch.id);
        emit('invoice.paid', inv);
        emit('invoice.payment_succeeded', inv);
        session.subscription = s.id;
        session.invoice = inv.id;
      }
      session.status = 'complete';
      session.payment_status = 'paid';
      emit('checkout.session.completed', session);
      return session.success_url ? session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : null;
    },

    /** The next period is billed: paid (renewal) or failed (`fail: true`, the subscription goes past_due). */
    renew(subscriptionId, { fail = false } = {}) {
      const s = sub(subscriptionId);
      if (s.status === 'canceled') throw new ActionError('This subscription is canceled.');
      const item = itemOf(s);
      const previous = { items: structuredClone(s.items) };
      item.current_period_start = item.current_period_end;
      item.current_period_end = item.current_period_start + obj.PERIOD_SECONDS;
      const inv = invoiceFor(s, 'subscription_cycle', item.price.unit_amount, !fail);
      if (fail) {
        previous.status = s.status;
        s.status = 'past_due';
        emit('invoice.payment_failed', inv);
      } else {
        const { ch } = pay(inv.amount_paid, s.customer);
        store.invoiceCharges.set(inv.id, ch.id);
        emit('invoice.paid', inv);
        emit('invoice.payment_succeeded', inv);
      }
      emit('customer.subscription.updated', s, previous);
      return inv;
    },

    /** Smart retries: the open invoice is paid after all (`succeed`) or Stripe gives up and cancels. */
    retryPayment(subscriptionId, { succeed }) {
      const s = sub(subscriptionId);
      const inv = store.invoices.get(s.latest_invoice);
      if (!inv || inv.status !== 'open') throw new ActionError('No open invoice to retry.');
      inv.attempt_count += 1;
      if (succeed) {
        inv.status = 'paid';
        inv.amount_paid = inv.amount_due;
        inv.amount_remaining = 0;
        inv.next_payment_attempt = null;
        const { ch } = pay(inv.amount_paid, s.customer);
        store.invoiceCharges.set(inv.id, ch.id);
        emit('invoice.paid', inv);
        const previous = { status: s.status };
        s.status = 'active';
        emit('customer.subscription.updated', s, previous);
      } else {
        inv.next_payment_attempt = null;
        emit('invoice.payment_failed', inv);
        s.status = 'canceled';
        s.ended_at = now();
        s.canceled_at = now();
        emit('customer.subscription.deleted', s);
      }
      return inv;
    },

    /** Portal: "Cancel plan" (at period end), or `resume` to undo it. */
    setCancelAtPeriodEnd(subscriptionId, cancel = true) {
      const s = sub(subscriptionId);
      const previous = { cancel_at_period_end: s.cancel_at_period_end, cancel_at: s.cancel_at, canceled_at: s.canceled_at };
      s.cancel_at_period_end = cancel;
      s.cancel_at = cancel ? itemOf(s).current_period_end : null;
      s.canceled_at = cancel ? now() : null;
      emit('customer.subscription.updated', s, previous);
      return s;
    },

    /** Portal: switch to another plan (applied at once, as the portal does by default; an upgrade is billed the difference). */
    switchPrice(subscriptionId, priceId) {
      const s = sub(subscriptionId);
      const price = store.prices.get(priceId);
      if (!price || price.type !== 'recurring') throw new ActionError(`No such recurring price: '${priceId}'`);
      const item = itemOf(s);
      const previous = { items: structuredClone(s.items) };
      const diff = price.unit_amount - item.price.unit_amount;
      item.price = price;
      emit('customer.subscription.updated', s, previous);
      if (diff > 0) {
        const inv = invoiceFor(s, 'subscription_update', diff, true);
        const { ch } = pay(diff, s.customer);
        store.invoiceCharges.set(inv.id, ch.id);
        emit('invoice.paid', inv);
      }
      return s;
    },

    /** Time reaches the end of the period: a subscription set to cancel ends; any other renews. */
    endPeriod(subscriptionId) {
      const s = sub(subscriptionId);
      if (!s.cancel_at_period_end) return this.renew(subscriptionId);
      const item = itemOf(s);
      item.current_period_end = Math.min(item.current_period_end, now());
      s.status = 'canceled';
      s.ended_at = now();
      emit('customer.subscription.deleted', s);
      return s;
    },

    /** A refund from the dashboard; `amount` defaults to what is left to refund. */
    refund(ref, amount) {
      const ch = chargeFor(ref);
      const left = ch.amount - ch.amount_refunded;
      const value = amount ?? left;
      if (value < 1 || value > left) throw new ActionError(`Refund amount must be between 1 and ${left}.`);
      const previous = { amount_refunded: ch.amount_refunded, refunded: ch.refunded };
      ch.amount_refunded += value;
      ch.refunded = ch.amount_refunded === ch.amount;
      emit('charge.refunded', ch, previous);
      return ch;
    },

    /** The card holder's bank opens a dispute for the whole charge. */
    dispute(ref, reason) {
      const ch = chargeFor(ref);
      const dp = obj.dispute({ ch, reason }, now());
      ch.disputed = true;
      store.disputes.set(dp.id, dp);
      emit('charge.dispute.created', dp);
      return dp;
    },
  };
}
