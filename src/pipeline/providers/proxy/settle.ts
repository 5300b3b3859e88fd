/**
 * After a run on the proxy fails (not cancelled, not killed — those resume — nor refused because
 * another process is executing it): tell the proxy so a video without paid output is refunded.
 * Returns the sentence to show the user, if any. Callers: the CLI (`generate`/`resume`) and the
 * app's run manager.
 */
import { isRunBusy } from '../../engine/lease';
import type { PipelineServices } from '../../generate';
import type { ProxyFamily } from './family';

export async function settleFailedRun(services: Pick<PipelineServices, 'store' | 'family'>, runId: string, err: unknown): Promise<string | null> {
  // Refused because another process is executing the run: its video is in use, not failed.
  if (isRunBusy(err)) return null;
  const run = services.store.getRun(runId);
  if (run?.provider !== 'proxy') return null;
  const family = services.family('proxy') as Partial<ProxyFamily>;
  return family.runFailed ? family.runFailed(runId, err) : null;
}
