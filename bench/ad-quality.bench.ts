/**
 * bench:ad-quality — would a business post these ads? Generates the fixed brief set offline
 * (resources/briefs: coffee 30 s 16:9, serum 15 s 9:16, running shoe 60 s 1:1, SaaS 30 s 9:16, a
 * Spanish café with CJK words 30 s 1:1, a brief full of FFmpeg-hostile characters 30 s 16:9, a
 * 120-character name with a 2000-character description 30 s 16:9, honey 15 s 9:16; the coffee brief
 * again at 15 s 9:16 and 1:1) and reports,
 * per ad and in total:
 * layout overlaps, unsafe-zone intrusions and truncations (the layout solver's report), seconds
 * of voice cut off, integrated loudness and true peak (ebur128 of the MP4), and how far the music
 * sits under the voice during speech (the stems over the speech windows) — the same facts
 * `zapcut check` reports, read the same way (pipeline/quality/inspect.ts).
 *
 *   npm run bench:ad-quality [-- --scale 0.25] [--only serum-vertical,example@9:16/15] [--keep <dir>]
 *
 * --scale renders at that fraction of 1080p (default 0.25: a few minutes for all seven on two
 * cores; sound and layout facts do not depend on it). --keep writes each ad and a contact sheet
 * (one frame per second) into <dir>. Goal on every ad: 0 overlaps, 0 unsafe, 0 truncations,
 * 0 s voice cut, −14 ±0.5 LUFS, ≤ −1 dBTP, music 8–12 dB under the voice.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../src/backend/backend';
import { loadBrief } from '../src/pipeline/brief';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../src/pipeline/ffmpeg/run';
import { defaultResolution, runToEnd } from '../src/pipeline/generate';
import { inspectExport } from '../src/pipeline/quality/inspect';

// `name@aspect/seconds` makes a brief in another shape: the README brief in all three aspects (its
// 9:16 end card failed the layout check while the briefs made in their own shape passed).
const BRIEFS = ['example', 'example@9:16/15', 'example@1:1/15', 'serum-vertical', 'shoe-square', 'saas-vertical', 'cafe-cjk-square', 'hostile-characters', 'long-name', 'honey-vertical'];

function shapeOf(entry: string): { file: string; aspect?: '16:9' | '9:16' | '1:1'; length?: 15 | 30 | 60 } {
  const m = /^([\w-]+)(?:@(16:9|9:16|1:1)\/(15|30|60))?$/.exec(entry);
  if (!m) throw new Error(`--only: "${entry}" is not <brief> or <brief>@<aspect>/<seconds>`);
  return { file: m[1]!, ...(m[2] ? { aspect: m[2] as '16:9' | '9:16' | '1:1', length: Number(m[3]) as 15 | 30 | 60 } : {}) };
}

interface Row {
  name: string;
  shape: string;
  overlaps: number | null;
  unsafe: number | null;
  truncations: number | null;
  voiceCutS: number;
  /** Voice lines still speaking across a scene cut. */
  crossings: number;
  lufs: number;
  truePeak: number;
  voiceOverMusic: number | null;
  seconds: number;
}

const fmt = (v: number | null, digits = 1) => (v === null ? 'n/a' : v.toFixed(digits));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.25' }, only: { type: 'string' }, keep: { type: 'string' } } });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : BRIEFS;
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-ads-'));
  process.env.ZAPCUT_DATA_DIR = path.join(dir, 'data');
  const keep = values.keep ? path.resolve(values.keep) : null;
  if (keep) await mkdir(keep, { recursive: true });
  const bins = resolveBinaries();
  // The backend every caller builds (the CLI's, the app's), over the bench's data folder.
  const backend = createBackend({ dataDir: process.env.ZAPCUT_DATA_DIR!, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false } });
  const rows: Row[] = [];
  try {
    for (const name of names) {
      const shape = shapeOf(name);
      const loaded = await loadBrief(path.resolve(import.meta.dirname, '../resources/briefs', `${shape.file}.json`));
      const brief = shape.aspect ? { ...loaded, aspect: shape.aspect, lengthSeconds: shape.length! } : loaded;
      const t0 = performance.now();
      const run = backend.runs.create(brief, { provider: 'offline', resolution: defaultResolution(brief.aspect, scale) });
      const notes: string[] = [];
      const result = await runToEnd(backend.pipeline, run.id, { onEvent: (e) => e.type === 'note' && e.stepId === 'voiceover' && notes.push(e.message) });
      const seconds = (performance.now() - t0) / 1000;
      const { facts, plan } = await inspectExport(result.exportPath, bins);
      const layout = plan?.layout ?? null;
      const row: Row = {
        name,
        shape: `${brief.lengthSeconds}s ${brief.aspect}`,
        overlaps: layout?.overlaps ?? null,
        unsafe: layout?.unsafe ?? null,
        truncations: layout?.truncations ?? null,
        voiceCutS: plan?.voice.cutSeconds ?? NaN,
        crossings: plan?.voice.crossingCuts.length ?? NaN,
        lufs: facts.loudness?.integratedLufs ?? NaN,
        truePeak: facts.loudness?.truePeakDb ?? NaN,
        voiceOverMusic: plan?.balance?.voiceOverMusicDb ?? null,
        seconds,
      };
      rows.push(row);
      console.log(
        `${name.padEnd(18)} ${row.shape.padEnd(9)} overlaps ${fmt(row.overlaps, 0)}  unsafe ${fmt(row.unsafe, 0)}  truncations ${fmt(row.truncations, 0)}  voice cut ${row.voiceCutS.toFixed(2)} s (${row.crossings} across a cut)  ` +
          `${row.lufs.toFixed(1)} LUFS  ${row.truePeak.toFixed(1)} dBTP  music ${fmt(row.voiceOverMusic)} dB under voice  (${seconds.toFixed(0)} s)`,
      );
      for (const n of notes) console.log(`    ${n}`);
      if (keep) {
        const file = name.replace(/[@:/]/g, '-');
        await copyFile(result.exportPath, path.join(keep, `${file}.mp4`));
        const tiles = Math.ceil(brief.lengthSeconds / 6);
        await runFfmpeg({ ffmpegPath: bins.ffmpegPath, args: ['-i', result.exportPath, '-vf', `fps=1,scale=${brief.aspect === '16:9' ? 320 : brief.aspect === '1:1' ? 240 : 180}:-2,tile=6x${tiles}`, '-frames:v', '1'], output: path.join(keep, `${file}-sheet.png`) });
      }
    }
  } finally {
    backend.close();
    await rm(dir, { recursive: true, force: true });
  }
  const sum = (k: 'overlaps' | 'unsafe' | 'truncations') => (rows.some((r) => r[k] === null) ? 'na' : String(rows.reduce((s, r) => s + r[k]!, 0)));
  const balances = rows.map((r) => r.voiceOverMusic).filter((v): v is number => v !== null);
  const lufs = rows.map((r) => r.lufs);
  console.log(
    `total: ${rows.length} ads, ${sum('overlaps')} overlaps, ${sum('unsafe')} unsafe, ${sum('truncations')} truncations, ${rows.reduce((s, r) => s + r.voiceCutS, 0).toFixed(2)} s voice cut, ` +
      `${Math.min(...lufs).toFixed(1)}…${Math.max(...lufs).toFixed(1)} LUFS, true peak ≤ ${Math.max(...rows.map((r) => r.truePeak)).toFixed(1)} dBTP, music ${balances.length ? `${Math.min(...balances).toFixed(1)}…${Math.max(...balances).toFixed(1)}` : 'n/a'} dB under voice`,
  );
  console.log(
    `bench:ad-quality ads=${rows.length} overlaps=${sum('overlaps')} unsafe=${sum('unsafe')} truncations=${sum('truncations')} voice_cut_s=${rows.reduce((s, r) => s + r.voiceCutS, 0).toFixed(2)} ` +
      `lufs_min=${Math.min(...lufs).toFixed(1)} lufs_max=${Math.max(...lufs).toFixed(1)} true_peak_max=${Math.max(...rows.map((r) => r.truePeak)).toFixed(1)} voice_over_music_db_min=${balances.length ? Math.min(...balances).toFixed(1) : 'na'}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
