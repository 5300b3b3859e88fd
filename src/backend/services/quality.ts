/**
 * The spec and quality check in the app (issue 16): the same report as `zapcut check`, for a
 * finished ad's video (the newest export of one aspect, in the media store) or an editor export
 * (only files inside `<data>/exports`). Measured on demand: probe, loudness and the plan facts
 * the exporter wrote into the MP4.
 */
import { AppError } from '../../shared/errors';
import type { QualityCheckInput } from '../../shared/domain/quality';
import { checkAd, type CheckReport } from '../../shared/quality/check';
import { inspectExport, planForCheck } from '../../pipeline/quality/inspect';
import type { ServiceContext } from './context';
import { resolveExportPath } from './desktop';
import { latestExports } from '../storage/repos/projects';
import { projectTitle } from '../storage/repos/timelines';
import { isExportedPath } from '../storage/repos/timelines';

async function fileOf(ctx: ServiceContext, input: QualityCheckInput): Promise<string> {
  const project = projectTitle(ctx.db, input.projectId);
  if (!project) throw new AppError('NOT_FOUND', 'That ad no longer exists.');
  const source = input.source;
  if (source.kind === 'file') return resolveExportPath(ctx.dataDir, source.path, (p) => isExportedPath(ctx.db, p));
  const exp = latestExports(ctx.db, input.projectId).find((e) => e.preset === source.aspect);
  if (!exp) throw new AppError('NOT_FOUND', `This ad has no ${source.aspect} version yet. Make it on the result screen first.`);
  const file = await ctx.media.resolve(exp.sha256);
  if (!file) throw new AppError('NOT_FOUND', `The ${source.aspect} video of this ad is missing from the data folder. Make it again, then check it.`);
  return file.path;
}

export async function checkQuality(ctx: ServiceContext, input: QualityCheckInput): Promise<CheckReport> {
  const file = await fileOf(ctx, input);
  const inspection = await inspectExport(file, ctx.binaries());
  return checkAd(inspection.facts, planForCheck(inspection), input.platform ?? null);
}
