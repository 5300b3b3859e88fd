/**
 * One ad, one truth (issue 19): an ad's current state is its current timeline version. A
 * rendered result (an `exports` row) is up to date when it was rendered from a document equal to
 * that version — so an autosave that changed nothing keeps it current, and any edit in the
 * editor makes it stale. Exports always ship the current state: a stale result is rendered again
 * from the current timeline first.
 */
import { parseTimeline } from '../../../shared/timeline';
import { insertExport } from '../../storage/repos/generation';
import type { Db } from '../../storage/database';
import type { ServiceContext } from '../context';
import * as repo from '../../storage/repos/projects';
import { renderVariant } from './variants';
import type { Aspect } from '../../../shared/domain/aspect';
import { timelineJson } from '../../storage/repos/timelines';

/** Compares documents by content: the parsed form, so key order and defaults never matter. */
export function timelineSameness(db: Db): (a: string | null, b: string | null) => boolean {
  const keys = new Map<string, string | null>();
  const key = (id: string): string | null => {
    if (!keys.has(id)) {
      const json = timelineJson(db, id);
      let k: string | null = null;
      try {
        k = json !== undefined ? JSON.stringify(parseTimeline(JSON.parse(json))) : null;
      } catch {
        k = null;
      }
      keys.set(id, k);
    }
    return keys.get(id)!;
  };
  return (a, b) => {
    if (a === null || b === null) return a === b;
    if (a === b) return true;
    const ka = key(a);
    return ka !== null && ka === key(b);
  };
}

export interface CurrentExport extends repo.ExportRow {
  /** Rendered from the ad's current timeline (false: the ad was edited since). */
  upToDate: boolean;
}

/** The newest render per aspect, each saying whether it still shows the current timeline. */
export function currentExports(db: Db, projectId: string): CurrentExport[] {
  const currentId = repo.getProject(db, projectId)?.currentTimelineId ?? null;
  const same = timelineSameness(db);
  // A project without a timeline (never generated) has nothing newer than its renders.
  return repo.latestExports(db, projectId).map((e) => ({ ...e, upToDate: currentId === null || same(e.timelineId, currentId) }));
}

/**
 * The render of the current timeline at this aspect: the stored one when it is up to date, else
 * a new render (recorded, so the Ads view, thumbnail and later exports use it too).
 */
export async function renderCurrent(ctx: ServiceContext, projectId: string, aspect: Aspect): Promise<{ sha256: string; rendered: boolean } | undefined> {
  const have = currentExports(ctx.db, projectId).find((e) => e.preset === aspect);
  if (have?.upToDate) return { sha256: have.sha256, rendered: false };
  const timelineId = repo.getProject(ctx.db, projectId)?.currentTimelineId;
  if (!timelineId) return have ? { sha256: have.sha256, rendered: false } : undefined;
  const v = await renderVariant(ctx, timelineId, aspect);
  insertExport(ctx.db, { projectId, timelineId, preset: aspect, ...v });
  ctx.emit('project/changed', { id: projectId });
  return { sha256: v.sha256, rendered: true };
}
