/**
 * `zapcut generate --brief brief.json --out ad.mp4 [--length 15|30|60] [--aspect 16:9|9:16|1:1]
 *  [--provider offline|proxy] [--video-model <slug>] [--draft] [--short-side N] [--caption-style pop|boxed|karaoke] [--verbose]`
 * Runs the whole pipeline with a progress bar; Ctrl-C cancels (resume later with `zapcut resume`).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, toErrorShape } from '../../shared/errors';
import { AdLength, loadBrief } from '../../pipeline/brief';
import { Aspect } from '../../shared/domain/aspect';
import { CaptionLook } from '../../shared/timeline/model';
import { resolveBinaries } from '../../pipeline/ffmpeg/binaries';
import { screenBriefImages } from '../../backend/media-import/brief-images';
import { defaultResolution, runInputOf, type RunResult } from '../../pipeline/generate';
import type { RunChargeRecord } from '../../pipeline/engine/store';
import type { Backend } from '../../backend/backend';
import { openCliBackend } from './cli-backend';
import { DEFAULT_VIDEO_MODEL, videoModels } from '../../shared/models/catalog';
import { createReporter } from './progress-bar';
import { checkAd } from '../../shared/quality/check';
import { inspectExport } from '../../pipeline/quality/inspect';
import { formatReport } from './check';
import { deliver } from '../../backend/services/batch/deliver';

export const summary = 'Generate a video ad from a brief (JSON).';

const Args = z.object({
  brief: z.string().min(1, '--brief <file.json> is required'),
  out: z.string().min(1, '--out <ad.mp4> is required').refine((p) => p.toLowerCase().endsWith('.mp4'), '--out must end in .mp4'),
  length: z.coerce.number().pipe(AdLength).optional(),
  aspect: Aspect.optional(),
  provider: z.enum(['offline', 'proxy']).default('offline'),
  'video-model': z
    .string()
    .refine((slug) => videoModels().some((m) => m.slug === slug), { message: `--video-model must be one of: ${videoModels().map((m) => m.slug).join(', ')}` })
    .optional(),
  draft: z.boolean().default(false),
  'review-pictures': z.boolean().default(false),
  'short-side': z.coerce.number().int().min(90).max(2160).optional(),
  'caption-style': CaptionLook.optional(),
  verbose: z.boolean().default(false),
});

const HELP = `Usage: zapcut generate --brief brief.json --out ad.mp4 [options]

  --brief <file>         the brief (see README "Brief format")
  --out <file.mp4>       where to write the ad
  --length 15|30|60      ad length in seconds (default: the brief's, else 30)
  --aspect 16:9|9:16|1:1 output shape (default: the brief's, else 16:9)
  --provider offline|proxy   offline (default) renders locally, no account needed
  --video-model <slug>   with --provider proxy: ${videoModels().map((m) => m.slug).join(', ')}
                         (default ${DEFAULT_VIDEO_MODEL})
  --draft                quick 540p render
  --review-pictures      stop after the keyframes (images only) to look at the pictures;
                         approve with \`zapcut resume <runId> --approve\`
  --short-side <px>      render at this short side (small previews)
  --caption-style pop|boxed|karaoke   the captions' look (default: the brief's, else pop)
  --verbose              print every step and job

Ctrl-C cancels; \`zapcut resume <runId>\` continues where it stopped.`;

export { deliver };

/** What a proxy run cost the user (the video, where it was paid from), for the summary. */
export function describeCharge(c: RunChargeRecord): string {
  const what = c.source === 'credits' ? `$${(c.costCents / 100).toFixed(2)} of credits` : c.source === 'free' ? 'one free video' : "one video of this month's plan";
  if (c.status === 'committed') return `${what} (charged)`;
  if (c.status === 'reserved') return `${what} (held; charged when the first paid output arrives)`;
  return `nothing (${what} given back)`;
}

export async function finishRun(result: RunResult, out: string | undefined, charge: RunChargeRecord | null = null): Promise<void> {
  if (out) {
    await deliver(result.exportPath, out);
    await deliver(result.thumbnailPath, out.replace(/\.mp4$/i, '.jpg'));
  }
  const lines = [
    `\nDone in ${result.elapsedSeconds.toFixed(1)} s — run ${result.runId}`,
    out ? `  ad:        ${path.resolve(out)} (${(result.export.durationMs / 1000).toFixed(1)} s, ${(result.export.bytes / 1e6).toFixed(1)} MB)` : `  ad:        ${result.exportPath}`,
    out ? `  thumbnail: ${path.resolve(out.replace(/\.mp4$/i, '.jpg'))}` : '',
    charge ? `  charge:    ${describeCharge(charge)}` : '',
    `  ${charge ? 'spend:    ' : 'cost:     '} $${(result.costCents / 100).toFixed(2)}${charge ? ' of provider calls (estimate; not charged to you)' : ''}${result.wastedPaidSeconds > 0 ? ` (${result.wastedPaidSeconds} paid seconds trimmed to fit the storyboard)` : ''}`,
    result.voiceoverUnavailable ? `  voiceover: ${result.voiceoverUnavailable}` : '',
    result.musicFallback ? `  music:     ${result.musicFallback}` : '',
    result.continuity.length ? `  continuity: ${result.continuity.filter((c) => c.drift).length} of ${result.continuity.length} scene(s) corrected for drift (details: zapcut runs ${result.runId})` : '',
  ];
  console.log(lines.filter(Boolean).join('\n'));
  // The same report `zapcut check ad.mp4` prints: pass/fail without a second command.
  const file = out ? path.resolve(out) : result.exportPath;
  try {
    const { facts, plan } = await inspectExport(file, resolveBinaries());
    console.log(`\n${formatReport(file, checkAd(facts, plan, null))}`);
  } catch (err) {
    console.log(`\nCould not check the ad (${toErrorShape(err).message}); run \`zapcut check ${JSON.stringify(file)}\`.`);
  }
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      brief: { type: 'string' },
      out: { type: 'string' },
      length: { type: 'string' },
      aspect: { type: 'string' },
      provider: { type: 'string' },
      'video-model': { type: 'string' },
      draft: { type: 'boolean' },
      'review-pictures': { type: 'boolean' },
      'short-side': { type: 'string' },
      'caption-style': { type: 'string' },
      verbose: { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  const a = parsed.data;
  const brief = await loadBrief(a.brief, { lengthSeconds: a.length, aspect: a.aspect, captionStyle: a['caption-style'] });
  // Before anything is paid for: a picture that is not an image, too big to decode, empty, tiny or
  // one colour stops here (product images and the pictures of the creator's scenes alike).
  for (const w of await screenBriefImages(resolveBinaries(), brief, tmpdir())) console.error(`Warning: ${w}`);
  const backend = openCliBackend();
  let runId: string;
  try {
    const shortSide = a['short-side'] ?? (a.draft ? 540 : undefined);
    const full = defaultResolution(brief.aspect);
    const resolution = shortSide ? defaultResolution(brief.aspect, shortSide / Math.min(full.width, full.height)) : full;
    runId = backend.runs.create(brief, { provider: a.provider, resolution, out: path.resolve(a.out), videoModel: a['video-model'], reviewPictures: a['review-pictures'] }).id;
  } catch (err) {
    backend.close();
    throw err;
  }
  console.error(`Run ${runId}: ${brief.lengthSeconds} s ${brief.aspect} ad for ${brief.product.name} (${a.provider}${a['video-model'] ? `, ${a['video-model']}` : ''})`);
  return executeCli(backend, runId, a.verbose);
}

/** Runs `runId` to the end in this process with a progress bar, prints the outcome, closes the backend. */
export async function executeCli(backend: Backend, runId: string, verbose: boolean): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    console.error('\nCancelling… (resume later with `zapcut resume ' + runId + '`)');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const outcome = await backend.runs.execute(runId, { signal: controller.signal, onEvent: createReporter(process.stderr, { verbose }) });
    process.stderr.write('\n');
    if (outcome.status === 'succeeded') {
      const run = backend.pipeline.store.getRun(runId);
      await finishRun(outcome.result, outcome.result.out, run?.charge ?? null);
      if (outcome.styleLearning && run) {
        const brand = runInputOf(run).brief.brand.name;
        console.log(`  brand style: learning ${brand}'s look from this ad; \`zapcut brand style ${JSON.stringify(brand)} --wait\` follows it (the app continues it too)`);
      }
      return 0;
    }
    const error = outcome.status === 'stopped' ? new AppError('CANCELLED', 'Stopped.') : outcome.error;
    if (outcome.status === 'awaiting_approval') {
      // Not a failure: the run stopped for the pictures (images paid, nothing else).
      console.error(toErrorShape(error).message);
      const pics = backend.pipeline.store.getSteps(runId).filter((s) => s.stepId.startsWith('keyframe:') && s.status === 'done');
      for (const p of pics) {
        const media = (p.output as { media?: string } | null)?.media;
        const file = media ? (await backend.pipeline.media.resolve(media))?.path : undefined;
        if (file) console.log(`  ${p.stepId}: ${file}`);
      }
      return 0;
    }
    if (outcome.status === 'blocked') {
      console.error(`Blocked: ${toErrorShape(error).message}`);
      return 3;
    }
    if (outcome.status === 'cancelled' || outcome.status === 'stopped') {
      console.error(`Cancelled. Resume with \`zapcut resume ${runId}\`.`);
      return 130;
    }
    if (outcome.status !== 'busy' && outcome.settled) console.error(outcome.settled);
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    backend.close();
  }
}
