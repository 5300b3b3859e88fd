#!/usr/bin/env node
// `npm run proxy:check -- --url https://your-proxy.example [--create-destination]`
// Asks a deployed proxy's deploy check (GET/POST /admin/providers/check): does every model the
// catalog names exist at its provider, with the operator's keys — each official Replicate model,
// each pinned version, the LoRA trainer and destination, the text models, the Suno gateway's
// credit. Prints one line per item and exits 1 when anything would fail for users.
// Admin sign-in: ZAPCUT_ADMIN_TOKEN (an admin access token), or --email with ZAPCUT_ADMIN_PASSWORD.
import { parseArgs } from 'node:util';

const ICON = { ok: 'ok     ', created: 'CREATED', warning: 'warn   ', skipped: 'skip   ', missing: 'MISSING', error: 'ERROR  ' };

/** Runs the check against `url`; returns the report, the printed text and whether all is well. */
export async function runCheck({ url, token, email, password, createDestination = false }) {
  const base = url.replace(/\/+$/, '');
  let access = token;
  if (!access) {
    if (!email || !password) throw new Error('Give ZAPCUT_ADMIN_TOKEN, or --email with ZAPCUT_ADMIN_PASSWORD, of an admin of this proxy.');
    const r = await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const b = await r.json().catch(() => ({}));
    if (r.status !== 200) throw new Error(`Sign-in failed (HTTP ${r.status}): ${b?.error?.message ?? 'no message'}`);
    if (b.user?.role !== 'admin') throw new Error(`${email} is not an admin of this proxy.`);
    access = b.accessToken;
  }
  const res = await fetch(`${base}/admin/providers/check`, {
    method: createDestination ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${access}`, ...(createDestination ? { 'content-type': 'application/json' } : {}) },
    body: createDestination ? JSON.stringify({ createDestination: true }) : undefined,
  });
  const report = await res.json().catch(() => null);
  if (res.status !== 200 || !report?.items) throw new Error(`The deploy check answered HTTP ${res.status}: ${report?.error?.message ?? 'no report'}`);
  const width = Math.max(...report.items.map((i) => i.name.length));
  const lines = report.items.map((i) => `${ICON[i.status] ?? i.status}  ${i.provider.padEnd(9)} ${i.what.padEnd(20)} ${i.name.padEnd(width)}  ${i.detail}`);
  lines.push('', report.ok ? `All ${report.items.length} checks pass: nothing a user would meet is missing.` : `${report.items.filter((i) => i.status === 'missing' || i.status === 'error').length} problem(s): fix them before users meet them.`);
  return { ok: report.ok, report, text: lines.join('\n') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, email: { type: 'string' }, 'create-destination': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help || !values.url) {
    console.log('Usage: npm run proxy:check -- --url https://your-proxy.example [--email admin@example.com] [--create-destination]\n  ZAPCUT_ADMIN_TOKEN or ZAPCUT_ADMIN_PASSWORD in the environment.');
    process.exit(values.help ? 0 : 2);
  }
  try {
    const r = await runCheck({ url: values.url, token: process.env.ZAPCUT_ADMIN_TOKEN, email: values.email, password: process.env.ZAPCUT_ADMIN_PASSWORD, createDestination: Boolean(values['create-destination']) });
    console.log(r.text);
    process.exit(r.ok ? 0 : 1);
  } catch (e) {
    console.error(`proxy:check: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
}
