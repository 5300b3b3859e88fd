/** SQLite schema inside each user's Durable Object (one database per user). */
export const ACCOUNT_SCHEMA = `
CREATE TABLE IF NOT EXISTS account (
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
);
CREATE TABLE IF NOT EXISTS reservations (
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
);
CREATE INDEX IF NOT EXISTS reservations_open ON reservations(state, expires_at);
CREATE TABLE IF NOT EXISTS ledger (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  delta_cents INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  reservation_id TEXT,
  reason TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS predictions (
  id TEXT PRIMARY KEY,
  video_id TEXT,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

export type AccountRow = {
  user_id: string;
  tier: string;
  credits_cents: number;
  free_used: number;
  month: string;
  month_used: number;
  llm_month: string;
  llm_tokens: number;
  suspended: number;
  suspended_reason: string | null;
};

export type ReservationRow = {
  id: string;
  idem_key: string;
  body_hash: string;
  state: 'reserved' | 'committed' | 'refunded' | 'expired';
  source: 'free' | 'plan' | 'credits';
  cost_cents: number;
  length_s: number;
  resolution: string;
  aspect: string;
  month: string;
  paid_calls_used: number;
  paid_calls_cap: number;
  created_at: number;
  expires_at: number;
  settled_at: number | null;
};
