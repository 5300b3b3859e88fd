/**
 * `zapcut brand style <brand> [--wait] [--approve|--reject|--cancel] [--out dir]` (issue 9): prints
 * the brand's learned-style status, writes the preview pair (standard vs custom) as PNGs, records
 * the user's yes/no, or cancels a running training. `<brand>` is a brand id or name. `--wait` keeps this process working on a
 * training until it is ready or failed (the backend resumes trainings on start).
 *
 * `zapcut brand font <brand> [<family>|<file.ttf|.otf>]` (issue 22): prints the brand font, or sets
 * it to one of the six bundled families or the brand's own font file, through the app's own
 * channel (brand/setFont: the same checks; a refused file changes nothing).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Brand } from '../../shared/domain';
import type { BrandStyleView } from '../../shared/domain/brand-style';
import type { Backend } from '../../backend/backend';
import { openCliBackend } from './cli-backend';
import { resolveDataDir } from '../../backend/media-store/data-dir';
import { openMediaStore } from '../../backend/media-store';
import { BUNDLED_FONTS, bundledFontByName, isFontFile, type BundledFontId } from '../../shared/timeline/fonts';

const STYLE_USAGE = 'zapcut brand style <brand> [--wait] [--approve|--reject|--cancel] [--out dir]';
const FONT_USAGE = 'zapcut brand font <brand> [<family>|<file.ttf|.otf>]';
const USAGE = `${STYLE_USAGE}\n       ${FONT_USAGE}`;
export const summary =
  'Show, preview, approve or cancel a brand\'s learned style: brand style <brand> [--wait] [--approve|--reject|--cancel] [--out dir]; show or set the brand font: brand font <brand> [<family>|<file.ttf>].';
const FAMILIES = BUNDLED_FONTS.map((f) => `${f.name} (${f.look}${f.id === 'noto-sans' ? ', the default' : ''})`).join(', ');

const Args = z
  .object({
    brand: z.string().min(1, 'name the brand (its name or id)'),
    wait: z.boolean(),
    decision: z.enum(['approve', 'reject', 'cancel']).optional(),
    out: z.string().min(1),
  })
  .strict();

function parseArgs(argv: string[]): z.infer<typeof Args> {
  const [, ...rest] = argv;
  const positional: string[] = [];
  let wait = false;
  let decision: 'approve' | 'reject' | 'cancel' | undefined;
  let out = process.cwd();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--wait') wait = true;
    else if (a === '--approve' || a === '--reject' || a === '--cancel') {
      if (decision) throw new AppError('VALIDATION', 'Pass only one of --approve, --reject or --cancel.');
      decision = a === '--approve' ? 'approve' : a === '--reject' ? 'reject' : 'cancel';
    } else if (a === '--out') out = rest[++i] ?? '';
    else if (a.startsWith('-')) throw new AppError('VALIDATION', `Unknown option ${a}. Options: --wait, --approve, --reject, --cancel, --out <dir>.`);
    else positional.push(a);
  }
  const parsed = Args.safeParse({ brand: positional.join(' '), wait, decision, out });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\nUsage: ${STYLE_USAGE}`);
  if (parsed.data.decision === 'cancel' && wait) throw new AppError('VALIDATION', 'Pass either --cancel or --wait, not both.');
  return parsed.data;
}

const FontArgs = z
  .object({
    brand: z.string().min(1, 'name the brand (its name or id)'),
    /** A bundled family, or the absolute path of the brand's own font file; absent: show the font. */
    font: z.union([z.object({ family: z.enum(BUNDLED_FONTS.map((f) => f.id) as [BundledFontId, ...BundledFontId[]]) }).strict(), z.object({ file: z.string().min(1) }).strict()]).optional(),
  })
  .strict();

function parseFontArgs(argv: string[]): z.infer<typeof FontArgs> {
  const [, ...rest] = argv;
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) throw new AppError('VALIDATION', `Unknown option ${unknown}. Usage: ${FONT_USAGE}`);
  if (rest.length > 2) throw new AppError('VALIDATION', `Too many words: put a brand or font name that has spaces in quotes, e.g. zapcut brand font "Kite Co" "Playfair Display".\nUsage: ${FONT_USAGE}`);
  const [brand = '', arg] = rest;
  let font: z.input<typeof FontArgs>['font'];
  if (arg !== undefined) {
    const family = bundledFontByName(arg);
    if (family) font = { family };
    else if (/\.(ttf|otf)$/iu.test(arg) || /[/\\]/u.test(arg) || existsSync(arg)) font = { file: path.resolve(arg) };
    else throw new AppError('VALIDATION', `Unknown font "${arg}". Pass one of the six bundled families — ${FAMILIES} — or the path of the brand's own .ttf or .otf file. Nothing was changed.`);
  }
  const parsed = FontArgs.safeParse({ brand, font });
  if (!parsed.success) throw new AppError('VALIDATION', `${z.prettifyError(parsed.error)}\nUsage: ${FONT_USAGE}`);
  return parsed.data;
}

/** The brand font in words: a family's name, or the brand's own file. */
function fontName(font: string | null): string {
  if (!font) return 'Noto Sans (the default)';
  if (isFontFile(font)) return 'the brand\'s own font file';
  return BUNDLED_FONTS.find((f) => f.id === font)?.name ?? font;
}

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.value as T;
}

function describe(brand: Brand, v: BrandStyleView): string {
  const lines = [`Brand style of ${brand.name}: ${v.status}`];
  if (v.status === 'none') lines.push('  Not learned yet: it starts by itself after the brand\'s first finished ad.');
  if (v.status === 'training') lines.push(`  Learning from ${v.trainingImages || 'the'} images since ${v.startedAt?.slice(0, 19).replace('T', ' ')} (${v.provider}). Run with --wait to follow it.`);
  if (v.status === 'failed' && v.cancelled) lines.push('  Cancelled: future ads use the standard style. Retry it in the app (brand page) — it keeps the picked training images.');
  if (v.status === 'failed' && !v.cancelled) lines.push(`  Failed: ${v.error ?? 'unknown reason'}`, '  Retry it in the app (brand page) — it keeps the picked training images.');
  if (v.status === 'ready') lines.push(`  Trained on ${v.trainingImages} images (${v.provider}). Used for future ads: ${v.approved === null ? 'not decided (use --approve or --reject)' : v.approved ? 'yes' : 'no'}.`);
  return lines.join('\n');
}

async function writePreview(dataDir: string, v: BrandStyleView, outDir: string, slug: string): Promise<string[]> {
  if (!v.preview) return [];
  const media = openMediaStore(dataDir);
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const [kind, sha] of [['standard', v.preview.standardSha256], ['custom', v.preview.customSha256]] as const) {
    const src = await media.resolve(sha);
    if (!src) throw new AppError('NOT_FOUND', `The ${kind} preview frame is missing from the media folder. Retry the training in the app.`);
    const dest = path.join(outDir, `${slug}-style-${kind}.png`);
    const tmp = `${dest}.${process.pid}.partial`;
    try {
      await copyFile(src.path, tmp);
      await rename(tmp, dest);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new AppError('IO', `Cannot write ${dest}: ${(err as Error).message}. Pick another folder with --out.`, { cause: err });
    }
    written.push(dest);
  }
  return written;
}

async function findBrand(backend: Backend, query: string): Promise<Brand> {
  const brands = await call<Brand[]>(backend, 'brand/list', {});
  const wanted = query.toLowerCase();
  const matches = brands.filter((b) => b.id === query || b.name.toLowerCase() === wanted);
  if (!matches.length) throw new AppError('NOT_FOUND', `No brand "${query}". Brands: ${brands.map((b) => b.name).join(', ') || 'none yet'}.`);
  if (matches.length > 1) throw new AppError('VALIDATION', `Several brands are called "${query}"; pass an id instead: ${matches.map((b) => b.id).join(', ')}.`);
  return matches[0]!;
}

async function runFont(argv: string[]): Promise<number> {
  const args = parseFontArgs(argv);
  const backend = openCliBackend();
  try {
    const brand = await findBrand(backend, args.brand);
    if (!args.font) {
      console.log(`Font of ${brand.name}: ${fontName(brand.font)}.`);
      return 0;
    }
    const input = 'family' in args.font ? { brandId: brand.id, font: args.font.family } : { brandId: brand.id, file: { path: args.font.file } };
    const r = await backend.dispatch('brand/setFont', input);
    // Refused (not a font, over 10 MB, unreadable, missing a letter of the name, not found): nothing changed.
    if (!r.ok) throw new AppError(r.error.code, `${r.error.message}\n${brand.name} keeps its font: ${fontName(brand.font)}.`);
    const after = r.value as Brand;
    const set = 'file' in args.font ? `its own font "${path.basename(args.font.file)}" (a copy is kept in the data folder)` : fontName(after.font);
    console.log(`Font of ${after.name}: ${set}.\n  The brand's ads made in the app from now on set their titles, captions and end card in it.`);
    return 0;
  } finally {
    backend.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: ${USAGE}\n  ${summary}`);
    return 0;
  }
  if (argv[0] === 'font') return runFont(argv);
  if (argv[0] !== 'style') throw new AppError('VALIDATION', `Usage: ${USAGE}`);
  const args = parseArgs(argv);
  const dataDir = resolveDataDir();
  // Trainings a quit interrupted continue in this process (--wait follows them to the end).
  const backend = openCliBackend({ resumeTrainings: true });
  try {
    const brand = await findBrand(backend, args.brand);
    let view = await call<BrandStyleView>(backend, 'brand/style', { brandId: brand.id });
    if (args.wait && view.status === 'training') {
      process.stdout.write('Learning the brand style');
      while (view.status === 'training') {
        await new Promise((r) => setTimeout(r, 1000));
        view = await call<BrandStyleView>(backend, 'brand/style', { brandId: brand.id });
        process.stdout.write('.');
      }
      process.stdout.write('\n');
    }
    if (args.decision === 'cancel') view = await call<BrandStyleView>(backend, 'brand/styleCancel', { brandId: brand.id });
    else if (args.decision) view = await call<BrandStyleView>(backend, 'brand/styleApprove', { brandId: brand.id, approved: args.decision === 'approve' });
    console.log(describe(brand, view));
    const slug = brand.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/gu, '').toLowerCase() || brand.id;
    for (const f of await writePreview(dataDir, view, path.resolve(args.out), slug)) console.log(`  Preview: ${f}`);
    return view.status === 'failed' && !view.cancelled ? 1 : 0;
  } finally {
    backend.close();
  }
}
