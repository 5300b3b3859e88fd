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
import * as timelines from '../../storage/repos/timelines';

/** Autosave writes a version per save; older ones beyond this are pruned (the newest are kept). */
export const KEEP_VERSIONS = 50;

function projectRow(ctx: ServiceContext, projectId: string): { id: string; title: string } {
  const p = timelines.projectTitle(ctx.db, projectId);
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

function insertVersion(ctx: ServiceContext, projectId: string, doc: Timeline, baseVersion?: number): { version: number; savedAt: string } {
  const savedAt = ctx.now();
  const r = timelines.insertTimelineVersion(ctx.db, { id: ctx.newId(), projectId, documentJson: JSON.stringify(doc), savedAt, keep: KEEP_VERSIONS, expectNewest: baseVersion });
  if (typeof r !== 'number') {
    throw new AppError(
      'CONFLICT',
      `Not saved: this ad was changed elsewhere (version ${r.conflict}, for example a revision from the chat) after version ${baseVersion ?? 0} you are editing. Reload it to see that change; saving here would undo it.`,
      { details: { baseVersion, newest: r.conflict, i18n: { key: 'errors.editor.changedElsewhere', values: { newest: r.conflict } } } },
    );
  }
  return { version: r, savedAt };
}

export async function openProject(ctx: ServiceContext, input: { projectId?: string; title?: string }): Promise<EditorProject> {
  let projectId = input.projectId;
  if (!projectId) {
    projectId = ctx.newId();
    timelines.insertBlankProject(ctx.db, { id: projectId, title: input.title ?? 'Untitled project', now: ctx.now() });
  }
  const project = projectRow(ctx, projectId);
  const rows = timelines.listTimelineVersions(ctx.db, projectId);
  let recovered: EditorProject['recovered'] = null;
  let doc: Timeline | null = null;
  let version = 0;
  for (const row of rows) {
    try {
      doc = readDocument(row.documentJson);
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

export function saveProject(ctx: ServiceContext, input: { projectId: string; timeline: unknown; baseVersion?: number }): { version: number; savedAt: string } {
  projectRow(ctx, input.projectId);
  let doc: Timeline;
  try {
    doc = readDocument(JSON.stringify(input.timeline));
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('VALIDATION', String(err));
    throw new AppError('VALIDATION', `Not saved: ${e.message} The last good version is kept.`, { details: e.details });
  }
  return insertVersion(ctx, input.projectId, doc, input.baseVersion);
}
