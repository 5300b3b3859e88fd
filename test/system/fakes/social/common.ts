/**
 * Shared plumbing for the fake social networks (X and LinkedIn): body reading, form and JSON
 * parsing, the consent page both authorize endpoints show, PKCE verification and token bookkeeping.
 * The network modules (x.ts, linkedin.ts) hold each network's own rules, status codes and bodies.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeReq {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  raw: IncomingMessage;
  res: ServerResponse;
}

export const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined || body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Fake network</title><body style="font-family:sans-serif;max-width:560px;margin:40px auto">${body}</body>`);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

export function form(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

export function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Parses a multipart/form-data body with the platform's own parser (undici's Request.formData). */
export async function multipart(r: FakeReq): Promise<FormData | undefined> {
  try {
    return await new Request('http://fake/', { method: 'POST', headers: { 'content-type': String(r.headers['content-type'] ?? '') }, body: r.body }).formData();
  } catch {
    return undefined;
  }
}

export const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** RFC 7636 §4.6: S256 → BASE64URL(SHA256(verifier)) must equal the challenge; plain → equal. */
export function pkceMatches(challenge: string, method: string, verifier: string | null): boolean {
  if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  return method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') === challenge : challenge === verifier;
}

export interface PendingAuth {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  challenge: string | null;
  method: string;
}

export interface IssuedCode extends PendingAuth {
  expiresAt: number;
  used: boolean;
}

export interface Grant {
  userId: string;
  scopes: string[];
  clientId: string;
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: number;
  revoked: boolean;
}

/** The consent page: who is signed in, what the app asks for, Allow / Cancel (plain form posts). */
export function consentPage(opts: { network: string; account: string; app: string; scopes: string[]; action: string; txn: string }): string {
  const scopes = opts.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  return `<h1>${escapeHtml(opts.network)} (fake)</h1>
<p>Signed in as <b>${escapeHtml(opts.account)}</b>.</p>
<p><b>${escapeHtml(opts.app)}</b> wants to:</p><ul>${scopes}</ul>
<form method="post" action="${escapeHtml(opts.action)}">
<input type="hidden" name="txn" value="${escapeHtml(opts.txn)}">
<button name="decision" value="allow" id="allow">Authorize app</button>
<button name="decision" value="deny" id="deny">Cancel</button>
</form>`;
}

/** `Authorization: Bearer …` → the live grant, or why not. */
export function bearerGrant(headers: IncomingMessage['headers'], grants: Map<string, Grant>): Grant | 'missing' | 'invalid' | 'expired' | 'revoked' {
  const m = /^Bearer (.+)$/i.exec(String(headers.authorization ?? ''));
  if (!m) return 'missing';
  const g = grants.get(m[1]!);
  if (!g) return 'invalid';
  if (g.revoked) return 'revoked';
  if (Date.now() > g.accessExpiresAt) return 'expired';
  return g;
}
