/**
 * `zapcut check ad.mp4 [--platform tiktok|reels|shorts|youtube|feed|x|linkedin] [--json]`: the
 * spec and quality report of an exported ad — container and codecs, size and shape, duration,
 * bitrate and file size against the network's published limits, loudness and true peak measured
 * from the file, and what the plan recorded in it (voice lines cut, music under the voice,
 * layout). Exit 0 when nothing fails, 1 when something does.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { Platform, PLATFORM_SPECS } from '../../shared/platforms';
import { checkAd, type CheckReport } from '../../shared/quality/check';
import { resolveBinaries } from '../../pipeline/ffmpeg/binaries';
import { inspectExport, planForCheck } from '../../pipeline/quality/inspect';

export const summary = 'Check an exported ad against a network\u2019s specs (codecs, size, length, loudness, layout).';

const HELP = `Usage: zapcut check <ad.mp4> [--platform ${Platform.options.join('|')}] [--json]

  --platform <name>  judge against that network's published limits (default: codecs, sound and
                     layout only, plus which networks the file fits)
  --json             print the report as JSON (facts, items, fits)

Exit code 0 when nothing fails, 1 when something does.`;

const Args = z.object({
  file: z.string().min(1, 'give the .mp4 to check'),
  platform: Platform.optional(),
  json: z.boolean(),
});

const MARK = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', unknown: '  ? ' } as const;

export function formatReport(file: string, report: CheckReport): string {
  const lines = [`${path.basename(file)}${report.platform ? ` for ${PLATFORM_SPECS[report.platform].name}` : ''}: ${report.ok ? 'passes' : 'fails'}`];
  for (const i of report.items) lines.push(`  ${MARK[i.status]}  ${i.message}`);
  const fits = report.fits.filter((f) => f.ok).map((f) => PLATFORM_SPECS[f.platform].name);
  const misses = report.fits.filter((f) => !f.ok).map((f) => `${PLATFORM_SPECS[f.platform].name} (${f.failing.join(', ')})`);
  lines.push('', `  fits:     ${fits.join(', ') || 'none'}`);
  if (misses.length) lines.push(`  does not: ${misses.join('; ')}`);
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { platform: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const parsed = Args.safeParse({ file: positionals[0] ?? '', platform: values.platform, json: values.json });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  if (positionals.length > 1) throw new AppError('VALIDATION', `Check one file at a time (got ${positionals.length}).\n\n${HELP}`);
  const a = parsed.data;
  const file = path.resolve(a.file);
  const inspection = await inspectExport(file, resolveBinaries());
  const { facts } = inspection;
  const report = checkAd(facts, planForCheck(inspection), a.platform ?? null);
  if (a.json) console.log(JSON.stringify({ file, facts, plan: planForCheck(inspection), variantId: inspection.variantId, ...report }, null, 2));
  else console.log(`${formatReport(file, report)}${inspection.variantId ? `\n  variant id: ${inspection.variantId}` : ''}`);
  return report.ok ? 0 : 1;
}
