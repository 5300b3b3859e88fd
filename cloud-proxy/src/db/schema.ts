import type { Env } from '../env';

/**
 * D1 holds what spans users: the directory, refresh tokens and API keys (hashed), the audit log,
 * safety violations and which user owns a video id (for admin refunds). Per-user money state is
 * in the UserAccount Durable Object. Statements are idempotent so a fresh local D1 (wrangler dev,
 * tests) and a deployed one converge without a separate migration step.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, password_salt TEXT NOT NULL,
    password_iterations INTEGER NOT NULL, role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user','admin')),
    tier TEXT NOT NULL DEFAULT 'free', status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
    created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, family TEXT NOT NULL, expires_at INTEGER NOT NULL,
    revoked_at INTEGER, created_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS refresh_tokens_user ON refresh_tokens(user_id)`,
  `CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, name TEXT NOT NULL, prefix TEXT NOT NULL,
    created_at TEXT NOT NULL, revoked_at TEXT)`,
  `CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL,
    target_user_id TEXT, reason TEXT NOT NULL DEFAULT '', detail_json TEXT NOT NULL DEFAULT '{}')`,
  `CREATE TABLE IF NOT EXISTS violations (
    id TEXT PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, route TEXT NOT NULL, rule_id TEXT NOT NULL,
    category TEXT NOT NULL, severity TEXT NOT NULL, excerpt TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS violations_user ON violations(user_id, at)`,
  `CREATE TABLE IF NOT EXISTS login_failures (email TEXT NOT NULL, at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS login_failures_email ON login_failures(email, at)`,
  `CREATE TABLE IF NOT EXISTS trainings (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, brand_key TEXT NOT NULL, upstream_id TEXT, status TEXT NOT NULL,
    running INTEGER NOT NULL DEFAULT 1, month TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  // One running training per user and brand, enforced by the database, not by a read-then-write.
  `CREATE UNIQUE INDEX IF NOT EXISTS trainings_running ON trainings(user_id, brand_key) WHERE running = 1`,
  `CREATE INDEX IF NOT EXISTS trainings_user_month ON trainings(user_id, month)`,
  `CREATE TABLE IF NOT EXISTS video_owners (video_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at TEXT NOT NULL)`,
];

/**
 * Columns added after a table first shipped. SQLite has no ADD COLUMN IF NOT EXISTS, so each runs
 * on its own and "duplicate column" (already added) counts as done.
 */
const ADDED_COLUMNS = [
  // What a succeeded training produced: the model version its owner may run (and which trainer made it).
  'ALTER TABLE trainings ADD COLUMN trainer TEXT',
  'ALTER TABLE trainings ADD COLUMN output_version TEXT',
  'ALTER TABLE trainings ADD COLUMN output_weights TEXT',
];
const AFTER_COLUMNS = [`CREATE INDEX IF NOT EXISTS trainings_output_version ON trainings(output_version) WHERE output_version IS NOT NULL`];

async function addColumns(env: Env): Promise<void> {
  for (const s of ADDED_COLUMNS) {
    try {
      await env.DB.prepare(s).run();
    } catch (e) {
      if (!/duplicate column/i.test(String(e))) throw e;
    }
  }
  await env.DB.batch(AFTER_COLUMNS.map((s) => env.DB.prepare(s)));
}

let ready: Promise<void> | undefined;

export function ensureSchema(env: Env): Promise<void> {
  ready ??= env.DB.batch(STATEMENTS.map((s) => env.DB.prepare(s)))
    .then(() => addColumns(env))
    .catch((e: unknown) => {
      ready = undefined;
      throw e;
    });
  return ready;
}

export interface UserRecord {
  id: string;
  email: string;
  password_hash: string;
  password_salt: string;
  password_iterations: number;
  role: 'user' | 'admin';
  tier: string;
  status: 'active' | 'suspended';
  created_at: string;
}

export async function audit(env: Env, actorId: string, action: string, targetUserId: string | null, reason: string, detail: unknown = {}): Promise<void> {
  await env.DB.prepare('INSERT INTO audit_log (at, actor_id, action, target_user_id, reason, detail_json) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(new Date().toISOString(), actorId, action, targetUserId, reason, JSON.stringify(detail))
    .run();
}
