/**
 * Model versions made by brand-style trainings. A succeeded training records its output version
 * in D1 (see routes.ts `refresh`); `POST /replicate/v1/predictions {version}` runs such a version
 * only for the user who trained it, as the image model its trainer's catalog entry says it is.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { configOf } from '../env';
import { TRAINING_CATALOG, type TrainerModel } from '../forward/catalog';

export function trainedOutput(t: Record<string, unknown>): { version: string; weights: string | null } | null {
  const out = t.output as { version?: unknown; weights?: unknown } | null | undefined;
  return out && typeof out.version === 'string' ? { version: out.version, weights: typeof out.weights === 'string' ? out.weights : null } : null;
}

/** The trainer catalog entry behind a version this user trained (succeeded), or null. */
export async function ownedTrainedModel(c: Context<AppEnv>, version: string): Promise<TrainerModel | null> {
  const row = await c.env.DB.prepare("SELECT trainer FROM trainings WHERE output_version = ? AND user_id = ? AND status = 'succeeded' LIMIT 1").bind(version, c.get('user').id).first<{ trainer: string | null }>();
  if (!row) return null;
  // Rows from before the trainer was recorded were made by the configured one.
  return TRAINING_CATALOG[row.trainer ?? configOf(c.env).TRAINER_MODEL] ?? null;
}
