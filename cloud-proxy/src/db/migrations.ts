/**
 * D1's numbered migrations (see migrate.ts). Append only: a shipped migration never changes; a new
 * one takes the next number (rename yours when a rebase takes your number).
 */
import type { D1Adoption, Migration } from './migrate';

export const D1_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'baseline: users, refresh tokens, API keys, audit log, violations, login failures, trainings, video owners',
    up: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, password_salt TEXT NOT NULL,
        password_iterations INTEGER NOT NULL, role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user','admin')),
        tier TEXT NOT NULL DEFAULT 'free', status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
        created_at TEXT NOT NULL)`,
      `CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, family TEXT NOT NULL, expires_at INTEGER NOT NULL,
        revoked_at INTEGER, created_at INTEGER NOT NULL)`,
      `CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id)`,
      `CREATE TABLE api_keys (
        id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, name TEXT NOT NULL, prefix TEXT NOT NULL,
        created_at TEXT NOT NULL, revoked_at TEXT)`,
      `CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL,
        target_user_id TEXT, reason TEXT NOT NULL DEFAULT '', detail_json TEXT NOT NULL DEFAULT '{}')`,
      `CREATE TABLE violations (
        id TEXT PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, route TEXT NOT NULL, rule_id TEXT NOT NULL,
        category TEXT NOT NULL, severity TEXT NOT NULL, excerpt TEXT NOT NULL)`,
      `CREATE INDEX violations_user ON violations(user_id, at)`,
      `CREATE TABLE login_failures (email TEXT NOT NULL, at INTEGER NOT NULL)`,
      `CREATE INDEX login_failures_email ON login_failures(email, at)`,
      `CREATE TABLE trainings (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL, brand_key TEXT NOT NULL, upstream_id TEXT, status TEXT NOT NULL,
        running INTEGER NOT NULL DEFAULT 1, month TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        trainer TEXT, output_version TEXT, output_weights TEXT)`,
      // One running training per user and brand, enforced by the database, not by a read-then-write.
      `CREATE UNIQUE INDEX trainings_running ON trainings(user_id, brand_key) WHERE running = 1`,
      `CREATE INDEX trainings_user_month ON trainings(user_id, month)`,
      `CREATE INDEX trainings_output_version ON trainings(output_version) WHERE output_version IS NOT NULL`,
      `CREATE TABLE video_owners (video_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'billing and operations: Stripe customers, received events, alerts, revenue, provider costs, daily spend, settings, video outcomes',
    up: [
      // One Stripe customer per user, created once (the UNIQUE keys make a second one impossible).
      `CREATE TABLE billing_customers (user_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)`,
      // Every verified webhook, with what became of it (applied, duplicate, ignored, unmatched, failed).
      `CREATE TABLE stripe_events (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL, user_id TEXT, customer_id TEXT,
        status TEXT NOT NULL, detail_json TEXT NOT NULL DEFAULT '{}', deliveries INTEGER NOT NULL DEFAULT 1)`,
      `CREATE INDEX stripe_events_status ON stripe_events(status, received_at)`,
      // What an admin must look at: unknown customers, disputes, credits owed, refunded plan payments.
      `CREATE TABLE billing_alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_id TEXT, event_id TEXT, code TEXT NOT NULL, message TEXT NOT NULL,
        resolved_at TEXT, resolved_by TEXT, resolution TEXT, UNIQUE (event_id, code))`,
      `CREATE INDEX billing_alerts_open ON billing_alerts(resolved_at, at)`,
      // Money in (purchases, invoices) and out (refunds, disputes), one row per Stripe fact.
      `CREATE TABLE revenue (
        id TEXT PRIMARY KEY, at TEXT NOT NULL, day TEXT NOT NULL, user_id TEXT, item TEXT NOT NULL, kind TEXT NOT NULL,
        amount_cents INTEGER NOT NULL, currency TEXT NOT NULL)`,
      `CREATE INDEX revenue_day ON revenue(day, item)`,
      // What each paid upstream call cost us (catalog price × quantity), in micro-dollars.
      `CREATE TABLE provider_costs (
        id TEXT PRIMARY KEY, at TEXT NOT NULL, day TEXT NOT NULL, user_id TEXT NOT NULL, video_id TEXT, model TEXT NOT NULL,
        kind TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL, cost_micros INTEGER NOT NULL)`,
      `CREATE INDEX provider_costs_day ON provider_costs(day, model)`,
      `CREATE INDEX provider_costs_video ON provider_costs(video_id)`,
      `CREATE TABLE daily_spend (day TEXT PRIMARY KEY, cost_micros INTEGER NOT NULL DEFAULT 0)`,
      `CREATE TABLE ops_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL)`,
      // Each reserved video's outcome for the operator: what it earned, how it ended, how long it took.
      `CREATE TABLE video_stats (
        video_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at INTEGER NOT NULL, day TEXT NOT NULL, source TEXT NOT NULL,
        charged_cents INTEGER NOT NULL, value_cents INTEGER NOT NULL, length_s INTEGER NOT NULL, state TEXT NOT NULL,
        first_output_at INTEGER, last_output_at INTEGER, settled_at INTEGER)`,
      `CREATE INDEX video_stats_day ON video_stats(day)`,
    ],
  },
  {
    version: 3,
    name: 'login attempts per email and client (replaces login_failures)',
    up: [
      // 'pending' while the password is being checked (so parallel tries count), then 'failed';
      // a correct password deletes its row.
      `CREATE TABLE login_attempts (
        id TEXT PRIMARY KEY, email TEXT NOT NULL, client TEXT NOT NULL, at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','failed')))`,
      'CREATE INDEX login_attempts_email ON login_attempts(email, at)',
      'CREATE INDEX login_attempts_client ON login_attempts(client, at)',
      'DROP TABLE login_failures',
    ],
  },
  {
    version: 4,
    name: 'refresh tokens remember their successor (encrypted) for the rotation grace window',
    up: [
      // AES-GCM of the token that replaced this one, keyed by this token (only its holder can read it).
      'ALTER TABLE refresh_tokens ADD COLUMN successor_enc TEXT',
    ],
  },
];

/** Columns the pre-migration code added with ALTERs (a database it made may lack them). */
const LATE_TRAINING_COLUMNS = ['trainer', 'output_version', 'output_weights'] as const;

/**
 * A database made by the pre-migration Worker (`CREATE … IF NOT EXISTS` on every start, then the
 * trainings ALTERs): it holds migration 1's tables, unless an older Worker made it; `align` adds
 * whatever piece is missing, checked by name rather than by catching errors.
 */
export const D1_ADOPTION: D1Adoption = {
  async detect(db) {
    return (await db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'users'").first()) !== null;
  },
  async align(db) {
    const ifMissing = D1_MIGRATIONS[0]!.up.map((s) => s.replace(/^CREATE (UNIQUE )?(TABLE|INDEX) /, 'CREATE $1$2 IF NOT EXISTS '));
    const onLateColumn = (s: string) => s.includes('trainings_output_version');
    // Tables first, then the late columns, then the index that needs one of them.
    await db.batch(ifMissing.filter((s) => !onLateColumn(s)).map((s) => db.prepare(s)));
    const have = new Set((await db.prepare("SELECT name FROM pragma_table_info('trainings')").all<{ name: string }>()).results.map((r) => r.name));
    for (const col of LATE_TRAINING_COLUMNS) if (!have.has(col)) await db.prepare(`ALTER TABLE trainings ADD COLUMN ${col} TEXT`).run();
    await db.batch(ifMissing.filter(onLateColumn).map((s) => db.prepare(s)));
  },
};
