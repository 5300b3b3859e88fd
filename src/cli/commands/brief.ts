/**
 * `zapcut brief --from-url URL [--out brief.json] [--force]` (issue 22): reads a product page on this
 * machine (https only, public addresses only, 2 MB, 15 s), downloads its product images through the
 * product-image checks and writes a brief `zapcut generate` accepts — the brief and its
 * `<name>-images/` folder appear together or not at all. Prints what it found and what to check.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { resolveBinaries } from '../../pipeline/ffmpeg/binaries';
import { writeBriefFromPage, type WrittenPageBrief } from '../../backend/product-page/brief-from-page';

export const summary = 'Write a brief from a product page: brief --from-url URL [--out brief.json].';

const HELP = `Usage: zapcut brief --from-url URL [--out brief.json] [--force]

  --from-url <url>   the product's page in the shop (https://…)
  --out <file.json>  where to write the brief (default: brief.json); its pictures go to
                     <name>-images/ beside it
  --force            replace an existing brief and images folder

Reads the page's product data (JSON-LD Product, Open Graph, title and description), downloads
up to 4 product images and checks them like \`zapcut generate\` does. Read the brief before you
generate: the audience, benefit and brand description are placeholders to replace.`;

const Args = z.object({
  'from-url': z.string({ error: '--from-url <https://…> is required' }).min(1, '--from-url <https://…> is required'),
  out: z.string().min(1).refine((p) => p.toLowerCase().endsWith('.json'), '--out must end in .json').default('brief.json'),
  force: z.boolean().default(false),
});

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: { 'from-url': { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } }, strict: true }).values;
  } catch (err) {
    throw new AppError('VALIDATION', `${(err as Error).message}\n\n${HELP}`);
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\n\n${HELP}`);
  const a = parsed.data;
  const controller = new AbortController();
  const onSigint = () => controller.abort(new AppError('CANCELLED', 'Cancelled.'));
  process.once('SIGINT', onSigint);
  try {
    console.error(`Reading ${a['from-url']} …`);
    const made = await writeBriefFromPage(a['from-url'], a.out, { bins: resolveBinaries(), force: a.force, signal: controller.signal });
    console.log(describePageBrief(made));
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** What the command prints after writing: what was found, from where, the images, what to check, the next command. */
export function describePageBrief(made: WrittenPageBrief, cwd = process.cwd()): string {
  const { page, brief } = made;
  const from = (f: { from: string } | null) => (f ? ` (from ${f.from})` : '');
  const rel = (p: string) => path.relative(cwd, p) || p;
  const found = [
    `Brief written: ${rel(made.out)}`,
    `  page:        ${page.url}`,
    `  found:       ${page.found.join(', ')}`,
    `  product:     ${brief.product.name}${from(page.name)}`,
    `  brand:       ${brief.brand.name}${from(page.brand)}`,
    `  description: ${brief.product.description.slice(0, 100)}${brief.product.description.length > 100 ? '…' : ''}${from(page.description)}`,
    page.price ? `  price:       ${page.price.amount}${page.price.currency ? ` ${page.price.currency}` : ''} (not in the brief; put it in the cta if you want it said)` : '',
    brief.language ? `  language:    ${brief.language} (from the page)` : '',
    `  images:      ${made.images.length} kept in ${rel(made.imagesDir)}`,
    ...made.images.flatMap((i) => [`    ${path.basename(i.file)} ← ${i.url.slice(0, 120)}`, ...i.warnings.map((w) => `      warning: ${w}`)]),
    ...made.skipped.map((s) => `    skipped ${s.url.slice(0, 120)}: ${s.reason}`),
  ].filter((l) => l !== '');
  return [...found, '', 'Check before you generate:', ...made.checks.map((c) => `  - ${c}`), '', `Then: zapcut generate --brief ${rel(made.out)} --out ad.mp4`].join('\n');
}
