/**
 * The project document in SQLite: `timelines` rows are versions (newest = current). Opening
 * walks back past unreadable versions so a corrupt newest row never loses the project; saving
 * refuses an invalid document and keeps the last good version untouched.
 */
import { AppError } from '../../../shared/errors';
import { checkTimeline, emptyTimeline, issuesToError, parseTimeline, type Timeline } from '../../../shared/timeline';
import type { EditorProject } from '../../../shared/domain/editor';
import type { ServiceContext } from '../context';
import { mediaViews } from './media';

/** Autosave writes a version per save; older ones beyond this are pruned (the newest are kept). */
export const KEEP_VERSIONS = 50;

interface Row {
  id: string;
  version: number;
  document_json: string;
}

function projectRow(ctx: ServiceContext, projectId: string): { id: string; title: string } {
  const p = ctx.db.prepare('SELECT id, title FROM ad_projects WHERE id = ?').get(projectId) as { id: string; title: string } | undefined;
  if (!p) throw new AppError('NOT_FOUND', 'That project no longer exists. Open another one from Ads, or start a blank project.', { details: { projectId } });
  return p;
}

/** Parses a stored document; every problem becomes one readable reason. */
export function readDocument(json: string): Timeline {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new AppError('VALIDATION', `The saved project is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const tl = parseTimeline(raw);
  const issues = checkTimeline(tl).filter((i) => !(i.itemId === null && i.path === 'main.clips'));
  if (issues.length) throw issuesToError(issues, 'The saved project');
  return tl;
}

function insertVersion(ctx: ServiceContext, projectId: string, doc: Timeline): { version: number; savedAt: string } {
  const savedAt = ctx.now();
  const version = ctx.db.transaction(() => {
    const v = (ctx.db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM timelines WHERE project_id = ?').get(projectId) as { v: number }).v;
    const id = ctx.newId();
    ctx.db.prepare('INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES (?, ?, ?, ?, ?)').run(id, projectId, v, JSON.stringify(doc), savedAt);
    ctx.db.prepare('UPDATE ad_projects SET current_timeline_id = ?, updated_at = ? WHERE id = ?').run(id, savedAt, projectId);
    // Exports reference timeline rows (SET NULL on delete), so pruning never breaks them.
    ctx.db.prepare('DELETE FROM timelines WHERE project_id = ? AND version <= ?').run(projectId, v - KEEP_VERSIONS);
    return v;
  })();
  return { version, savedAt };
}

export async function openProject(ctx: ServiceContext, input: { projectId?: string; title?: string }): Promise<EditorProject> {
  let projectId = input.projectId;
  if (!projectId) {
    projectId = ctx.newId();
    const now = ctx.now();
    ctx.db.prepare("INSERT INTO ad_projects (id, brand_id, title, status, created_at, updated_at) VALUES (?, NULL, ?, 'draft', ?, ?)").run(projectId, input.title ?? 'Untitled project', now, now);
  }
  const project = projectRow(ctx, projectId);
  const rows = ctx.db.prepare('SELECT id, version, document_json FROM timelines WHERE project_id = ? ORDER BY version DESC').all(projectId) as Row[];
  let recovered: EditorProject['recovered'] = null;
  let doc: Timeline | null = null;
  let version = 0;
  for (const row of rows) {
    try {
      doc = readDocument(row.document_json);
      version = row.version;
      break;
    } catch (err) {
      // Keep looking back; report the newest bad version so the user knows what happened.
      recovered ??= { badVersion: row.version, reason: err instanceof Error ? err.message : String(err) };
    }
  }
  if (!doc) {
    if (rows.length) {
      throw new AppError('VALIDATION', `No saved version of this project can be read (newest: ${recovered?.reason ?? 'unknown problem'}). The rows are kept untouched; restore a backup of the data folder or start a new project.`);
    }
    doc = emptyTimeline();
    version = insertVersion(ctx, projectId, doc).version;
  }
  return { projectId, title: project.title, version, timeline: doc, media: await mediaViews(ctx, projectId, doc), recovered };
}

export function saveProject(ctx: ServiceContext, input: { projectId: string; timeline: unknown }): { version: number; savedAt: string } {
  projectRow(ctx, input.projectId);
  let doc: Timeline;
  try {
    doc = readDocument(JSON.stringify(input.timeline));
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('VALIDATION', String(err));
    throw new AppError('VALIDATION', `Not saved: ${e.message} The last good version is kept.`, { details: e.details });
  }
  return insertVersion(ctx, input.projectId, doc);
}
