/**
 * SQL for the editor's documents and what hangs off them: `timelines` rows are versions of a
 * project's timeline (newest = current; `ad_projects.current_timeline_id` points at it), editor
 * export rows, and the few project facts the editor, publishing and the quality check look up.
 * The services keep the rules (what a valid document is, how many versions are kept).
 */
import type { Db } from '../database';
import { writeTransaction } from '../transaction';

export interface TimelineVersionRow {
  id: string;
  version: number;
  documentJson: string;
  createdAt: string;
}

/** A project's id and title, or undefined when it no longer exists. */
export function projectTitle(db: Db, projectId: string): { id: string; title: string } | undefined {
  return db.prepare('SELECT id, title FROM ad_projects WHERE id = ?').get(projectId) as { id: string; title: string } | undefined;
}

/** A blank project (the editor's "new project"): no brand, no brief. */
export function insertBlankProject(db: Db, p: { id: string; title: string; now: string }): void {
  db.prepare("INSERT INTO ad_projects (id, brand_id, title, status, created_at, updated_at) VALUES (?, NULL, ?, 'draft', ?, ?)").run(p.id, p.title, p.now, p.now);
}

/** The project's current timeline id: null when it has none yet, undefined when there is no project. */
export function currentTimelineId(db: Db, projectId: string): string | null | undefined {
  const row = db.prepare('SELECT current_timeline_id AS id FROM ad_projects WHERE id = ?').get(projectId) as { id: string | null } | undefined;
  return row ? row.id : undefined;
}

/** Every kept version, newest first. */
export function listTimelineVersions(db: Db, projectId: string): TimelineVersionRow[] {
  return db.prepare('SELECT id, version, document_json AS documentJson, created_at AS createdAt FROM timelines WHERE project_id = ? ORDER BY version DESC').all(projectId) as TimelineVersionRow[];
}

export function timelineJson(db: Db, timelineId: string): string | undefined {
  return (db.prepare('SELECT document_json FROM timelines WHERE id = ?').get(timelineId) as { document_json: string } | undefined)?.document_json;
}

export function timelineVersionJson(db: Db, projectId: string, version: number): string | undefined {
  return (db.prepare('SELECT document_json FROM timelines WHERE project_id = ? AND version = ?').get(projectId, version) as { document_json: string } | undefined)?.document_json;
}

/**
 * Saves `documentJson` as the project's newest version and makes it current, pruning versions
 * `keep` or more behind it — one transaction. Exports reference timeline rows (SET NULL on
 * delete), so pruning never breaks them. With `expectNewest`, nothing is written unless the
 * newest version is still that one (checked under the write lock): the answer is then
 * `{ conflict: <the newest version> }`.
 */
export function insertTimelineVersion(db: Db, v: { id: string; projectId: string; documentJson: string; savedAt: string; keep: number; expectNewest?: number }): number | { conflict: number } {
  return writeTransaction(db, () => {
    const newest = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM timelines WHERE project_id = ?').get(v.projectId) as { v: number }).v;
    if (v.expectNewest !== undefined && newest !== v.expectNewest) return { conflict: newest };
    const version = newest + 1;
    db.prepare('INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES (?, ?, ?, ?, ?)').run(v.id, v.projectId, version, v.documentJson, v.savedAt);
    db.prepare('UPDATE ad_projects SET current_timeline_id = ?, updated_at = ? WHERE id = ?').run(v.id, v.savedAt, v.projectId);
    db.prepare('DELETE FROM timelines WHERE project_id = ? AND version <= ?').run(v.projectId, version - v.keep);
    return version;
  });
}

/** The aspects whose ad was rendered from this version (finished result renders only). */
export function renderedAspects<A extends string>(db: Db, timelineId: string, aspects: readonly A[]): A[] {
  const rows = db.prepare(`SELECT DISTINCT preset FROM exports WHERE timeline_id = ? AND status = 'done' AND preset IN (${aspects.map(() => '?').join(', ')}) ORDER BY preset`).all(timelineId, ...aspects) as { preset: A }[];
  return rows.map((r) => r.preset);
}

/** An editor export starts: a running row (preset is `aspect@resolution`). */
export function insertEditorExport(db: Db, e: { id: string; projectId: string; timelineId: string | null; preset: string; now: string }): void {
  db.prepare("INSERT INTO exports (id, project_id, timeline_id, preset, status, created_at) VALUES (?, ?, ?, ?, 'running', ?)").run(e.id, e.projectId, e.timelineId, e.preset, e.now);
}

export function finishEditorExport(db: Db, id: string, f: { status: 'done' | 'failed' | 'cancelled'; errorMessage: string | null; durationMs: number | null; now: string; path?: string | null }): void {
  db.prepare('UPDATE exports SET status = ?, error_message = ?, duration_ms = ?, finished_at = ?, path = ? WHERE id = ?').run(f.status, f.errorMessage, f.durationMs, f.now, f.path ?? null, id);
}

/** Whether Zapcut wrote this file (a finished export's recorded path): such a file may be revealed, checked and posted. */
export function isExportedPath(db: Db, file: string): boolean {
  return db.prepare("SELECT 1 FROM exports WHERE path = ? AND status = 'done' LIMIT 1").get(file) !== undefined;
}

/** One export row of this project (publishing a file the editor exported). */
export function projectExport(db: Db, exportId: string, projectId: string): { id: string; preset: string } | undefined {
  return db.prepare('SELECT id, preset FROM exports WHERE id = ? AND project_id = ?').get(exportId, projectId) as { id: string; preset: string } | undefined;
}
