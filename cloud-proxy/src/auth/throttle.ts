/**
 * The sign-in throttle. Each try takes a slot in D1 *before* the password is checked, in one
 * conditional INSERT, so parallel tries count each other (40 at once from one client: 5 are
 * checked). Within a 15-minute window:
 *  - one client may fail 5 times for one email, and 20 times across emails (credential stuffing);
 *  - once an email has 10 failures from anyone, only a client that has not failed for it may try —
 *    the owner on their own device still signs in while someone else guesses;
 *  - past 30 tries for an email from all clients together, nobody may try until the window moves
 *    (bounds a botnet to 30 guesses per account per 15 minutes; the owner waits too).
 * A correct password removes its slot and the client's failures for that email.
 */
import type { Env } from '../env';
import { ProxyError } from '../http/errors';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = { perClientAndEmail: 5, perClient: 20, emailBusy: 10, perEmail: 30 } as const;

/** The caller's address as Cloudflare reports it (set at the edge; a client cannot forge it there). */
export function clientAddress(headers: Headers): string {
  return headers.get('cf-connecting-ip')?.trim().toLowerCase().slice(0, 64) || 'unknown';
}

export interface LoginSlot {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

export async function takeLoginSlot(env: Env, email: string, client: string, now = Date.now()): Promise<LoginSlot> {
  const since = now - LOGIN_WINDOW_MS;
  const id = crypto.randomUUID();
  const L = LOGIN_LIMITS;
  const res = await env.DB.prepare(
    `INSERT INTO login_attempts (id, email, client, at, state)
     SELECT ?1, ?2, ?3, ?4, 'pending' WHERE
       (SELECT COUNT(*) FROM login_attempts WHERE email = ?2 AND client = ?3 AND at > ?5) < ${L.perClientAndEmail}
       AND (SELECT COUNT(*) FROM login_attempts WHERE client = ?3 AND at > ?5) < ${L.perClient}
       AND (SELECT COUNT(*) FROM login_attempts WHERE email = ?2 AND at > ?5) < ${L.perEmail}
       AND ((SELECT COUNT(*) FROM login_attempts WHERE email = ?2 AND at > ?5) < ${L.emailBusy}
            OR NOT EXISTS (SELECT 1 FROM login_attempts WHERE email = ?2 AND client = ?3 AND at > ?5))`,
  )
    .bind(id, email, client, now, since)
    .run();
  if (res.meta.changes !== 1) {
    // The window frees up 15 minutes after the oldest try that counts against this email or client.
    const oldest = await env.DB.prepare('SELECT MIN(at) AS at FROM login_attempts WHERE (email = ?1 OR client = ?2) AND at > ?3').bind(email, client, since).first<{ at: number | null }>();
    const retryAfter = Math.max(1, Math.ceil(((oldest?.at ?? now) + LOGIN_WINDOW_MS - now) / 1000));
    throw new ProxyError(429, 'RATE_LIMITED', `Too many sign-in attempts; try again in ${Math.ceil(retryAfter / 60)} min, or reset the password.`, undefined, { 'Retry-After': String(retryAfter) });
  }
  return {
    succeeded: async () => {
      await env.DB.batch([
        env.DB.prepare('DELETE FROM login_attempts WHERE id = ? OR (email = ? AND client = ?)').bind(id, email, client),
        env.DB.prepare('DELETE FROM login_attempts WHERE at <= ?').bind(since),
      ]);
    },
    failed: async () => {
      await env.DB.prepare("UPDATE login_attempts SET state = 'failed' WHERE id = ?").bind(id).run();
    },
  };
}
