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
import * as timelines from '../../storage/repos/timelines';

export function listVersions(ctx: ServiceContext, projectId: string): TimelineVersion[] {
  const current = timelines.currentTimelineId(ctx.db, projectId);
  if (current === undefined) throw new AppError('NOT_FOUND', 'That project no longer exists.');
  return timelines.listTimelineVersions(ctx.db, projectId).map((r) => ({
    version: r.version,
    savedAt: r.createdAt,
    current: r.id === current,
    rendered: timelines.renderedAspects<TimelineVersion['rendered'][number]>(ctx.db, r.id, ['16:9', '9:16', '1:1']),
  }));
}

/**
 * `baseVersion`: restore only if that is still the newest version (as the editor's saves: a change
 * saved since is never silently undone — CONFLICT, nothing written).
 */
export async function restoreVersion(ctx: ServiceContext, input: { projectId: string; version: number; baseVersion?: number }) {
  const json = timelines.timelineVersionJson(ctx.db, input.projectId, input.version);
  if (json === undefined) throw new AppError('NOT_FOUND', `Version ${input.version} is no longer kept (the newest 50 are). Pick another one.`);
  saveProject(ctx, { projectId: input.projectId, timeline: readDocument(json), baseVersion: input.baseVersion });
  return openProject(ctx, { projectId: input.projectId });
}
