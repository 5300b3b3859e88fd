import { ADMIN_JS as MAIN_JS } from './pageScript';
import { OPS_JS } from './opsScript';

const ADMIN_JS = MAIN_JS + OPS_JS;

/**
 * The admin page is static: it signs in with /v1/auth/login and then uses the same /admin API as
 * any other client, so the page cannot do anything the API does not allow. Script and styles are
 * separate files so a strict CSP (no inline script) holds.
 */
export const ADMIN_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function adminPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zapcut proxy admin</title>
<link rel="stylesheet" href="/admin/app.css">
<script type="module" src="/admin/app.js"></script>
</head>
<body>
<header><h1>Zapcut proxy admin</h1><span id="who"></span><button id="signout" hidden>Sign out</button></header>
<p id="status" role="status"></p>
<section id="login">
  <h2>Sign in</h2>
  <form id="login-form">
    <label>Email <input id="login-email" type="email" autocomplete="username" required></label>
    <label>Password <input id="login-password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
</section>
<main id="console" hidden>
  <section>
    <h2>Users</h2>
    <form id="search-form"><input id="search" placeholder="email or user id" aria-label="Search users"><button type="submit">Search</button></form>
    <table id="users"><thead><tr><th>Email</th><th>Tier</th><th>Status</th><th>Role</th><th></th></tr></thead><tbody></tbody></table>
  </section>
  <section id="detail" hidden>
    <h2>User <span id="d-email"></span></h2>
    <dl id="d-summary"></dl>
    <form id="credits-form"><label>Credit change (cents) <input id="credits-delta" type="number" step="1" required></label><label>Reason <input id="credits-reason" required minlength="3"></label><button type="submit">Apply credits</button></form>
    <form id="tier-form"><label>Tier <select id="tier"><option>free</option><option>starter</option><option>pro</option><option>agency</option></select></label><label>Reason <input id="tier-reason" required minlength="3"></label><button type="submit">Set tier</button></form>
    <form id="action-form"><label>Reason <input id="action-reason" required minlength="3"></label>
      <button type="button" id="quota-reset">Reset monthly quota</button>
      <button type="button" id="suspend">Suspend</button>
      <button type="button" id="reinstate">Reinstate</button></form>
    <h3>Reservations</h3>
    <table id="reservations"><thead><tr><th>Video</th><th>Status</th><th>Source</th><th>Length</th><th>Paid calls</th><th>Created</th><th></th></tr></thead><tbody></tbody></table>
    <h3>Ledger</h3>
    <table id="ledger"><thead><tr><th>When</th><th>Kind</th><th>Δ cents</th><th>Balance</th><th>Reason</th><th>Actor</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="ops" data-testid="ops">
    <h2>Operations</h2>
    <form id="ops-form"><label>Days <input id="ops-days" type="number" min="1" max="366" value="30"></label><button type="submit">Load operations</button></form>
    <dl id="ops-facts"></dl>
    <form id="cap-form"><label>Daily provider spend cap (cents, 0 = none) <input id="cap-cents" type="number" min="0" step="1" required></label><label>Reason <input id="cap-reason" minlength="3"></label><button type="submit">Set cap</button></form>
    <h3>Revenue by day and item</h3>
    <table id="ops-revenue"><thead><tr><th>Day</th><th>Item</th><th>Payments</th><th>Amount</th><th></th></tr></thead><tbody></tbody></table>
    <h3>Provider cost by day and model</h3>
    <table id="ops-costs"><thead><tr><th>Day</th><th>Model</th><th>Calls</th><th>Quantity</th><th>Cost</th><th></th></tr></thead><tbody></tbody></table>
    <h3>Videos: what each earned and cost</h3>
    <table id="ops-videos"><thead><tr><th>Created</th><th>User</th><th>Source</th><th>Length</th><th>State</th><th>Earned</th><th>Provider cost</th><th>Margin</th><th>Generation</th><th></th></tr></thead><tbody></tbody></table>
    <h3>Billing alerts</h3>
    <form id="alert-form"><label>Reason for resolving <input id="alert-reason" minlength="3"></label></form>
    <table id="ops-alerts"><thead><tr><th>When</th><th>User</th><th>Code</th><th>Message</th><th></th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Safety violations</h2>
    <button id="load-violations" type="button">Load</button>
    <table id="violations"><thead><tr><th>When</th><th>User</th><th>Category</th><th>Severity</th><th>Rule</th><th>Excerpt</th></tr></thead><tbody></tbody></table>
  </section>
</main>
</body>
</html>`;
}

export const ADMIN_CSS = `body{font:14px system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem;color:#111}
header{display:flex;gap:1rem;align-items:center}h1{font-size:1.3rem;flex:1}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
form{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin:.4rem 0}label{display:flex;flex-direction:column;font-size:.85rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#555}#status{min-height:1.2em;color:#0a5}#status.error{color:#b00}`;

export { ADMIN_JS };
