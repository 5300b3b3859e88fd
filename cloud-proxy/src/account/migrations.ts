/**
 * The numbered migrations of each user's Durable Object SQLite (one database per user; see
 * ../db/migrate.ts). Append only; each has a test in test/migrations.test.ts.
 */
import type { Migration, SqlAdoption } from '../db/migrate';

export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'baseline: account, reservations, ledger, predictions',
    up: [
      `CREATE TABLE account (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        user_id TEXT NOT NULL,
        tier TEXT NOT NULL DEFAULT 'free',
        credits_cents INTEGER NOT NULL DEFAULT 0,
        free_used INTEGER NOT NULL DEFAULT 0,
        month TEXT NOT NULL,
        month_used INTEGER NOT NULL DEFAULT 0,
        llm_month TEXT NOT NULL,
        llm_tokens INTEGER NOT NULL DEFAULT 0,
        suspended INTEGER NOT NULL DEFAULT 0,
        suspended_reason TEXT
      )`,
      `CREATE TABLE reservations (
        id TEXT PRIMARY KEY,
        idem_key TEXT NOT NULL UNIQUE,
        body_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('reserved','committed','refunded','expired')),
        source TEXT NOT NULL CHECK (source IN ('free','plan','credits')),
        cost_cents INTEGER NOT NULL,
        length_s INTEGER NOT NULL,
        resolution TEXT NOT NULL,
        aspect TEXT NOT NULL,
        month TEXT NOT NULL,
        paid_calls_used INTEGER NOT NULL DEFAULT 0,
        paid_calls_cap INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        settled_at INTEGER
      )`,
      `CREATE INDEX reservations_open ON reservations(state, expires_at)`,
      `CREATE TABLE ledger (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        delta_cents INTEGER NOT NULL,
        balance_after INTEGER NOT NULL,
        reservation_id TEXT,
        reason TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL
      )`,
      `CREATE TABLE predictions (
        id TEXT PRIMARY KEY,
        video_id TEXT,
        kind TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'seconds of video and music per reservation; seconds and outcome per prediction',
    up: [
      'ALTER TABLE reservations ADD COLUMN video_seconds_used INTEGER NOT NULL DEFAULT 0',
      // Raised to 2·L + 2·(longest clip) of each video model the reservation uses (plans.ts).
      'ALTER TABLE reservations ADD COLUMN video_seconds_cap INTEGER',
      'ALTER TABLE reservations ADD COLUMN music_seconds_used INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE predictions ADD COLUMN seconds INTEGER NOT NULL DEFAULT 0',
      // NULL while running; 'delivered' once its output left the proxy; 'failed' once it gave its seconds back.
      "ALTER TABLE predictions ADD COLUMN outcome TEXT CHECK (outcome IN ('delivered','failed'))",
    ],
  },
  {
    version: 3,
    name: 'billing: subscription state, applied Stripe events, credit purchases, refunded/disputed charges, paid invoices',
    up: [
      `CREATE TABLE billing (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        subscription_id TEXT,
        sub_status TEXT,
        sub_tier TEXT,
        sub_event_at INTEGER NOT NULL DEFAULT 0,
        cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
        period_end INTEGER,
        paid_through INTEGER,
        pending_tier TEXT,
        allowance_period TEXT,
        allowance_until INTEGER,
        grace_until INTEGER,
        notice_json TEXT,
        debt_cents INTEGER NOT NULL DEFAULT 0 CHECK (debt_cents >= 0),
        flag TEXT
      )`,
      // One row per applied Stripe event, written in the same transaction as its effect.
      `CREATE TABLE billing_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, at INTEGER NOT NULL, outcome_json TEXT NOT NULL)`,
      `CREATE TABLE purchases (
        id TEXT PRIMARY KEY,
        payment_intent TEXT,
        item TEXT NOT NULL,
        credits_cents INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL,
        taken_back_cents INTEGER NOT NULL DEFAULT 0,
        disputed INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL
      )`,
      `CREATE INDEX purchases_payment_intent ON purchases(payment_intent)`,
      `CREATE TABLE charges_seen (charge_id TEXT PRIMARY KEY, refunded_cents INTEGER NOT NULL DEFAULT 0, disputed INTEGER NOT NULL DEFAULT 0)`,
      `CREATE TABLE invoices_paid (id TEXT PRIMARY KEY, at INTEGER NOT NULL)`,
      // Credits never go below zero (what a refund cannot take back is debt in billing).
      `CREATE TRIGGER credits_never_negative BEFORE UPDATE OF credits_cents ON account WHEN NEW.credits_cents < 0
        BEGIN SELECT RAISE(ABORT, 'credits_cents would go below zero'); END`,
    ],
  },
  {
    version: 4,
    name: 'AI text holds: what calls in flight may still cost, held against the month until settled',
    up: ['CREATE TABLE llm_holds (id TEXT PRIMARY KEY, tokens INTEGER NOT NULL CHECK (tokens >= 0), created_at INTEGER NOT NULL)'],
  },
  {
    version: 5,
    name: 'rate limit window kept in storage: an evicted or restarted object keeps counting',
    up: [
      'ALTER TABLE account ADD COLUMN rate_window_start INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE account ADD COLUMN rate_count INTEGER NOT NULL DEFAULT 0 CHECK (rate_count >= 0)',
    ],
  },
  {
    version: 6,
    name: 'brand-style trainings counted against the tier; uploads counted per video',
    up: [
      `CREATE TABLE trainings (
        id TEXT PRIMARY KEY,
        idem_key TEXT NOT NULL UNIQUE,
        body_hash TEXT NOT NULL,
        brand_key TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('reserved','spent','refunded')),
        month TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        settled_at INTEGER
      )`,
      'CREATE INDEX trainings_month ON trainings(month, state)',
      'ALTER TABLE reservations ADD COLUMN uploads_used INTEGER NOT NULL DEFAULT 0 CHECK (uploads_used >= 0)',
    ],
  },
  {
    version: 7,
    name: 'email verification: the verified time and the links (hashed); accounts made before it count as verified',
    up: [
      'ALTER TABLE account ADD COLUMN email_verified_at INTEGER',
      // Accounts that exist when this runs signed up before verification existed: not locked out.
      'UPDATE account SET email_verified_at = 0',
      `CREATE TABLE email_tokens (
        hash TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      )`,
    ],
  },
  {
    version: 8,
    name: 'picture drafts: an ad\'s pictures before approval, with no video held (issue 21)',
    up: [
      `CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        idem_key TEXT NOT NULL UNIQUE,
        body_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','approved')),
        length_s INTEGER NOT NULL,
        month TEXT NOT NULL,
        pictures_used INTEGER NOT NULL DEFAULT 0 CHECK (pictures_used >= 0),
        pictures_cap INTEGER NOT NULL,
        video_id TEXT,
        created_at INTEGER NOT NULL,
        approved_at INTEGER,
        CHECK (pictures_used <= pictures_cap)
      )`,
      'CREATE INDEX drafts_month ON drafts(month, state)',
    ],
  },
];

/** An object made before migrations (CREATE … IF NOT EXISTS on every start) has exactly migration 1's tables. */
export const ACCOUNT_ADOPTION: SqlAdoption = {
  detect: (sql) => sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account'").toArray().length > 0,
  align: (sql) => {
    for (const s of ACCOUNT_MIGRATIONS[0]!.up) sql.exec(s.replace(/^CREATE (TABLE|INDEX) /, 'CREATE $1 IF NOT EXISTS '));
  },
};
