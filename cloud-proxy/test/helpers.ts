/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies and assert on them field by field */
import { inject } from 'vitest';
import { ADMIN } from './constants';
import { verificationToken } from '../fakes/resend.mjs';

export const proxyUrl = () => inject('proxyUrl');
/** A real 1×1 PNG as a data URI: a start frame the proxy's media check and the strict fakes accept. */
export const PNG_URI = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const fakeUrl = () => inject('fakeUrl');

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(path: string, opts: { method?: string; token?: string; body?: unknown; rawBody?: BodyInit; headers?: Record<string, string>; base?: string } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const method = opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined ? 'POST' : 'GET');
  // The local runtime (wrangler dev) can restart the Worker under heavy load and answers the
  // requests in flight with 503 "Your worker restarted mid-request"; it retries GET itself. A
  // request with an Idempotency-Key is safe to send again by the API's own contract (the app's
  // client does the same), so it is retried here; any other request keeps the 503.
  const retryable = 'idempotency-key' in headers;
  let res: Response;
  let text: string;
  for (let attempt = 0; ; attempt++) {
    res = await fetch(`${opts.base ?? proxyUrl()}${path}`, { method, headers, body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined) });
    text = await res.text();
    if (!(retryable && attempt < 2 && res.status === 503 && text.includes('restarted mid-request'))) break;
  }
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (HTML, SSE): keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

let seq = 0;

/** A distinct address from the benchmarking range 198.18.0.0/15 (never a real client). */
export function testClient(): string {
  const n = (process.pid * 7919 + ++clientSeq) % 65_536;
  return `198.${18 + (n >> 15)}.${(n >> 8) & 127}.${n & 255}`;
}
let clientSeq = 0;
export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export async function signup(base?: string, opts: { verify?: boolean } = {}): Promise<TestUser> {
  const email = `u${process.pid}-${Date.now()}-${++seq}@zapcut.test`;
  const password = 'correct-horse-battery';
  // Each test user signs up from its own client address (signups are limited per address).
  const r = await api('/v1/auth/signup', { body: { email, password }, base, headers: { 'cf-connecting-ip': testClient() } });
  if (r.status !== 201) throw new Error(`signup: ${r.status} ${JSON.stringify(r.body)}`);
  const user = { id: r.body.user.id, email, password, accessToken: r.body.accessToken, refreshToken: r.body.refreshToken };
  if (opts.verify !== false) await verifyEmail(email, base);
  return user;
}

/** The newest verification link's token in the fake email provider's mailbox for `email`. */
export async function mailedToken(email: string): Promise<string | null> {
  const box = (await (await fetch(`${inject('emailEnv').RESEND_BASE_URL}/__mailbox?to=${encodeURIComponent(email)}`)).json()) as { messages: { text: string | null; html: string | null }[] };
  return verificationToken(box.messages);
}

/** Opens the emailed link the way the app does (POST /v1/auth/verify), as a user would before spending a free video. */
export async function verifyEmail(email: string, base?: string): Promise<void> {
  const token = await mailedToken(email);
  if (!token) throw new Error(`no verification email for ${email}`);
  const v = await api('/v1/auth/verify', { body: { token }, base });
  if (v.status !== 200) throw new Error(`verify: ${v.status} ${JSON.stringify(v.body)}`);
}

let adminToken: Promise<string> | undefined;
export function admin(): Promise<string> {
  adminToken ??= api('/v1/auth/login', { body: ADMIN }).then((r) => {
    if (r.status !== 200 || r.body.user.role !== 'admin') throw new Error(`admin login: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.accessToken as string;
  });
  return adminToken;
}

export async function grantCredits(userId: string, cents: number): Promise<void> {
  const r = await api(`/admin/users/${userId}/credits`, { token: await admin(), body: { delta: cents, reason: 'test grant' } });
  if (r.status !== 200) throw new Error(`grant: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function setTier(userId: string, tier: string): Promise<void> {
  const r = await api(`/admin/users/${userId}/tier`, { method: 'PUT', token: await admin(), body: { tier, reason: 'test tier' } });
  if (r.status !== 200) throw new Error(`tier: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function reserve(token: string, lengthSeconds: number, key: string = crypto.randomUUID(), extra: Record<string, unknown> = {}) {
  return api('/v1/videos', { token, body: { lengthSeconds, ...extra }, headers: { 'idempotency-key': key } });
}

/** Polls until `check` passes (for effects that land after the response, e.g. stream metering). */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
