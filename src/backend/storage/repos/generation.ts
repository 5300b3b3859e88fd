/**
 * Rows the generation pipeline writes besides its run memo: the ad project a run belongs to,
 * creative bibles (reused per brand), storyboards, safety violations and timeline documents.
 * Functions take the db first so tests use ':memory:'.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { writeTransaction } from '../transaction';

const iso = () => new Date().toISOString();

export function findBrandIdByName(db: Db, name: string): string | undefined {
  const row = db.prepare('SELECT id FROM brands WHERE name = ? ORDER BY created_at LIMIT 1').get(name) as { id: string } | undefined;
  return row?.id;
}

export function insertAdProject(db: Db, p: { brandId: string; title: string; brief: unknown; lengthSeconds: number; aspect: string }): string {
  const id = randomUUID();
  const now = iso();
  db.prepare(
    `INSERT INTO ad_projects (id, brand_id, title, brief_json, length_seconds, aspect, status, chat_stage, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'generating', 'generate_video', ?, ?)`,
  ).run(id, p.brandId, p.title, JSON.stringify(p.brief), p.lengthSeconds, p.aspect, now, now);
  return id;
}

export type ProjectStatus = 'generating' | 'ready' | 'failed' | 'cancelled' | 'blocked';

export function setProjectStatus(db: Db, projectId: string, status: ProjectStatus): void {
  db.prepare('UPDATE ad_projects SET status = ?, updated_at = ? WHERE id = ?').run(status, iso(), projectId);
}

export interface BibleRow {
  id: string;
  brandId: string;
  version: number;
  bible: unknown;
  source: string;
}

export function latestBible(db: Db, brandId: string): BibleRow | undefined {
  const r = db.prepare('SELECT * FROM creative_bibles WHERE brand_id = ? ORDER BY version DESC LIMIT 1').get(brandId) as
    | { id: string; brand_id: string; version: number; bible_json: string; source: string }
    | undefined;
  return r && { id: r.id, brandId: r.brand_id, version: r.version, bible: JSON.parse(r.bible_json) as unknown, source: r.source };
}

export function insertBible(db: Db, brandId: string, bible: unknown, source: string): BibleRow {
  return writeTransaction(db, () => {
    const v = (db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM creative_bibles WHERE brand_id = ?').get(brandId) as { v: number }).v;
    const id = randomUUID();
    db.prepare('INSERT INTO creative_bibles (id, brand_id, version, bible_json, source, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, brandId, v, JSON.stringify(bible), source, iso());
    return { id, brandId, version: v, bible, source };
  });
}

/** The brand of an ad project (null when the project has none or does not exist). */
export function projectBrandId(db: Db, projectId: string): string | null {
  return (db.prepare('SELECT brand_id FROM ad_projects WHERE id = ?').get(projectId) as { brand_id: string | null } | undefined)?.brand_id ?? null;
}

/**
 * The storyboard a run used, with its safety verdict: stored on the project's newest version when
 * that is the same storyboard (the one the user approved keeps its version and approval), else as
 * a new version (a brief's first run, where the run wrote the storyboard).
 */
export function recordStoryboard(db: Db, projectId: string, storyboard: unknown, safety: unknown): void {
  writeTransaction(db, () => {
    const latest = db.prepare('SELECT id, storyboard_json FROM storyboards WHERE project_id = ? ORDER BY version DESC LIMIT 1').get(projectId) as { id: string; storyboard_json: string } | undefined;
    if (latest && latest.storyboard_json === JSON.stringify(storyboard)) {
      db.prepare('UPDATE storyboards SET safety_json = ? WHERE id = ?').run(safety === undefined ? null : JSON.stringify(safety), latest.id);
    } else {
      insertStoryboard(db, projectId, storyboard, safety);
    }
  });
}

export function insertStoryboard(db: Db, projectId: string, storyboard: unknown, safety: unknown): string {
  return writeTransaction(db, () => {
    const v = (db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM storyboards WHERE project_id = ?').get(projectId) as { v: number }).v;
    const id = randomUUID();
    db.prepare('INSERT INTO storyboards (id, project_id, version, storyboard_json, safety_json, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      projectId,
      v,
      JSON.stringify(storyboard),
      safety === undefined ? null : JSON.stringify(safety),
      iso(),
    );
    return id;
  });
}

export interface ViolationInput {
  category: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  ruleId: string | null;
  excerpt: string;
}

export function insertViolations(db: Db, projectId: string | null, runId: string, violations: ViolationInput[]): void {
  const stmt = db.prepare('INSERT INTO safety_violations (id, project_id, run_id, category, severity, rule_id, excerpt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  writeTransaction(db, () => {
    for (const v of violations) stmt.run(randomUUID(), projectId, runId, v.category, v.severity, v.ruleId, v.excerpt.slice(0, 500), iso());
  });
}

export function listViolations(db: Db, runId: string): (ViolationInput & { id: string })[] {
  return (db.prepare('SELECT id, category, severity, rule_id, excerpt FROM safety_violations WHERE run_id = ? ORDER BY created_at').all(runId) as {
    id: string;
    category: string;
    severity: ViolationInput['severity'];
    rule_id: string | null;
    excerpt: string;
  }[]).map((r) => ({ id: r.id, category: r.category, severity: r.severity, ruleId: r.rule_id, excerpt: r.excerpt }));
}

/** Stores a timeline document as the project's newest version and makes it current. */
export function insertTimeline(db: Db, projectId: string, document: unknown): string {
  return writeTransaction(db, () => {
    const v = (db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM timelines WHERE project_id = ?').get(projectId) as { v: number }).v;
    const id = randomUUID();
    db.prepare('INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES (?, ?, ?, ?, ?)').run(id, projectId, v, JSON.stringify(document), iso());
    db.prepare('UPDATE ad_projects SET current_timeline_id = ?, updated_at = ? WHERE id = ?').run(id, iso(), projectId);
    return id;
  });
}

export function insertExport(db: Db, e: { projectId: string; timelineId: string | null; preset: string; sha256: string; thumbnailSha256: string | null; durationMs: number }): string {
  const id = randomUUID();
  const now = iso();
  db.prepare(
    `INSERT INTO exports (id, project_id, timeline_id, preset, sha256, thumbnail_sha256, duration_ms, status, created_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'done', ?, ?)`,
  ).run(id, e.projectId, e.timelineId, e.preset, e.sha256, e.thumbnailSha256, e.durationMs, now, now);
  return id;
}
