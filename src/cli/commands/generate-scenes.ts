/**
 * `zapcut generate-scenes <runId> [--provider proxy] [--verbose]`: "Generate with AI" over a
 * finished free (offline) ad — the Zapcut service makes every scene again and they go into the ad
 * as the creator edited it (backend.runs.withNewScenes): text, timing, voice and music kept.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { runInputOf } from '../../pipeline/generate';
import { openCliBackend } from './cli-backend';
import { executeCli } from './generate';

export const summary = 'Make a finished free ad\'s scenes again with AI, keeping your edits.';

const Args = z.object({
  runId: z.string().trim().min(1, 'the run id is required (list runs with `zapcut runs`)'),
  provider: z.enum(['proxy']).default('proxy'),
  verbose: z.boolean().default(false),
});

const HELP = `Usage: zapcut generate-scenes <runId> [--provider proxy] [--verbose]

Makes every scene of a finished free (offline) ad again with the Zapcut service's AI video
models and puts them into the ad as you edited it: your text, timing, voice and music are kept;
the scene pictures are replaced. Needs a signed-in account (\`zapcut login\`) or ZAPCUT_API_KEY.

  --provider proxy   the Zapcut service (the only one for now)
  --verbose          print every step and job

Ctrl-C cancels; \`zapcut resume <newRunId>\` continues where it stopped.`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({ args: argv, options: { provider: { type: 'string' }, verbose: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new AppError('VALIDATION', `One run id, please (got ${positionals.length}).\n\n${HELP}`);
  const parsed = Args.safeParse({ ...values, runId: positionals[0] ?? '' });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  const a = parsed.data;
  const backend = openCliBackend();
  let runId: string;
  try {
    const from = backend.pipeline.store.getRun(a.runId);
    if (!from) throw new AppError('NOT_FOUND', `No run "${a.runId}". List runs with \`zapcut runs\`.`);
    if (runInputOf(from).provider === a.provider) throw new AppError('CONFLICT', `Run ${a.runId} was already made with ${a.provider}. \`zapcut generate-scenes\` is for a free (offline) ad.`);
    runId = backend.runs.withNewScenes(a.runId, { provider: a.provider }).id;
  } catch (err) {
    backend.close();
    throw err;
  }
  console.error(`Run ${runId}: the scenes of run ${a.runId} made again (${a.provider}), your edits kept`);
  return executeCli(backend, runId, a.verbose);
}
