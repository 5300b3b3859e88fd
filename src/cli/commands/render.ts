/**
 * `zapcut render <timeline.json> --out ad.mp4 [--preset 16:9|9:16|1:1|4k] [--draft]`: exports a
 * timeline document with the same exporter the app uses, showing a progress bar and ETA.
 * Media entries resolve by `file` (relative to the timeline's folder) or by `sha256` in the
 * media store (`--media-dir`, default `<data folder>/media`). Ctrl-C cancels cleanly.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveDataDir } from '../../backend/media-store';
import { exportTimeline, type ExportProgress } from '../../pipeline/compose';
import { AppError } from '../../shared/errors';
import { AspectPreset, type MediaEntry } from '../../shared/timeline';
import { formatEta } from './progress-bar';

export const summary = 'Export a timeline JSON to MP4 (one FFmpeg pass) with a progress bar';

const USAGE = `Usage: zapcut render <timeline.json> --out <ad.mp4> [--preset 16:9|9:16|1:1|4k] [--draft]
                     [--media-dir <folder>] [--no-thumbnail] [--ffmpeg <path>]

  --out          output .mp4 (written atomically; a .jpg thumbnail is written beside it)
  --preset       aspect preset (default: the timeline's own)
  --draft        fast 540p preview render (x264 ultrafast)
  --media-dir    folder holding media by sha256 (<dir>/<sha[0:2]>/<sha> or <dir>/<sha>);
                 default <data folder>/media. Entries with a relative "file" resolve next to the timeline.
  --no-thumbnail skip the thumbnail JPG
  --ffmpeg       use this FFmpeg instead of the bundled one`;

const Args = z
  .object({
    timeline: z.string().min(1, 'give the timeline JSON file'),
    out: z.string().min(1, 'give --out <file.mp4>').refine((p) => p.toLowerCase().endsWith('.mp4'), '--out must end in .mp4'),
    preset: AspectPreset.optional(),
    draft: z.boolean(),
    mediaDir: z.string().optional(),
    thumbnail: z.boolean(),
    ffmpeg: z.string().optional(),
  })
  .strict();
export type RenderArgs = z.infer<typeof Args>;

export function parseRenderArgs(argv: string[]): RenderArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        preset: { type: 'string' },
        draft: { type: 'boolean', default: false },
        'media-dir': { type: 'string' },
        'no-thumbnail': { type: 'boolean', default: false },
        ffmpeg: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new AppError('VALIDATION', `${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw new AppError('VALIDATION', `expected one timeline file, got ${positionals.length}\n\n${USAGE}`);
  const r = Args.safeParse({
    timeline: positionals[0] ?? '',
    out: values.out ?? '',
    preset: values.preset,
    draft: values.draft,
    mediaDir: values['media-dir'],
    thumbnail: !values['no-thumbnail'],
    ffmpeg: values.ffmpeg,
  });
  if (!r.success) throw new AppError('VALIDATION', `${r.error.issues.map((i) => i.message).join('; ')}\n\n${USAGE}`);
  return r.data;
}

/** file → next to the timeline; sha256 → the media store layout (or flat) in mediaDir. */
export function cliResolver(timelineDir: string, mediaDir: string) {
  return (id: string, entry: MediaEntry): string => {
    if (entry.file) return path.join(timelineDir, entry.file);
    if (entry.sha256) {
      const candidates = [path.join(mediaDir, entry.sha256.slice(0, 2), entry.sha256), path.join(mediaDir, entry.sha256)];
      const found = candidates.find((c) => existsSync(c));
      if (!found) throw new AppError('NOT_FOUND', `no file for sha256 ${entry.sha256} in ${mediaDir} (use --media-dir)`);
      return found;
    }
    throw new AppError('NOT_FOUND', `media "${id}" names only an asset id; the CLI needs a "file" or "sha256" for it`);
  };
}

function progressPrinter(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY === true;
  let lastPlain = -10;
  return (p: ExportProgress) => {
    const width = 28;
    const filled = Math.round((p.percent / 100) * width);
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${p.percent.toFixed(0).padStart(3)}%  ETA ${p.etaS === null ? '…' : formatEta(p.etaS)}  ${p.stage}`;
    if (tty) stream.write(`\r\x1b[2K${line}`);
    else if (p.percent - lastPlain >= 10 || p.stage === 'done') {
      lastPlain = p.percent;
      stream.write(`${line}\n`);
    }
  };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseRenderArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(args.timeline, 'utf8'));
  } catch (err) {
    throw new AppError((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'VALIDATION', `cannot read ${args.timeline}: ${(err as Error).message}`);
  }
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const print = progressPrinter(process.stderr);
  try {
    const result = await exportTimeline(raw, {
      resolveMedia: cliResolver(path.dirname(path.resolve(args.timeline)), path.resolve(args.mediaDir ?? path.join(resolveDataDir(), 'media'))),
      out: args.out,
      preset: args.preset,
      draft: args.draft,
      thumbnail: args.thumbnail ? undefined : false,
      ffmpegPath: args.ffmpeg ?? null,
      signal: ac.signal,
      onProgress: print,
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`${result.out}  ${result.width}×${result.height} ${result.fps} fps  ${result.durationS.toFixed(2)} s  ${(result.bytes / 1e6).toFixed(1)} MB  in ${result.elapsedS.toFixed(1)} s`);
    if (result.thumbnail) console.log(`thumbnail: ${result.thumbnail}`);
    return 0;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (err instanceof AppError && err.code === 'CANCELLED') {
      console.error('zapcut render: cancelled; no output written.');
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
