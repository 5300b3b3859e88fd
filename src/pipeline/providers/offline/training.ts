/**
 * Offline "training": instead of a LoRA, a deterministic brand look — a colour grade derived from
 * the brand palette and the training images (src/pipeline/style/grade.ts). The job id is a hash
 * of the request, so after a restart `wait` simply derives the same grade again.
 */
import { createHash } from 'node:crypto';
import { writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { extractPalette } from '../../stages/media-analysis';
import { deriveGrade } from '../../style/grade';
import { TrainedStyle } from '../../style/trained-style';
import { offlineModel } from './model';
import type { CallContext, JobOutput, JobProvider, Submitted, TrainingRequest } from '../types';

export const offlineTrainingModel = offlineModel('offline/brand-grade', 'training', 'Built in (src/pipeline/providers/offline/training.ts).');

export function offlineTraining(ffmpegPath: string): JobProvider<TrainingRequest> {
  return {
    model: offlineTrainingModel,
    async submit(req: TrainingRequest): Promise<Submitted> {
      const id = createHash('sha256').update(JSON.stringify(req)).digest('hex').slice(0, 16);
      return { jobId: `offline:training:${id}`, costCents: 0 };
    },
    async wait(_jobId: string, req: TrainingRequest, ctx: CallContext): Promise<JobOutput> {
      const frames = await extractPalette(ffmpegPath, req.images, ctx.workDir, { max: 6, signal: ctx.signal });
      const palette = req.palette?.length ? req.palette : frames.colors;
      const style = TrainedStyle.parse({ kind: 'grade', version: 1, grade: deriveGrade(palette, frames.colors), palette: palette.slice(0, 8) });
      ctx.onProgress?.(100);
      const out = path.join(ctx.workDir, 'style.json');
      await writeFile(`${out}.partial`, JSON.stringify(style));
      await rename(`${out}.partial`, out);
      return { files: [out] };
    },
  };
}
