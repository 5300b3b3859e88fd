/**
 * Sign-ups per client address (account farming: each new account gets free videos and tokens).
 * One Durable Object per address (idFromName) keeps the times of its sign-ups in its SQLite, so
 * the count survives eviction, and `take` reads and writes without an await in between, so
 * parallel sign-ups count each other (10 at once from one address with a limit of 3: 3 pass).
 * Refusals are written to the audit log by the route. The address is Cloudflare's
 * `CF-Connecting-IP`, which a client cannot forge at the edge; a request without one (a local
 * `wrangler dev`, the test harness) is not limited — there is no address to count.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { migrateSql, type Migration } from '../db/migrate';

/** The numbered migrations of each address's object (append only). */
export const SIGNUP_LIMITER_MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'sign-up times', up: ['CREATE TABLE signups (at INTEGER NOT NULL)', 'CREATE INDEX signups_at ON signups(at)'] }];

export class SignupLimiter extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    migrateSql(ctx.storage, SIGNUP_LIMITER_MIGRATIONS);
  }

  /** Takes a sign-up slot, or says when the oldest one in the window frees up. */
  take(now: number, limit: number, windowMs: number): { ok: true; count: number } | { ok: false; count: number; retryAfter: number } {
    this.sql.exec('DELETE FROM signups WHERE at <= ?', now - windowMs);
    const rows = this.sql.exec<{ at: number }>('SELECT at FROM signups ORDER BY at').toArray();
    if (rows.length >= limit) return { ok: false, count: rows.length, retryAfter: Math.max(1, Math.ceil((rows[0]!.at + windowMs - now) / 1000)) };
    this.sql.exec('INSERT INTO signups (at) VALUES (?)', now);
    return { ok: true, count: rows.length + 1 };
  }
}
