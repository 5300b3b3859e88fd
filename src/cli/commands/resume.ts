/**
 * `zapcut resume <runId> [--approve] [--verbose]`: continue a run; finished steps replay, paid jobs
 * are re-polled. `--approve` approves the pictures of a run that stopped for its picture review.
 */
import { AppError } from '../../shared/errors';
import { openCliBackend } from './cli-backend';
import { executeCli } from './generate';
import { approvePictures, redoPicture } from '../../pipeline/generate';
import { MAX_PICTURES, PictureIndex } from '../../shared/domain/ads';

export const summary = 'Resume an interrupted or failed run.';

export async function run(argv: string[]): Promise<number> {
  const runId = argv.find((a) => !a.startsWith('-'));
  if (!runId || argv.includes('--help')) {
    console.log('Usage: zapcut resume <runId> [--approve | --redo-picture N [--prompt "…"]] [--verbose]\n  --approve         approve the pictures of a run waiting for its picture review, then make the video\n  --redo-picture N  make picture N again (a new image), from --prompt when given; the run stops for approval again\nList runs with `zapcut runs`.');
    return runId ? 0 : 2;
  }
  const backend = openCliBackend();
  const rec = backend.pipeline.store.getRun(runId);
  if (!rec) {
    backend.close();
    throw new AppError('NOT_FOUND', `No run "${runId}". List runs with \`zapcut runs\`.`);
  }
  const redo = argv.indexOf('--redo-picture');
  const promptAt = argv.indexOf('--prompt');
  if (redo >= 0 || argv.includes('--approve')) {
    try {
      if (redo >= 0) {
        const index = Number(argv[redo + 1]);
        if (!PictureIndex.safeParse(index).success) throw new AppError('VALIDATION', `--redo-picture needs the picture's number, 1 to ${MAX_PICTURES} (1 = the first scene's start; see \`zapcut runs <runId>\`).`);
        redoPicture(backend.pipeline, runId, index, promptAt >= 0 ? argv[promptAt + 1] : undefined);
      } else approvePictures(backend.pipeline, runId, 'cli');
    } catch (err) {
      backend.close();
      throw err;
    }
  }
  if (rec.status === 'succeeded') console.error(`Run ${runId} already finished; delivering its result again.`);
  return executeCli(backend, runId, argv.includes('--verbose'));
}
