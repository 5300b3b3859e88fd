/**
 * `zapcut brand style` against a real data folder: a brand whose style was learned (offline) from
 * a finished ad; the command prints the status, writes the preview pair and records --approve.
 * `zapcut brand font`: a bundled family set, the brand's own .ttf set, an unknown family and a
 * renamed PNG refused with the font unchanged.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveBinaries, runFfmpeg } from '../../pipeline/ffmpeg';
import { createServiceContext } from '../../backend/backend';
import { openDatabase } from '../../backend/storage/database';
import { sqliteRunStore } from '../../backend/storage/repos/runs';
import { CANCELLED_MESSAGE, approvedStyleFor, startStyleTraining, stopBrandStyles, styleTrainingsSettled, styleView } from '../../backend/services/brand-style/service';
import * as styleRepo from '../../backend/storage/repos/brand-styles';
import { run } from './brand';

const { ffmpegPath } = resolveBinaries();
let dir: string;
let reedId: string;
let kiteId: string;
const oldDataDir = process.env.ZAPCUT_DATA_DIR;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-cli-brand-'));
  process.env.ZAPCUT_DATA_DIR = join(dir, 'data');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const ctx = createServiceContext({ dataDir: join(dir, 'data') });
  const db = ctx.db;
  const clip = join(dir, 'ad.mp4');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=128x72:r=8:d=3', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast'], output: clip });
  const img = join(dir, 'product.png');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=96x96', '-frames:v', '1'], output: img });
  const exported = await ctx.media.putFile(clip);
  const now = ctx.now();
  const brandId = randomUUID();
  kiteId = brandId;
  db.prepare("INSERT INTO brands (id, name, colors_json, created_at, updated_at) VALUES (?, 'Kite Co', '[\"#D7263D\"]', ?, ?)").run(brandId, now, now);
  const store = sqliteRunStore(db);
  const runId = store.createRun({ id: randomUUID(), projectId: null, provider: 'offline', input: { brief: { aspect: '1:1', product: { name: 'Kite', images: [img] } }, seed: 3 } }).id;
  store.startStep(runId, 'export:1x1');
  store.finishStep(runId, 'export:1x1', { preset: 'p', media: exported.sha256, thumbnail: '', durationMs: 3000, bytes: exported.bytes });
  store.setRunStatus(runId, 'succeeded');
  startStyleTraining(ctx, brandId, { sourceRunId: runId, provider: 'offline' });
  await styleTrainingsSettled(ctx);
  expect(styleView(ctx, brandId).status).toBe('ready');
  expect(approvedStyleFor(ctx, brandId)).toBeUndefined();
  stopBrandStyles(ctx);
  // Reed Co: a training left running by an earlier session (the next backend resumes it).
  reedId = randomUUID();
  db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES (?, 'Reed Co', ?, ?)").run(reedId, now, now);
  styleRepo.insertTraining(db, { id: randomUUID(), brandId: reedId, provider: 'offline', sourceRunId: runId }, now);
  db.close();
});

afterAll(() => {
  if (oldDataDir === undefined) delete process.env.ZAPCUT_DATA_DIR;
  else process.env.ZAPCUT_DATA_DIR = oldDataDir;
  rmSync(dir, { recursive: true, force: true });
});

describe('zapcut brand style', () => {
  it('prints the status, writes the preview pair and records --approve', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await run(['style', 'kite co', '--approve', '--out', join(dir, 'out')])).toBe(0);
      const text = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(text).toMatch(/Brand style of Kite Co: ready/u);
      expect(text).toMatch(/Used for future ads: yes/u);
      for (const kind of ['standard', 'custom']) {
        const png = readFileSync(join(dir, 'out', `kite-co-style-${kind}.png`));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      }
    } finally {
      log.mockRestore();
    }
    await expect(run(['style', 'Nope'])).rejects.toThrow(/No brand "Nope"/u);
    await expect(run(['style', 'Kite Co', '--approve', '--reject'])).rejects.toThrow(/only one of --approve, --reject or --cancel/u);
    await expect(run(['style', 'Kite Co', '--cancel', '--wait'])).rejects.toThrow(/either --cancel or --wait/u);
    // Nothing is being learned for Kite Co (it is ready): cancel says so.
    await expect(run(['style', 'Kite Co', '--cancel'])).rejects.toThrow(/nothing to cancel/u);
    await expect(run(['colour'])).rejects.toThrow(/Usage/u);
  }, 60_000);
  it('--cancel stops a training that is being learned: prints that it was cancelled and exits 0', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await run(['style', 'Reed Co', '--cancel'])).toBe(0);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/Brand style of Reed Co: failed\n {2}Cancelled: future ads use the standard style/u);
    } finally {
      log.mockRestore();
    }
    const db = openDatabase(join(dir, 'data', 'zapcut.sqlite'));
    try {
      expect(styleRepo.latestStyle(db, reedId)).toMatchObject({ status: 'failed', error: CANCELLED_MESSAGE });
    } finally {
      db.close();
    }
  }, 60_000);
});

const MONTSERRAT = join(dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/montserrat/package.json')), '700Bold/Montserrat_700Bold.ttf');

describe('zapcut brand font', () => {
  const fontOf = (): string | null => {
    const db = openDatabase(join(dir, 'data', 'zapcut.sqlite'));
    try {
      return (db.prepare('SELECT font FROM brands WHERE id = ?').get(kiteId) as { font: string | null }).font;
    } finally {
      db.close();
    }
  };
  const printed = async (argv: string[]): Promise<string> => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await run(argv)).toBe(0);
      return log.mock.calls.map((c) => String(c[0])).join('\n');
    } finally {
      log.mockRestore();
    }
  };

  it('sets a bundled family and the brand\'s own .ttf; refuses an unknown family and a renamed PNG, keeping the font', async () => {
    expect(await printed(['font', 'Kite Co'])).toMatch(/^Font of Kite Co: Noto Sans \(the default\)\.$/u);
    expect(await printed(['font', 'kite co', 'Playfair Display'])).toMatch(/^Font of Kite Co: Playfair Display\./u);
    expect(fontOf()).toBe('playfair-display');

    const ttf = join(dir, 'Kite Sans.ttf');
    copyFileSync(MONTSERRAT, ttf);
    expect(await printed(['font', 'Kite Co', ttf])).toMatch(/^Font of Kite Co: its own font "Kite Sans\.ttf"/u);
    const own = fontOf()!;
    expect(own).toMatch(/^file:[0-9a-f]{64}$/u);
    const stored = join(dir, 'data', 'media', own.slice(5, 7), own.slice(5));
    expect(readFileSync(stored)).toEqual(readFileSync(MONTSERRAT));
    expect(await printed(['font', 'Kite Co'])).toMatch(/Font of Kite Co: the brand's own font file\./u);

    await expect(run(['font', 'Kite Co', 'comic-sans'])).rejects.toThrow(
      /Unknown font "comic-sans"\. Pass one of the six bundled families — Noto Sans \(clean, the default\), Montserrat \(geometric\), Oswald \(condensed\), Playfair Display \(display serif\), Nunito \(rounded\), Lora \(classic serif\) — or the path of the brand's own \.ttf or \.otf file\. Nothing was changed\./u,
    );
    expect(fontOf()).toBe(own);

    const png = join(dir, 'logo.ttf');
    writeFileSync(png, createCanvas(8, 8).toBuffer('image/png'));
    await expect(run(['font', 'Kite Co', png])).rejects.toThrow(/"logo\.ttf" is not a font file \(TrueType \.ttf or OpenType \.otf\)\. Choose the font file itself\.\nKite Co keeps its font: the brand's own font file\./u);
    expect(fontOf()).toBe(own);
    expect(existsSync(stored)).toBe(true);

    await expect(run(['font', 'Kite Co', join(dir, 'missing.otf')])).rejects.toThrow(/was not found\.\nKite Co keeps its font/u);
    await expect(run(['font', 'Kite', 'Co', 'Oswald'])).rejects.toThrow(/put a brand or font name that has spaces in quotes/u);
    await expect(run(['font', 'Nope', 'Oswald'])).rejects.toThrow(/No brand "Nope"/u);
    expect(fontOf()).toBe(own);
  }, 60_000);
});
