import type { Env } from '../env';

import { migrateD1 } from './migrate';
import { D1_ADOPTION, D1_MIGRATIONS } from './migrations';

let ready: Promise<void> | undefined;

/**
 * D1 holds what spans users: the directory, refresh tokens and API keys (hashed), the audit log,
 * safety violations, trainings and which user owns a video id. Per-user money state is in the
 * UserAccount Durable Object. The schema is the numbered migrations in migrations.ts, applied on an
 * isolate's first request (cheap afterwards: one read of schema_migrations per isolate).
 */
export function ensureSchema(env: Env): Promise<void> {
  ready ??= migrateD1(env.DB, D1_MIGRATIONS, { adopt: D1_ADOPTION })
    .then(() => undefined)
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
