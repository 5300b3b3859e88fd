/**
 * The admin page's Operations section (served within /admin/app.js after the main script, whose
 * `$`, `api`, `row` and `status` it uses): revenue, provider cost, per-video margin, outcomes,
 * the daily spend cap and billing alerts. textContent only, never innerHTML.
 */
export const OPS_JS = String.raw`
const dollars = (cents) => (cents < 0 ? '−$' : '$') + (Math.abs(cents) / 100).toFixed(2);
const micros = (m) => (m < 0 ? '−$' : '$') + (Math.abs(m) / 1e6).toFixed(3);
const secs = (s) => (s == null ? '—' : s >= 90 ? Math.round(s / 60) + ' min' : s + ' s');

function facts(dl, pairs) {
  dl.replaceChildren();
  for (const [k, v] of pairs) { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = v; dd.dataset.fact = k; dl.append(dt, dd); }
}

async function loadOps() {
  const days = Number($('ops-days').value) || 30;
  const s = await api('GET', '/admin/ops/summary?days=' + days);
  const o = s.outcomes;
  const margin = s.revenue.totalCents * 10000 - s.costs.totalMicros;
  facts($('ops-facts'), [
    ['Period', s.from + ' → ' + s.to],
    ['Revenue', dollars(s.revenue.totalCents)],
    ['Provider cost', micros(s.costs.totalMicros) + (s.costs.unpriced.length ? ' (no price for ' + s.costs.unpriced.join(', ') + ')' : '')],
    ['Gross margin', micros(margin)],
    ['Success rate', o.successRate == null ? '—' : Math.round(o.successRate * 100) + ' % (' + o.committed + ' made, ' + o.refunded + ' refunded, ' + o.expired + ' expired, ' + o.reserved + ' running)'],
    ['Average generation time', secs(o.averageGenerationSeconds)],
    ['Failed-generation refunds', o.failedRefunds.count + ' videos, ' + dollars(o.failedRefunds.creditCents) + ' of credit given back, ' + micros(o.failedRefunds.costMicros) + ' provider cost lost'],
    ['Provider spend today', micros(s.spend.todayMicros) + ' of ' + (s.spend.capCents > 0 ? dollars(s.spend.capCents) + (s.spend.capReached ? ' — CAP REACHED: new videos are refused' : '') : 'no cap')],
  ]);
  $('cap-cents').value = String(s.spend.capCents);
  const rb = $('ops-revenue').tBodies[0]; rb.replaceChildren();
  for (const r of s.revenue.byDay) row(rb, [r.day, r.item, r.count, dollars(r.cents)]);
  const cb = $('ops-costs').tBodies[0]; cb.replaceChildren();
  for (const r of s.costs.byDay) row(cb, [r.day, r.model, r.calls, (Math.round(r.quantity * 100) / 100) + ' ' + r.unit, micros(r.micros)]);
  const vb = $('ops-videos').tBodies[0]; vb.replaceChildren();
  for (const v of s.videos) {
    const tr = row(vb, [v.createdAt.slice(0, 16).replace('T', ' '), v.email || v.userId, v.source, v.lengthSeconds + ' s', v.state, dollars(v.valueCents), micros(v.costMicros), micros(v.marginMicros), secs(v.generationSeconds)]);
    tr.dataset.testid = 'video-' + v.videoId;
  }
  await loadAlerts();
  status('Operations for the last ' + days + ' day(s)');
}

async function loadAlerts() {
  const { alerts } = await api('GET', '/admin/billing/alerts?open=1');
  const ab = $('ops-alerts').tBodies[0]; ab.replaceChildren();
  for (const a of alerts) row(ab, [a.at.slice(0, 16).replace('T', ' '), a.email || a.userId || '—', a.code, a.message], { label: 'Resolve', testid: 'resolve-' + a.id, onClick: () => resolveAlert(a.id) });
}

async function resolveAlert(id) {
  try {
    const reason = $('alert-reason').value.trim();
    if (reason.length < 3) throw new Error('Give a reason of at least 3 characters.');
    await api('POST', '/admin/billing/alerts/' + id + '/resolve', { reason });
    await loadAlerts();
    status('Alert resolved');
  } catch (e) { status(e.message, true); }
}

$('ops-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadOps().catch((e) => status(e.message, true)); });
$('cap-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const reason = $('cap-reason').value.trim();
    if (reason.length < 3) throw new Error('Give a reason of at least 3 characters.');
    await api('PUT', '/admin/ops/spend-cap', { capCents: Number($('cap-cents').value), reason });
    await loadOps();
    status('Spend cap set');
  } catch (e) { status(e.message, true); }
});
`;
