/**
 * `zapcut batch <file.csv|file.jsonl> [--out DIR] [--concurrency N] [--provider offline|proxy] …`:
 * many ads from one file, one per row. Every row is checked first (a bad row is named with its
 * field; the others still run), the whole batch is quoted before it starts, rows run through a
 * bounded queue with progress for the batch, Ctrl-C stops cleanly, and running it again (or
 * `--resume <batchId>`) skips finished rows and resumes the rest without paying twice.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { Aspect } from '../../shared/domain/aspect';
import { AdLength } from '../../pipeline/brief';
import { readBatchFile } from '../../pipeline/batch-file';
import { resolveBinaries } from '../../pipeline/ffmpeg';
import { screenBatchImages } from '../../backend/media-import/brief-images';
import { videoModels } from '../../shared/models/catalog';
import { defaultConcurrency, type BatchProgress, type BatchSummary } from '../../backend/services/batch/queue';
import type { BatchOptions } from '../../backend/services/batch/service';
import { openCliBackend } from './cli-backend';
import { describeCharge } from './generate';
import { deliverAd } from '../../backend/services/batch/deliver';
import { formatEta } from './progress-bar';
import { quoteSignedInBatch } from './batch-quote';

export const summary = 'Make many ads from a CSV or JSONL file of briefs (quote, queue, resume).';

const HELP = `Usage: zapcut batch <briefs.csv|briefs.jsonl> [options]
       zapcut batch --resume <batchId>

  --out <dir>            where the ads go (default: <file name>-ads beside the file)
  --concurrency <n>      ads made at once (default ${defaultConcurrency()} here: half the CPU cores, at least 1)
  --provider offline|proxy   offline (default, free) or your Zapcut account
  --video-model <slug>   with --provider proxy: ${videoModels().map((m) => m.slug).join(', ')}
  --length 15|30|60      every ad's length (default: each row's, else 30)
  --aspect 16:9|9:16|1:1 every ad's shape (default: each row's, else 16:9)
  --draft                quick 540p renders; --short-side <px> for smaller
  --quote                show what the batch costs and stop
  --new                  start a new batch even if this file ran into this folder before
  --resume <batchId>     continue that batch (running the same file again does the same)
  --json                 print the summary as JSON on stdout
  --verbose              print every row's steps

JSONL: one brief object per line (README "Brief format"). CSV: a header row naming brief
fields — brand.name, brand.description, product.name, product.description, product.audience,
product.benefit, product.images (paths separated by |), cta, lengthSeconds, aspect, … (README "Batch").
Ctrl-C stops; running it again continues where it stopped.`;

const Args = z.object({
  file: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  concurrency: z.coerce.number().int().min(1, '--concurrency must be at least 1').max(16, '--concurrency may be up to 16').optional(),
  provider: z.enum(['offline', 'proxy']).optional(),
  'video-model': z
    .string()
    .refine((slug) => videoModels().some((m) => m.slug === slug), { message: `--video-model must be one of: ${videoModels().map((m) => m.slug).join(', ')}` })
    .optional(),
  length: z.coerce.number().pipe(AdLength).optional(),
  aspect: Aspect.optional(),
  draft: z.boolean().default(false),
  'short-side': z.coerce.number().int().min(90).max(2160).optional(),
  quote: z.boolean().default(false),
  new: z.boolean().default(false),
  resume: z.string().min(1).optional(),
  json: z.boolean().default(false),
  verbose: z.boolean().default(false),
});

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      concurrency: { type: 'string' },
      provider: { type: 'string' },
      'video-model': { type: 'string' },
      length: { type: 'string' },
      aspect: { type: 'string' },
      draft: { type: 'boolean' },
      'short-side': { type: 'string' },
      quote: { type: 'boolean' },
      new: { type: 'boolean' },
      resume: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = Args.safeParse({ ...values, file: positionals[0] });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  const a = parsed.data;
  if (!a.file && !a.resume) throw new AppError('VALIDATION', `Which batch file?\n\n${HELP}`);

  const backend = openCliBackend();
  try {
    const earlier = a.resume ? backend.batches.get(a.resume) : undefined;
    if (a.resume && !earlier) throw new AppError('NOT_FOUND', `No batch "${a.resume}". Start one with \`zapcut batch <file>\`.`);
    const read = await readBatchFile(a.file ?? earlier!.sourcePath, { lengthSeconds: a.length ?? (earlier?.options.lengthSeconds as AdLength | undefined), aspect: a.aspect ?? (earlier?.options.aspect as Aspect | undefined) });
    // Each row's pictures are judged as `zapcut generate` judges a brief's, before anything is quoted.
    const screened = await screenBatchImages(resolveBinaries(), read.rows, tmpdir());
    const file = { ...read, rows: screened.rows };
    for (const w of screened.warnings) console.error(`Row ${w.row}: Warning: ${w.warning}`);
    const options: BatchOptions = earlier?.options ?? {
      provider: a.provider ?? 'offline',
      ...(a.length ? { lengthSeconds: a.length } : {}),
      ...(a.aspect ? { aspect: a.aspect } : {}),
      ...(a['short-side'] || a.draft ? { shortSide: a['short-side'] ?? 540 } : {}),
      ...(a['video-model'] ? { videoModel: a['video-model'] } : {}),
    };
    const outDir = earlier?.outDir ?? path.resolve(a.out ?? path.join(path.dirname(file.path), `${path.basename(file.path, path.extname(file.path))}-ads`));
    const valid = file.rows.filter((r) => r.brief).length;
    for (const r of file.rows) if (r.error) console.error(`Row ${r.row} (line ${r.line}) will not run:\n${indent(r.error)}`);
    if (valid === 0) throw new AppError('VALIDATION', `No row of ${file.path} is a valid brief; fix the rows above and run it again.`);

    // The quote covers what is left to make (rows an earlier run delivered are not made again).
    const preview = await backend.batches.open(file, outDir, options, { resumeId: a.resume, fresh: a.new, dryRun: true });
    const left = preview.rows.filter((r) => !r.finished && (r.runId || r.brief) && r.runStatus !== 'blocked').length;
    // A batch this file already started keeps the options it started with.
    const used = preview.batch.options;
    if (preview.resumed && used.provider !== options.provider) console.error(`Continuing batch ${preview.batch.id}, which runs on --provider ${used.provider} (\`--new\` starts a new batch).`);
    if (used.provider === 'offline') console.error(`Quote: ${left} ad${left === 1 ? '' : 's'} to make on this computer (offline) — free.`);
    else console.error(await quoteSignedInBatch(preview.rows, used));
    if (a.quote) return 0;

    await mkdir(outDir, { recursive: true });
    const plan = await backend.batches.open(file, outDir, options, { resumeId: a.resume, fresh: a.new });
    const finished = plan.rows.filter((r) => r.finished).length;
    console.error(
      plan.resumed
        ? `Continuing batch ${plan.batch.id}: ${finished} of ${plan.rows.length} ads already made (skipped); unfinished runs resume where they stopped.`
        : `Batch ${plan.batch.id}: ${plan.rows.length} row${plan.rows.length === 1 ? '' : 's'} from ${path.basename(file.path)} into ${outDir}`,
    );
    const concurrency = a.concurrency ?? defaultConcurrency();
    const controller = new AbortController();
    const onSigint = () => {
      console.error(`\nCancelling… running ads stop and keep what they made; \`zapcut batch --resume ${plan.batch.id}\` continues.`);
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    const progress = createBatchReporter(process.stderr);
    let result: BatchSummary;
    try {
      result = await backend.batches.run(plan, {
        concurrency,
        signal: controller.signal,
        onProgress: progress,
        onRunEvent: a.verbose ? (row, e) => (e.type === 'step' ? progress.log(`row ${row}: ${e.stepId} ${e.status}`) : undefined) : undefined,
        onRowFinished: (r) => progress.log(r.status === 'done' ? `row ${r.row} done: ${r.out}` : `row ${r.row} ${r.status}: ${firstLine(r.error)}`),
        deliver: deliverAd,
      });
    } finally {
      process.off('SIGINT', onSigint);
      progress.end();
    }
    if (a.json) console.log(JSON.stringify({ batchId: result.batchId, file: file.path, outDir, cancelled: result.cancelled, rows: result.rows }, null, 2));
    else console.log(summaryText(result));
    if (result.cancelled) return 130;
    return result.rows.every((r) => r.status === 'done' || r.status === 'skipped') ? 0 : 1;
  } finally {
    backend.close();
  }
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function firstLine(s: string | null): string {
  return (s ?? '').split('\n')[0] ?? '';
}

export function summaryText(s: BatchSummary): string {
  const count = (...st: string[]) => s.rows.filter((r) => st.includes(r.status)).length;
  const parts = [`${count('done', 'skipped')} of ${s.rows.length} ads made${count('skipped') ? ` (${count('skipped')} by an earlier run)` : ''}`];
  if (count('invalid')) parts.push(`${count('invalid')} row${count('invalid') === 1 ? '' : 's'} invalid`);
  if (count('failed', 'blocked', 'busy')) parts.push(`${count('failed', 'blocked', 'busy')} failed`);
  if (count('cancelled')) parts.push(`${count('cancelled')} not finished`);
  const lines = [`\nBatch ${s.batchId}: ${parts.join(', ')}`];
  for (const r of s.rows) {
    const head = `  row ${String(r.row).padStart(3)}  ${r.status.padEnd(9)}`;
    if (r.out && (r.status === 'done' || r.status === 'skipped')) lines.push(`${head} ${r.out}${r.charge ? `  — ${describeCharge(r.charge)}` : ''}`);
    else lines.push(`${head} ${(r.error ?? '').split('\n').join('; ')}`);
  }
  if (count('cancelled', 'failed', 'busy')) lines.push(`Continue: zapcut batch --resume ${s.batchId}  (finished ads are skipped; nothing paid is paid again)`);
  return lines.join('\n');
}

/** One progress line for the whole batch (rewritten in place on a terminal; a line per change otherwise). */
function createBatchReporter(stream: NodeJS.WriteStream): ((p: BatchProgress) => void) & { log(line: string): void; end(): void } {
  const tty = stream.isTTY === true;
  let last = '';
  let shown = '';
  const line = (p: BatchProgress) => {
    const width = 20;
    const filled = Math.round((p.percent / 100) * width);
    return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${p.percent.toFixed(0).padStart(3)}%  ${p.done}/${p.total} done · ${p.running} running · ${p.failed} failed · ${p.left} left  ETA ${p.etaSeconds === null ? '…' : formatEta(p.etaSeconds)}`;
  };
  const fn = (p: BatchProgress) => {
    shown = line(p);
    if (tty) stream.write(`\r\x1b[2K${shown.slice(0, (stream.columns || 100) - 1)}`);
    else {
      const key = `${p.done}/${p.running}/${p.failed}`;
      if (key !== last) stream.write(`${shown}\n`);
      last = key;
    }
  };
  return Object.assign(fn, {
    log(text: string) {
      stream.write(tty ? `\r\x1b[2K${text}\n${shown.slice(0, (stream.columns || 100) - 1)}` : `${text}\n`);
    },
    end() {
      if (tty) stream.write('\n');
    },
  });
}
