/**
 * `zapcut pack <set-or-ad> <folder> [--placements tiktok,reels,feed,youtube,shorts] [--json]`: a
 * variant set (or one ad) as a folder for an ads manager, with a CSV manifest (issue 23).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { PLATFORM_SPECS } from '../../shared/platforms';
import { DEFAULT_PLACEMENTS, PackPlacement } from '../../shared/variants';
import { openCliBackend } from './cli-backend';

export const summary = 'Export a variant set (or an ad) as a folder per ad placement, with a CSV manifest.';

const HELP = `Usage: zapcut pack <set-or-ad> <folder> [options]

  <set-or-ad>            a variant set id (what \`zapcut variants\` printed), or an ad's run or project id
  <folder>               a new or empty folder; it is written whole or not at all
  --placements <list>    comma-separated, of ${PackPlacement.options.join(', ')} (default ${DEFAULT_PLACEMENTS.join(',')})
  --json                 print the result as JSON on stdout

Each placement gets the variants in the shape it wants (TikTok and Reels 9:16, Feed 1:1, YouTube
16:9; else a shape its spec accepts), named <placement>-<variant>.mp4, each checked against that
network's spec (a file that fails is left out and named). manifest.csv lists file, placement,
hook, CTA, their lines, length, aspect, size, variant id and sha256.`;

const Args = z.object({
  ref: z.string().min(1, 'name the variant set or ad'),
  folder: z.string().min(1, 'name the folder to write'),
  placements: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((p) => p.trim()).filter(Boolean) : [...DEFAULT_PLACEMENTS]))
    .pipe(z.array(PackPlacement, { error: `--placements takes ${PackPlacement.options.join(', ')}, comma-separated` }).min(1)),
  json: z.boolean().default(false),
});

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { placements: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  if (positionals.length !== 2) throw new AppError('VALIDATION', `Give the set (or ad) and the folder.\n\n${HELP}`);
  const parsed = Args.safeParse({ ref: positionals[0], folder: positionals[1], ...values });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  const a = parsed.data;
  const backend = openCliBackend();
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const r = await backend.variants.pack(a.ref, a.folder, { placements: [...new Set(a.placements)], signal: controller.signal, onProgress: (done, total, file) => process.stderr.write(`[${done}/${total}] ${file}\n`) });
    if (a.json) console.log(JSON.stringify(r, null, 2));
    else {
      console.log(`Pack written: ${r.folder} — ${r.rows.length} file${r.rows.length === 1 ? '' : 's'} + manifest.csv`);
      for (const p of [...new Set(r.rows.map((x) => x.placement))]) console.log(`  ${PLATFORM_SPECS[p].name}: ${r.rows.filter((x) => x.placement === p).length} (${r.rows.find((x) => x.placement === p)!.aspect})`);
      for (const s of r.skipped) console.log(`  left out: ${s.placement}${s.name ? ` ${s.name}` : ''} — ${s.reason}`);
    }
    return r.skipped.length ? 1 : 0;
  } catch (err) {
    if (controller.signal.aborted) {
      console.error('Stopped; nothing was written.');
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    backend.close();
  }
}
