/**
 * The ledger's side of email verification: the account's verified flag and its verification
 * tokens (only their SHA-256 is stored), in the user's Durable Object so a token is used once even
 * when two clicks race. Verifying is a ledger line (`email-verified`); a second use of a used token
 * on a verified account answers "already verified" and writes nothing. Links per day are limited.
 */
import { AccountError, type AccountResult } from './types';

/** What the Durable Object lends this module: its SQLite and its ledger writer. */
export interface EmailLedgerPort {
  sql: SqlStorage;
  ledger(kind: string, reason: string, actor: string): void;
}

type TokenRow = { hash: string; created_at: number; expires_at: number; used_at: number | null };

const DAY_MS = 24 * 3600_000;

export class AccountEmail {
  constructor(private readonly port: EmailLedgerPort) {}

  verified(): boolean {
    return this.port.sql.exec<{ v: number | null }>('SELECT email_verified_at AS v FROM account WHERE id = 1').one().v !== null;
  }

  /**
   * Records a new link's token (its hash) unless the account is verified or has had `perDay` links
   * in the last 24 hours (429 with when to retry).
   */
  issue(hash: string, ttlMs: number, perDay: number, now = Date.now()): AccountResult<{ expiresAt: number }> {
    if (this.verified()) return { ok: false, error: new AccountError(409, 'EMAIL_ALREADY_VERIFIED', 'This email is already verified; the free videos are unlocked.').toJSON() };
    const recent = this.port.sql.exec<{ n: number; first: number | null }>('SELECT COUNT(*) AS n, MIN(created_at) AS first FROM email_tokens WHERE created_at > ?', now - DAY_MS).one();
    if (recent.n >= perDay) {
      const retryAfter = Math.max(1, Math.ceil(((recent.first ?? now) + DAY_MS - now) / 1000));
      return { ok: false, error: new AccountError(429, 'EMAIL_SEND_LIMITED', `${perDay} verification emails were sent in the last 24 hours; open the newest one, or ask again in ${Math.ceil(retryAfter / 3600)} h.`, { retryAfter }).toJSON() };
    }
    this.port.sql.exec('INSERT INTO email_tokens (hash, created_at, expires_at) VALUES (?, ?, ?)', hash, now, now + ttlMs);
    return { ok: true, value: { expiresAt: now + ttlMs } };
  }

  /** Uses a token: once, before it expires. Check and write run without an await. */
  verify(hash: string, actor: string, now = Date.now()): AccountResult<{ alreadyVerified: boolean }> {
    const t = this.port.sql.exec<TokenRow>('SELECT * FROM email_tokens WHERE hash = ?', hash).toArray()[0];
    if (!t) return { ok: false, error: new AccountError(400, 'VERIFY_TOKEN_INVALID', 'This verification link is not valid; ask for a new one from the app (Account → Resend).').toJSON() };
    if (t.used_at !== null) {
      if (this.verified()) return { ok: true, value: { alreadyVerified: true } };
      return { ok: false, error: new AccountError(400, 'VERIFY_TOKEN_INVALID', 'This verification link was already used; ask for a new one from the app (Account → Resend).').toJSON() };
    }
    if (t.expires_at <= now) return { ok: false, error: new AccountError(410, 'VERIFY_TOKEN_EXPIRED', 'This verification link has expired; ask for a new one from the app (Account → Resend).').toJSON() };
    this.port.sql.exec('UPDATE email_tokens SET used_at = ? WHERE hash = ?', now, hash);
    if (this.verified()) return { ok: true, value: { alreadyVerified: true } };
    this.port.sql.exec('UPDATE account SET email_verified_at = ? WHERE id = 1', now);
    this.port.ledger('email-verified', 'verification link opened', actor);
    return { ok: true, value: { alreadyVerified: false } };
  }
}
