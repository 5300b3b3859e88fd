/**
 * Variant sets and their variants (issue 23): each variant is an ad project of its own (made in
 * one transaction with its first timeline version and its variant row), so the app lists it, the
 * editor opens it and every export path works on it unchanged.
 */
import type { Db } from '../database';
import { writeTransaction } from '../transaction';

export interface VariantSetRecord {
  id: string;
  sourceProjectId: string | null;
  name: string;
  spec: unknown;
  createdAt: string;
}

export interface VariantRecord {
  id: string;
  setId: string;
  projectId: string;
  name: string;
  hook: string;
  cta: number;
  aspect: string;
  hookLine: string;
  ctaLine: string;
  createdAt: string;
}

const VARIANT_COLUMNS = 'id, set_id AS setId, project_id AS projectId, name, hook, cta, aspect, hook_line AS hookLine, cta_line AS ctaLine, created_at AS createdAt';

export function insertVariantSet(db: Db, s: VariantSetRecord): void {
  db.prepare('INSERT INTO variant_sets (id, source_project_id, name, spec_json, created_at) VALUES (?, ?, ?, ?, ?)').run(s.id, s.sourceProjectId, s.name, JSON.stringify(s.spec), s.createdAt);
}

export function getVariantSet(db: Db, id: string): VariantSetRecord | undefined {
  const r = db.prepare('SELECT id, source_project_id, name, spec_json, created_at FROM variant_sets WHERE id = ?').get(id) as
    | { id: string; source_project_id: string | null; name: string; spec_json: string; created_at: string }
    | undefined;
  return r && { id: r.id, sourceProjectId: r.source_project_id, name: r.name, spec: JSON.parse(r.spec_json) as unknown, createdAt: r.created_at };
}

/**
 * One variant: its ad project (a copy of the source's brief and brand, status ready), the
 * project's first timeline version (current), and the variant row — all or nothing.
 */
export function insertVariantAd(
  db: Db,
  v: VariantRecord & { brandId: string | null; briefJson: string; lengthSeconds: number; chatStage: string; timelineId: string; timelineJson: string },
): void {
  writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO ad_projects (id, brand_id, title, brief_json, length_seconds, aspect, status, chat_stage, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'ready', ?, ?, ?)`,
    ).run(v.projectId, v.brandId, v.name, v.briefJson, v.lengthSeconds, v.aspect, v.chatStage, v.createdAt, v.createdAt);
    db.prepare('INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES (?, ?, 1, ?, ?)').run(v.timelineId, v.projectId, v.timelineJson, v.createdAt);
    db.prepare('UPDATE ad_projects SET current_timeline_id = ? WHERE id = ?').run(v.timelineId, v.projectId);
    db.prepare('INSERT INTO variants (id, set_id, project_id, name, hook, cta, aspect, hook_line, cta_line, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      v.id,
      v.setId,
      v.projectId,
      v.name,
      v.hook,
      v.cta,
      v.aspect,
      v.hookLine,
      v.ctaLine,
      v.createdAt,
    );
  });
}

/** Why lines of a set were replaced (migration 009), shown with the set. */
export function setVariantSetNotes(db: Db, id: string, notes: string[]): void {
  db.prepare('UPDATE variant_sets SET notes_json = ? WHERE id = ?').run(JSON.stringify(notes), id);
}

/** The variant sets made from an ad, newest first, with their notes (the app's set view). */
export function listSetsOfSource(db: Db, sourceProjectId: string): (VariantSetRecord & { notes: string[] })[] {
  const rows = db.prepare('SELECT id, source_project_id, name, spec_json, notes_json, created_at FROM variant_sets WHERE source_project_id = ? ORDER BY created_at DESC, rowid DESC').all(sourceProjectId) as { id: string; source_project_id: string | null; name: string; spec_json: string; notes_json: string; created_at: string }[];
  return rows.map((r) => ({ id: r.id, sourceProjectId: r.source_project_id, name: r.name, spec: JSON.parse(r.spec_json) as unknown, createdAt: r.created_at, notes: (JSON.parse(r.notes_json) as unknown[]).filter((n): n is string => typeof n === 'string') }));
}

export function listVariants(db: Db, setId: string): VariantRecord[] {
  return db.prepare(`SELECT ${VARIANT_COLUMNS} FROM variants WHERE set_id = ? ORDER BY rowid`).all(setId) as VariantRecord[];
}

export function variantOfProject(db: Db, projectId: string): VariantRecord | undefined {
  return db.prepare(`SELECT ${VARIANT_COLUMNS} FROM variants WHERE project_id = ?`).get(projectId) as VariantRecord | undefined;
}

/** The source row a variant set copies: brand, brief, stage, length. */
export function projectSource(db: Db, projectId: string): { brandId: string | null; title: string; briefJson: string; lengthSeconds: number; aspect: string; chatStage: string; currentTimelineId: string | null; status: string } | undefined {
  return db
    .prepare('SELECT brand_id AS brandId, title, brief_json AS briefJson, length_seconds AS lengthSeconds, aspect, chat_stage AS chatStage, current_timeline_id AS currentTimelineId, status FROM ad_projects WHERE id = ?')
    .get(projectId) as ReturnType<typeof projectSource>;
}

/**
 * What `<ad>` on the command line names: a project id, a run id (what `zapcut generate` prints),
 * a variant set id, or a unique prefix (8+ characters) of one of them.
 */
export function findAdRef(db: Db, ref: string): { kind: 'project'; projectId: string } | { kind: 'set'; setId: string } | { kind: 'ambiguous' } | undefined {
  const exact = (sql: string) => (db.prepare(sql).all(ref) as { id: string }[]).map((r) => r.id);
  const like = (sql: string) => (ref.length >= 8 ? (db.prepare(sql).all(`${ref.replace(/[%_\\]/g, '\\$&')}%`) as { id: string }[]).map((r) => r.id) : []);
  const projects = new Set([...exact('SELECT id FROM ad_projects WHERE id = ?'), ...exact('SELECT project_id AS id FROM runs WHERE id = ? AND project_id IS NOT NULL')]);
  const sets = exact('SELECT id FROM variant_sets WHERE id = ?');
  if (projects.size + sets.length === 0) {
    for (const id of like("SELECT id FROM ad_projects WHERE id LIKE ? ESCAPE '\\'")) projects.add(id);
    for (const id of like("SELECT project_id AS id FROM runs WHERE id LIKE ? ESCAPE '\\' AND project_id IS NOT NULL")) projects.add(id);
    sets.push(...like("SELECT id FROM variant_sets WHERE id LIKE ? ESCAPE '\\'"));
  }
  if (projects.size + sets.length > 1) return { kind: 'ambiguous' };
  if (sets.length) return { kind: 'set', setId: sets[0]! };
  const [projectId] = [...projects];
  return projectId ? { kind: 'project', projectId } : undefined;
}

/** The newest succeeded run of a project (its input holds the brief and provider the ad was made with). */
export function latestSucceededRunId(db: Db, projectId: string): string | undefined {
  return (db.prepare("SELECT id FROM runs WHERE project_id = ? AND status = 'succeeded' ORDER BY created_at DESC, rowid DESC LIMIT 1").get(projectId) as { id: string } | undefined)?.id;
}

/** The variant id of the ad a timeline version belongs to (every export of a variant carries it). */
export function variantIdOfTimeline(db: Db, timelineId: string): string | undefined {
  return (db.prepare('SELECT v.id FROM variants v JOIN timelines t ON t.project_id = v.project_id WHERE t.id = ?').get(timelineId) as { id: string } | undefined)?.id;
}

export function variantIdOfProject(db: Db, projectId: string): string | undefined {
  return variantOfProject(db, projectId)?.id;
}
