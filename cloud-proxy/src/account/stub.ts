import type { Env } from '../env';
import { ProxyError } from '../http/errors';
import type { AccountResult } from './types';

export function accountOf(env: Env, userId: string) {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(userId));
}

/** Turns an account refusal (plain data from RPC) into the HTTP error it stands for. */
export function unwrap<T>(r: AccountResult<T>): T {
  if (r.ok) return r.value;
  const headers: Record<string, string> = r.error.retryAfter !== undefined ? { 'Retry-After': String(r.error.retryAfter) } : {};
  throw new ProxyError(r.error.status, r.error.code, r.error.message, undefined, headers);
}
