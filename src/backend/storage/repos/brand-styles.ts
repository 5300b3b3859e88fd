/** Rows of `lora_models`: one per training attempt of a brand's style (newest wins). */
import { z } from 'zod';
import type { Db } from '../database';
import { TrainedStyle } from '../../../pipeline/style/trained-style';

export const TrainingItem = z.object({ sha256: z.string(), source: z.enum(['product', 'frame']), seconds: z.number().optional(), score: z.number().optional() });
/** training_set_json: where the frames came from and what was picked (the 001 default `[]` reads as empty). */
export const TrainingSet = z.union([
  z.array(z.never()).transform(() => ({ sourceRunId: null as string | null, items: [] as z.infer<typeof TrainingItem>[] })),
  z.object({ sourceRunId: z.string().nullable(), items: z.array(TrainingItem) }),
]);
export type TrainingSet = z.output<typeof TrainingSet>;

const PreviewJob = z.object({ jobId: z.string(), sha256: z.string().nullable() });
/** preview_json: the paid preview jobs are recorded before waiting, like every paid job. */
export const Preview = z.object({ standard: PreviewJob.optional(), custom: PreviewJob.optional() }).passthrough();
export type Preview = z.infer<typeof Preview>;

export interface StyleRow {
  id: string;
  brandId: string;
  status: 'training' | 'ready' | 'failed';
  provider: string;
  trainingId: string | null;
  style: TrainedStyle | null;
  trainingSet: TrainingSet;
  preview: Preview;
  error: string | null;
  approved: boolean | null;
  createdAt: string;
  updatedAt: string;
}

interface Raw {
  id: string;
  brand_id: string;
  status: StyleRow['status'];
  provider: string;
  training_id: string | null;
  model_ref: string | null;
  training_set_json: string;
  preview_json: string;
  error_message: string | null;
  approved: number | null;
  created_at: string;
  updated_at: string;
}

function parseJson(s: string | null): unknown {
  if (!s) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

function toRow(r: Raw): StyleRow {
  const style = TrainedStyle.safeParse(parseJson(r.model_ref));
  const set = TrainingSet.safeParse(parseJson(r.training_set_json));
  const preview = Preview.safeParse(parseJson(r.preview_json));
  return {
    id: r.id,
    brandId: r.brand_id,
    status: r.status,
    provider: r.provider,
    trainingId: r.training_id,
    style: style.success ? style.data : null,
    trainingSet: set.success ? set.data : { sourceRunId: null, items: [] },
    preview: preview.success ? preview.data : {},
    error: r.error_message,
    approved: r.approved === null ? null : r.approved === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function latestStyle(db: Db, brandId: string): StyleRow | undefined {
  const r = db.prepare('SELECT * FROM lora_models WHERE brand_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(brandId) as Raw | undefined;
  return r ? toRow(r) : undefined;
}

export function getStyle(db: Db, id: string): StyleRow | undefined {
  const r = db.prepare('SELECT * FROM lora_models WHERE id = ?').get(id) as Raw | undefined;
  return r ? toRow(r) : undefined;
}

export function trainingRows(db: Db): StyleRow[] {
  return (db.prepare("SELECT * FROM lora_models WHERE status = 'training' ORDER BY created_at").all() as Raw[]).map(toRow);
}

/** The style later ads of the brand use: the newest ready one the user said yes to. */
export function approvedStyle(db: Db, brandId: string): TrainedStyle | undefined {
  const r = db.prepare("SELECT * FROM lora_models WHERE brand_id = ? AND status = 'ready' AND approved = 1 ORDER BY created_at DESC, rowid DESC LIMIT 1").get(brandId) as Raw | undefined;
  return r ? (toRow(r).style ?? undefined) : undefined;
}

/** Inserts a 'training' row; false when one is already training for the brand (unique index). */
export function insertTraining(db: Db, row: { id: string; brandId: string; provider: string; sourceRunId: string | null }, now: string): boolean {
  try {
    db.prepare("INSERT INTO lora_models (id, brand_id, status, provider, training_set_json, created_at, updated_at) VALUES (?, ?, 'training', ?, ?, ?, ?)").run(
      row.id,
      row.brandId,
      row.provider,
      JSON.stringify({ sourceRunId: row.sourceRunId, items: [] }),
      now,
      now,
    );
    return true;
  } catch (err) {
    if (err instanceof Error && /UNIQUE/u.test(err.message)) return false;
    throw err;
  }
}

export function updateStyle(
  db: Db,
  id: string,
  patch: Partial<{ status: StyleRow['status']; trainingId: string | null; style: TrainedStyle | null; trainingSet: TrainingSet; preview: Preview; error: string | null; approved: boolean | null }>,
  now: string,
): void {
  const sets: string[] = ['updated_at = @now'];
  const p: Record<string, unknown> = { id, now };
  const col = (c: string, v: unknown) => {
    sets.push(`${c} = @${c}`);
    p[c] = v;
  };
  if (patch.status !== undefined) col('status', patch.status);
  if (patch.trainingId !== undefined) col('training_id', patch.trainingId);
  if (patch.style !== undefined) col('model_ref', patch.style ? JSON.stringify(patch.style) : null);
  if (patch.trainingSet !== undefined) col('training_set_json', JSON.stringify(patch.trainingSet));
  if (patch.preview !== undefined) col('preview_json', JSON.stringify(patch.preview));
  if (patch.error !== undefined) col('error_message', patch.error);
  if (patch.approved !== undefined) col('approved', patch.approved === null ? null : patch.approved ? 1 : 0);
  db.prepare(`UPDATE lora_models SET ${sets.join(', ')} WHERE id = @id`).run(p);
}

/** Whether the brand has ever had a style training (the first finished ad starts one). */
export function hasAnyStyle(db: Db, brandId: string): boolean {
  return db.prepare('SELECT 1 FROM lora_models WHERE brand_id = ? LIMIT 1').get(brandId) !== undefined;
}
