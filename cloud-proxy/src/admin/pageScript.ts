/** The admin page's script (served as /admin/app.js). Uses textContent only, never innerHTML. */
export const ADMIN_JS = String.raw`
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('zapcut-admin-token');
let current = null;

function status(msg, isError = false) { const s = $('status'); s.textContent = msg; s.className = isError ? 'error' : ''; }

async function api(method, path, body) {
  const res = await fetch(path, { method, headers: { authorization: 'Bearer ' + token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error((data && data.error && (data.error.code + ': ' + data.error.message)) || ('HTTP ' + res.status));
  return data;
}

function row(tbody, cells, button) {
  const tr = document.createElement('tr');
  for (const c of cells) { const td = document.createElement('td'); td.textContent = c == null ? '' : String(c); tr.append(td); }
  const td = document.createElement('td');
  if (button) { const b = document.createElement('button'); b.type = 'button'; b.textContent = button.label; b.dataset.testid = button.testid || ''; b.addEventListener('click', button.onClick); td.append(b); }
  tr.append(td);
  tbody.append(tr);
  return tr;
}

function showConsole(on) { $('login').hidden = on; $('console').hidden = !on; $('signout').hidden = !on; }

async function search() {
  const q = $('search').value;
  const { users } = await api('GET', '/admin/users?query=' + encodeURIComponent(q));
  const tbody = $('users').tBodies[0]; tbody.replaceChildren();
  for (const u of users) row(tbody, [u.email, u.tier, u.status, u.role], { label: 'Open', onClick: () => open(u.id).catch((e) => status(e.message, true)) });
  status(users.length + ' user(s)');
}

async function open(id) {
  const d = await api('GET', '/admin/users/' + encodeURIComponent(id));
  current = d.user.id;
  $('detail').hidden = false; $('d-email').textContent = d.user.email;
  const s = d.summary; const dl = $('d-summary'); dl.replaceChildren();
  const facts = { Tier: s.tier, 'Credits (cents)': s.creditsCents, 'Free videos used': s.freeVideosUsed, 'Month videos used': s.monthVideosUsed + ' (' + s.monthVideosLeft + ' left)', 'LLM tokens used': s.llmTokensUsed, Suspended: s.suspended ? 'yes — ' + (s.suspendedReason || '') : 'no' };
  const b = s.billing;
  if (b) {
    facts['Subscription'] = b.subscription ? b.subscription.tier + ' (' + b.subscription.status + (b.subscription.cancelAtPeriodEnd ? ', cancels at period end' : '') + ')' : 'none';
    if (b.pendingTier) facts['Pending'] = b.pendingTier + ' from ' + (b.pendingAt || '').slice(0, 10);
    if (b.graceUntil) facts['Payment failed; grace until'] = b.graceUntil.slice(0, 10);
    facts['Credits owed (cents)'] = b.debtCents;
    facts['Billing flag'] = b.flag || 'none';
  }
  for (const [k, v] of Object.entries(facts)) { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = String(v); dd.dataset.fact = k; dl.append(dt, dd); }
  $('tier').value = s.tier;
  const rb = $('reservations').tBodies[0]; rb.replaceChildren();
  for (const r of d.reservations) {
    const canRefund = r.status === 'reserved' || r.status === 'committed';
    row(rb, [r.videoId, r.status, r.source, r.lengthSeconds + ' s', r.paidCallsUsed + '/' + r.paidCallsCap, r.createdAt], canRefund ? { label: 'Refund', testid: 'refund-' + r.videoId, onClick: () => refund(r.videoId) } : null);
  }
  const lb = $('ledger').tBodies[0]; lb.replaceChildren();
  for (const l of d.ledger) row(lb, [l.at, l.kind, l.deltaCents, l.balanceAfterCents, l.reason, l.actor]);
}

function reason(id) { const v = $(id).value.trim(); if (v.length < 3) throw new Error('Give a reason of at least 3 characters.'); return v; }

async function act(fn, done) { try { await fn(); await open(current); status(done); } catch (e) { status(e.message, true); } }

async function refund(videoId) { await act(() => api('POST', '/admin/reservations/' + encodeURIComponent(videoId) + '/refund', { reason: reason('action-reason') }), 'Refunded ' + videoId); }

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const res = await fetch('/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: $('login-email').value, password: $('login-password').value }) });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error.message);
    if (data.user.role !== 'admin') throw new Error('This account is not an admin.');
    token = data.accessToken; sessionStorage.setItem('zapcut-admin-token', token);
    $('who').textContent = data.user.email; showConsole(true); await search();
  } catch (e) { status(e.message, true); }
});
$('signout').addEventListener('click', () => { sessionStorage.removeItem('zapcut-admin-token'); token = null; showConsole(false); });
$('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); search().catch((e) => status(e.message, true)); });
$('credits-form').addEventListener('submit', (ev) => { ev.preventDefault(); act(() => api('POST', '/admin/users/' + current + '/credits', { delta: Number($('credits-delta').value), reason: reason('credits-reason') }), 'Credits updated'); });
$('tier-form').addEventListener('submit', (ev) => { ev.preventDefault(); act(() => api('PUT', '/admin/users/' + current + '/tier', { tier: $('tier').value, reason: reason('tier-reason') }), 'Tier updated'); });
$('quota-reset').addEventListener('click', () => act(() => api('POST', '/admin/users/' + current + '/quota-reset', { reason: reason('action-reason') }), 'Quota reset'));
$('suspend').addEventListener('click', () => act(() => api('POST', '/admin/users/' + current + '/suspend', { reason: reason('action-reason') }), 'Suspended'));
$('reinstate').addEventListener('click', () => act(() => api('POST', '/admin/users/' + current + '/reinstate', { reason: reason('action-reason') }), 'Reinstated'));
$('load-violations').addEventListener('click', async () => {
  try {
    const { violations } = await api('GET', '/admin/violations');
    const tb = $('violations').tBodies[0]; tb.replaceChildren();
    for (const v of violations) row(tb, [v.at, v.email || v.userId, v.category, v.severity, v.ruleId, v.excerpt]);
    status(violations.length + ' violation(s)');
  } catch (e) { status(e.message, true); }
});
if (token) { api('GET', '/v1/me').then((me) => { $('who').textContent = me.email; showConsole(true); return search(); }).catch(() => showConsole(false)); }
`;
