// The fake's hosted pages: Checkout (pay or cancel), the customer portal (cancel, resume, switch
// plan, back to Zapcut) and a small dashboard for `npm run dev:stack` that drives what happens at
// Stripe (renewal, failed payment, refund, dispute, end of period). Plain HTML forms: a browser, a
// Playwright test or `fetch` can use them alike.

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
export const money = (cents) => `$${(cents / 100).toFixed(2)}`;
const day = (sec) => new Date(sec * 1000).toISOString().slice(0, 10);

const layout = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:640px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}h1{font-size:1.3rem}
.box{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}button{font:inherit;padding:.4rem .9rem;margin:.2rem .3rem .2rem 0}
.err{color:#b00}.muted{color:#666}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3rem;text-align:left}</style></head>
<body><p class="muted">Fake Stripe (test mode, no real money)</p>${body}</body></html>`;

export function checkoutPage(store, session, error) {
  const items = store.sessionItems.get(session.id) ?? [];
  const rows = items.map((it) => {
    const p = store.prices.get(it.price);
    return `<tr><td>${esc(p.nickname ?? p.id)}</td><td>${it.quantity}</td><td>${money(p.unit_amount * it.quantity)}${p.recurring ? ' / month' : ''}</td></tr>`;
  });
  const closed = session.status !== 'open';
  const verb = session.mode === 'subscription' ? 'Subscribe' : 'Pay';
  return layout(`${verb} — Zapcut`, `<h1>${verb} ${money(session.amount_total)}</h1>
<div class="box"><table><tr><th>Item</th><th>Qty</th><th>Price</th></tr>${rows.join('')}</table></div>
${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
${closed ? `<p>This checkout is ${esc(session.status)}.</p>` : `<form method="post" action="/c/pay/${esc(session.id)}">
<label>Card number <input name="card" value="4242 4242 4242 4242" autocomplete="off"></label>
<button type="submit">${verb}</button></form>
<p><a href="/c/cancel/${esc(session.id)}">Cancel and go back</a></p>`}`);
}

export function portalPage(store, portal) {
  const subs = [...store.subscriptions.values()].filter((s) => s.customer === portal.customer && s.status !== 'canceled');
  const plans = [...store.prices.values()].filter((p) => p.type === 'recurring');
  const body = subs.map((s) => {
    const item = s.items.data[0];
    const others = plans.filter((p) => p.id !== item.price.id);
    return `<div class="box" data-subscription="${esc(s.id)}"><h2>${esc(item.price.nickname ?? item.price.id)} — ${money(item.price.unit_amount)} / month</h2>
<p>Status: ${esc(s.status)}. ${s.cancel_at_period_end ? `Cancels on ${day(item.current_period_end)}.` : `Renews on ${day(item.current_period_end)}.`}</p>
<form method="post" action="/p/session/${esc(portal.id)}/${s.cancel_at_period_end ? 'resume' : 'cancel'}"><input type="hidden" name="subscription" value="${esc(s.id)}">
<button type="submit">${s.cancel_at_period_end ? 'Renew plan' : 'Cancel plan'}</button></form>
${others.map((p) => `<form method="post" action="/p/session/${esc(portal.id)}/switch"><input type="hidden" name="subscription" value="${esc(s.id)}"><input type="hidden" name="price" value="${esc(p.id)}"><button type="submit">Switch to ${esc(p.nickname ?? p.id)} (${money(p.unit_amount)} / month)</button></form>`).join('')}</div>`;
  });
  const back = portal.return_url ? `<p><a href="${esc(portal.return_url)}">Return to Zapcut</a></p>` : '';
  return layout('Manage billing — Zapcut', `<h1>Manage billing</h1>${body.join('') || '<p>No active plan.</p>'}${back}`);
}

export function dashboardPage(store) {
  const subs = [...store.subscriptions.values()].map((s) => {
    const item = s.items.data[0];
    const act = (action, label) => `<form method="post" action="/__dashboard/${action}" style="display:inline"><input type="hidden" name="ref" value="${esc(s.id)}"><button>${label}</button></form>`;
    return `<tr><td>${esc(s.id)}</td><td>${esc(s.customer)}</td><td>${esc(item.price.nickname)}</td><td>${esc(s.status)}${s.cancel_at_period_end ? ' (cancels at period end)' : ''}</td>
<td>${s.status === 'canceled' ? '' : act('renew', 'Renew') + act('fail', 'Fail payment') + act('end-period', 'End period')}${s.status === 'past_due' ? act('retry-ok', 'Retry succeeds') + act('retry-fail', 'Retries exhausted') : ''}</td></tr>`;
  });
  const charges = [...store.charges.values()].map((c) => {
    const act = (action, label) => `<form method="post" action="/__dashboard/${action}" style="display:inline"><input type="hidden" name="ref" value="${esc(c.id)}"><button>${label}</button></form>`;
    return `<tr><td>${esc(c.id)}</td><td>${esc(c.customer)}</td><td>${money(c.amount)}</td><td>${money(c.amount_refunded)}</td><td>${c.refunded ? '' : act('refund', 'Refund')}${c.disputed ? 'disputed' : act('dispute', 'Dispute')}</td></tr>`;
  });
  const events = store.deliveries.slice(-30).reverse().map((d) => `<tr><td>${esc(d.type)}</td><td>${esc(d.eventId)}</td><td>${esc(d.status)}</td></tr>`);
  return layout('Fake Stripe dashboard', `<h1>Fake Stripe dashboard</h1>
<h2>Subscriptions</h2><table><tr><th>Id</th><th>Customer</th><th>Plan</th><th>Status</th><th></th></tr>${subs.join('')}</table>
<h2>Charges</h2><table><tr><th>Id</th><th>Customer</th><th>Amount</th><th>Refunded</th><th></th></tr>${charges.join('')}</table>
<h2>Webhook deliveries (latest 30)</h2><table><tr><th>Type</th><th>Event</th><th>HTTP</th></tr>${events.join('')}</table>`);
}
