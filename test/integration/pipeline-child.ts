/**
 * A pipeline process the resume tests can SIGKILL: starts or resumes a run with the scripted fake
 * provider and prints every run event as one JSON line on stdout. Not a test file itself.
 * Usage: tsx pipeline-child.ts '<json: {mode, brief?, runId?, script}>'  (ZAPCUT_DATA_DIR set)
 */
import { loadBrief } from '../../src/pipeline/brief';
import { runToEnd } from '../../src/pipeline/generate';
import { fakeFamily, type FakeScript } from '../../src/pipeline/providers/fake';
import { toErrorShape } from '../../src/shared/errors';
import { TEST_RESOLUTION, ffmpegPath, openPipelineBackend } from './pipeline-fixtures';
import { resolveDataDir } from '../../src/backend/media-store/data-dir';

const args = JSON.parse(process.argv[2]!) as { mode: 'start' | 'resume'; brief?: string; runId?: string; script: FakeScript };
const emit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main(): Promise<void> {
  const backend = openPipelineBackend(resolveDataDir(), { fake: fakeFamily(args.script, { ffmpegPath }) });
  let runId = args.runId;
  if (args.mode === 'start') {
    const brief = await loadBrief(args.brief!);
    runId = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION }).id;
  }
  emit({ type: 'run', runId });
  try {
    const r = await runToEnd(backend.pipeline, runId!, { onEvent: emit });
    emit({ type: 'result', exportPath: r.exportPath, durationMs: r.export.durationMs, costCents: r.costCents });
  } catch (err) {
    emit({ type: 'error', ...toErrorShape(err) });
    process.exitCode = 1;
  } finally {
    backend.close();
  }
}
void main();
