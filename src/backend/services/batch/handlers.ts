/** The Batch screen's channels (issue 23): ../../../shared/domain/batch.ts. */
import type { Handlers } from '../handlers';
import { cancelBatch, currentBatch, previewBatch, startBatch, unfinishedBatches } from './app';

export const batchHandlers: Pick<Handlers, 'batch/preview' | 'batch/start' | 'batch/current' | 'batch/cancel' | 'batch/unfinished'> = {
  'batch/preview': (ctx, input) => previewBatch(ctx, input),
  'batch/start': (ctx, input) => startBatch(ctx, input),
  'batch/current': (ctx) => currentBatch(ctx),
  'batch/cancel': (ctx) => cancelBatch(ctx),
  'batch/unfinished': (ctx) => unfinishedBatches(ctx),
};
