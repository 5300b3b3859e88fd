/**
 * "Undo this change" under the chat's message that revised a finished ad (issue 19 #4): the ad goes
 * back to the version before that revision in one step, through the editor's version restore — saved
 * as the newest version, so the revision stays in Versions. Only while the revision is still the
 * newest version: a change saved since (the editor, the Ads page, another chat turn) is never
 * silently undone with it (the editor's save rule, d5dd68a) — CONFLICT, nothing written. The
 * message is marked undone, so it offers the undo once.
 */
import { AppError } from '../../../shared/errors';
import type { AdProjectView } from '../../../shared/domain/ads';
import { getMessage, setMessageMeta } from '../../storage/repos/projects';
import { projectSource } from '../../storage/repos/variants';
import { restoreVersion } from '../editor/versions';
import { getProjectView } from './service';
import type { ServiceContext } from '../context';

export async function undoChatRevision(ctx: ServiceContext, input: { projectId: string; messageId: string }): Promise<AdProjectView> {
  const m = getMessage(ctx.db, input.projectId, input.messageId);
  const revised = m?.role === 'assistant' ? m.meta.adRevised : undefined;
  if (!m || !revised || revised.version < 1) throw new AppError('NOT_FOUND', 'That message did not change the ad, so there is nothing to undo.');
  if (revised.undone) throw new AppError('CONFLICT', `This change was already undone (version ${revised.undone.version}).`, { details: { i18n: { key: 'errors.chat.alreadyUndone', values: { version: revised.undone.version } } } });
  if (projectSource(ctx.db, input.projectId)?.status !== 'ready') throw new AppError('CONFLICT', 'The ad is being made again; undo once it is ready.');
  const rt = ctx.state.projects;
  if (rt.revising.has(input.projectId)) throw new AppError('CONFLICT', 'This ad is being revised. Wait a moment, then try again.');
  rt.revising.add(input.projectId);
  try {
    let project;
    try {
      project = await restoreVersion(ctx, { projectId: input.projectId, version: revised.version - 1, baseVersion: revised.version });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
      const newest = (err.details as { newest?: number } | undefined)?.newest ?? revised.version + 1;
      throw new AppError(
        'CONFLICT',
        `Not undone: the ad was changed again after this (version ${newest}), and undoing here would undo that too. Open it in the editor and pick a version under Versions.`,
        { details: { newest, i18n: { key: 'errors.chat.undoChangedSince', values: { newest } } } },
      );
    }
    setMessageMeta(ctx.db, m.id, { ...m.meta, adRevised: { ...revised, undone: { version: project.version } } });
  } finally {
    rt.revising.delete(input.projectId);
  }
  ctx.emit('project/changed', { id: input.projectId });
  return getProjectView(ctx, input.projectId);
}
