/**
 * An app process the resume test can SIGKILL: starts or resumes a run on the proxy family and
 * prints every run event as one JSON line. Tokens arrive in ZAPCUT_TEST_SESSION (tests only).
 * Usage: node --import tsx app-child.ts '<json: {mode, proxyUrl, brief?, runId?, videoModel?}>'
 */
import { loadBrief } from '../../src/pipeline/brief';
import { runToEnd } from '../../src/pipeline/generate';
import { toErrorShape } from '../../src/shared/errors';
import { StoredSession } from '../../src/backend/session/token-store';
import { TEST_RESOLUTION } from '../integration/pipeline-fixtures';
import { openProxyApp } from './app';

const args = JSON.parse(process.argv[2]!) as { mode: 'start' | 'resume'; proxyUrl: string; brief?: string; runId?: string; videoModel?: string };
const emit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main(): Promise<void> {
  const app = await openProxyApp(args.proxyUrl, StoredSession.parse(JSON.parse(process.env.ZAPCUT_TEST_SESSION ?? '{}')));
  let runId = args.runId;
  if (args.mode === 'start') {
    const brief = await loadBrief(args.brief!);
    runId = app.backend.runs.create(brief, { provider: 'proxy', resolution: TEST_RESOLUTION, ...(args.videoModel ? { videoModel: args.videoModel } : {}) }).id;
  }
  emit({ type: 'run', runId });
  try {
    const r = await runToEnd(app.backend.pipeline, runId!, { onEvent: emit });
    emit({ type: 'result', exportPath: r.exportPath, durationMs: r.export.durationMs, costCents: r.costCents });
  } catch (err) {
    const refund = await app.family.runFailed(runId!, err);
    emit({ type: 'error', ...toErrorShape(err), refund });
    process.exitCode = 1;
  } finally {
    app.backend.close();
  }
}
void main();
