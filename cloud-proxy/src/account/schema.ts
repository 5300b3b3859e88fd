/** Row shapes of the account Durable Object's SQLite (its schema: migrations.ts). */
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
  /** The rate limit's window (ms since the epoch; 0 = none yet) and the requests counted in it (migration 5). */
  rate_window_start: number;
  rate_count: number;
  /** When the email was verified (ms; 0 = before verification existed); null: not yet (migration 7). */
  email_verified_at: number | null;
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
  video_seconds_used: number;
  video_seconds_cap: number | null;
  music_seconds_used: number;
  /** Files uploaded through /replicate/v1/files for this video (migration 6). */
  uploads_used: number;
  created_at: number;
  expires_at: number;
  settled_at: number | null;
};
