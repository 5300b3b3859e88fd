/**
 * `zapcut variants <ad> [--hooks N] [--ctas N] [--voices american,british] [--music N] [--lengths 15,30]
 * [--aspects 16:9,9:16] [--yes] [--json]`: sibling ads of a finished ad that differ in hook, call to
 * action, voice, music bed, length and aspect, from the ad's paid media
 * (issue 23). The quote is printed first; nothing is made without `--yes` (or a "y" at the prompt).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { Aspect } from '../../shared/domain/aspect';
import { MAX_CTAS, MAX_HOOKS, MAX_MUSIC, VariantLength, VariantVoice } from '../../shared/variants';
import { openCliBackend } from './cli-backend';
import { formatEta } from './progress-bar';

export const summary = 'Make variants of a finished ad: other hooks, calls to action and aspects, no new scenes.';

const HELP = `Usage: zapcut variants <ad> [options]

  <ad>                   the ad: its run id (what \`zapcut generate\` printed), its project id, or 8+ characters of either
  --hooks <n>            openings, 1–${MAX_HOOKS} (default 3): A is the ad's own, B, C… get a new title card, spoken line and first shot
  --ctas <n>             calls to action, 1–${MAX_CTAS} (default 2): 1 is the ad's own, 2, 3… a new end-card button and spoken line
  --voices <list>        comma-separated, of american, british, australian (default: the ad's own voice);
                         another voice says every line of the ad again (new voice lines, shown in the quote)
  --music <n>            music beds, 1–${MAX_MUSIC} (default 1): 1 is the ad's own; 2, 3 another bed (offline another
                         groove made here; signed in a music call, priced in the quote)
  --lengths <list>       comma-separated seconds, of 15, 30, 60, at most the ad's own (default: the ad's own);
                         a shorter cut keeps the opening, the product and proof scenes and the call to action
                         with its end card, whole scenes with their voice lines (named <ad>-hookB-cta2-15s-9x16)
  --aspects <list>       comma-separated, of 16:9, 9:16, 1:1 (default: 16:9,9:16)
  --yes                  make the set after printing the quote (without it, the quote is printed and you are asked)
  --json                 print the set as JSON on stdout

Variants are named <ad>-hookB-cta2-9x16, each is an ad of its own (the app lists it; edit and export
it like any ad) and every file carries its variant id. \`zapcut pack <set> <folder>\` exports a set for
an ads manager. Ctrl-C stops; the variants already made are kept.`;

const Args = z.object({
  ad: z.string().min(1, 'name the ad (its run id or project id)'),
  hooks: z.coerce.number().int().min(1).max(MAX_HOOKS, `--hooks may be 1–${MAX_HOOKS}`).default(3),
  ctas: z.coerce.number().int().min(1).max(MAX_CTAS, `--ctas may be 1–${MAX_CTAS}`).default(2),
  aspects: z
    .string()
    .default('16:9,9:16')
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(Aspect, { error: '--aspects takes 16:9, 9:16 and/or 1:1, comma-separated' }).min(1).max(3)),
  lengths: z
    .string()
    .transform((s) => s.split(',').map((l) => l.trim().replace(/s$/i, '')).filter(Boolean).map(Number))
    .pipe(z.array(VariantLength, { error: '--lengths takes 15, 30 and/or 60 (seconds), comma-separated' }).min(1).max(3))
    .optional(),
  voices: z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(VariantVoice, { error: '--voices takes american, british and/or australian, comma-separated' }).min(1).max(3))
    .optional(),
  music: z.coerce.number().int().min(1).max(MAX_MUSIC, `--music may be 1–${MAX_MUSIC}`).optional(),
  yes: z.boolean().default(false),
  json: z.boolean().default(false),
});

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { hooks: { type: 'string' }, ctas: { type: 'string' }, voices: { type: 'string' }, music: { type: 'string' }, lengths: { type: 'string' }, aspects: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (positionals.length > 1) throw new AppError('VALIDATION', `Name one ad (got ${positionals.length}).\n\n${HELP}`);
  const parsed = Args.safeParse({ ad: positionals[0] ?? '', ...values });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  const a = parsed.data;
  const backend = openCliBackend();
  const controller = new AbortController();
  const onSigint = () => {
    console.error('\nStopping… (the variants already made are kept)');
    controller.abort();
  };
  try {
    const plan = await backend.variants.plan(a.ad, { hooks: a.hooks, ctas: a.ctas, aspects: a.aspects, ...(a.lengths ? { lengths: a.lengths } : {}), ...(a.voices ? { voices: a.voices } : {}), ...(a.music ? { music: a.music } : {}) });
    console.error(plan.quote);
    if (!a.yes && !(await confirm('Make it? [y/N] '))) {
      console.error('Nothing was made. Run it again with --yes to make the set.');
      return 0;
    }
    process.once('SIGINT', onSigint);
    const tty = process.stderr.isTTY === true;
    const result = await backend.variants.make(plan, {
      signal: controller.signal,
      onProgress: (p) => {
        const line =
          p.phase === 'rendering'
            ? `[${p.done}/${p.total}] ${p.name ?? ''}  ETA ${p.etaS === null ? '?' : formatEta(p.etaS)}`
            : p.phase === 'voicing'
              ? `new voice lines and music: ${p.done} of ${p.total} made`
              : 'writing the new hooks and calls to action…';
        process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    if (a.json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    const hooks = [...new Map(result.variants.map((v) => [v.hook, v.hookLine])).entries()];
    const ctas = [...new Map(result.variants.map((v) => [v.cta, v.ctaLine])).entries()];
    console.log(
      [
        `\nVariant set ${result.setId}: ${result.variants.length} ads in ${result.elapsedS.toFixed(1)} s`,
        `  new paid calls: ${result.paidCalls.voice} voice line${result.paidCalls.voice === 1 ? '' : 's'} ($${(result.paidCalls.voiceCents / 100).toFixed(2)}), ${result.paidCalls.music} music bed${result.paidCalls.music === 1 ? '' : 's'} ($${(result.paidCalls.musicCents / 100).toFixed(2)}), ${result.paidCalls.scenes} scenes`,
        `  lines by:  ${result.lines.via === 'model' ? 'the AI writer' : 'the offline writer'}`,
        ...hooks.map(([k, l]) => `  hook ${k}:    "${l}"`),
        ...ctas.map(([k, l]) => `  CTA ${k}:     "${l}"`),
        ...result.variants.map((v) => `  ${v.id}  ${v.name}  (${(v.durationMs / 1000).toFixed(1)} s)`),
        ...result.notes.map((n) => `  note: ${n}`),
        `\nEach is an ad in the app. Export the set for an ads manager: zapcut pack ${result.setId} <folder>`,
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (controller.signal.aborted) {
      console.error(err instanceof Error ? err.message : String(err));
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    backend.close();
  }
}
