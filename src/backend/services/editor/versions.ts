/**
 * The versions of a project's timeline (issue 19): every autosave is one (the newest 50 are
 * kept). The list says when each was saved, which is current, and which aspects of the ad were
 * rendered from it; restoring saves that version again as the newest, so nothing is lost and a
 * restore is itself undone by restoring the version before it.
 */
import { AppError } from '../../../shared/errors';
import type { TimelineVersion } from '../../../shared/domain/editor';
import type { ServiceContext } from '../context';
import { openProject, readDocument, saveProject } from './documents';

export function listVersions(ctx: ServiceContext, projectId: string): TimelineVersion[] {
  const project = ctx.db.prepare('SELECT current_timeline_id AS current FROM ad_projects WHERE id = ?').get(projectId) as { current: string | null } | undefined;
  if (!project) throw new AppError('NOT_FOUND', 'That project no longer exists.');
  const rows = ctx.db.prepare('SELECT id, version, created_at FROM timelines WHERE project_id = ? ORDER BY version DESC').all(projectId) as { id: string; version: number; created_at: string }[];
  const rendered = ctx.db.prepare("SELECT DISTINCT preset FROM exports WHERE timeline_id = ? AND status = 'done' AND preset IN ('16:9', '9:16', '1:1') ORDER BY preset");
  return rows.map((r) => ({
    version: r.version,
    savedAt: r.created_at,
    current: r.id === project.current,
    rendered: (rendered.all(r.id) as { preset: TimelineVersion['rendered'][number] }[]).map((x) => x.preset),
  }));
}

export async function restoreVersion(ctx: ServiceContext, input: { projectId: string; version: number }) {
  const row = ctx.db.prepare('SELECT document_json FROM timelines WHERE project_id = ? AND version = ?').get(input.projectId, input.version) as { document_json: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Version ${input.version} is no longer kept (the newest 50 are). Pick another one.`);
  saveProject(ctx, { projectId: input.projectId, timeline: readDocument(row.document_json) });
  return openProject(ctx, { projectId: input.projectId });
}
