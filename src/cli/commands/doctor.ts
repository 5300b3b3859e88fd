/**
 * `zapcut doctor`: what this installation would use, without changing anything — versions, the
 * data folder (and its schema version, read-only), the FFmpeg/ffprobe in use and what that FFmpeg
 * can do. Exits 0 when FFmpeg works, 1 when it does not (the message says how to fix it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { version as appVersion } from '../../../package.json';
import { resolveDataDir } from '../../backend/media-store';
import { latestVersion, schemaVersion as readSchemaVersion } from '../../backend/storage/migrate';
import { databasePath } from '../../backend/storage/database';
import { getCapabilities, resolveBinaries, summarizeCapabilities } from '../../pipeline/ffmpeg';
import { toErrorShape } from '../../shared/errors';
import { getSetting } from '../../backend/storage/repos/settings';

const execFileAsync = promisify(execFile);

export const summary = 'Show versions, the data folder, the FFmpeg in use and its capabilities';

const Args = z.object({ json: z.boolean(), help: z.boolean() });

function parseArgs(argv: string[]): z.infer<typeof Args> {
  const unknown = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  if (unknown.length) throw Object.assign(new Error(`unknown option ${unknown[0]}. Usage: zapcut doctor [--json]`), { usage: true });
  return Args.parse({ json: argv.includes('--json'), help: argv.includes('--help') || argv.includes('-h') });
}

/** The Electron package version, if installed (the binary itself may not be downloaded). */
function electronVersion(): string | null {
  if (process.versions.electron) return process.versions.electron;
  try {
    return (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
  } catch {
    return null;
  }
}

/** Reads the user's FFmpeg path setting and schema version without migrating or writing. */
function readDataFolder(dataDir: string): { exists: boolean; schemaVersion: number | null; ffmpegPathSetting: string } {
  const file = databasePath(dataDir);
  if (!existsSync(file)) return { exists: existsSync(dataDir), schemaVersion: null, ffmpegPathSetting: '' };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const schemaVersion = readSchemaVersion(db);
    const setting = z.string().catch('').parse(getSetting(db, 'ffmpegPath') ?? '');
    return { exists: true, schemaVersion, ffmpegPathSetting: setting };
  } catch {
    return { exists: true, schemaVersion: null, ffmpegPathSetting: '' };
  } finally {
    db.close();
  }
}

async function firstLine(bin: string): Promise<string> {
  const { stdout } = await execFileAsync(bin, ['-version'], { timeout: 20_000 });
  return stdout.split('\n')[0]?.trim() ?? '';
}

export interface DoctorReport {
  zapcut: string;
  node: string;
  electron: string | null;
  platform: string;
  dataDir: { path: string; exists: boolean; schemaVersion: number | null; knownSchemaVersion: number };
  ffmpeg:
    | { ok: true; path: string; bundled: boolean; version: string; ffprobePath: string; ffprobeVersion: string; capabilities: ReturnType<typeof summarizeCapabilities> & { zoompan: boolean; sidechaincompress: boolean } }
    | { ok: false; error: string };
}

export async function doctorReport(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const dataDir = resolveDataDir(undefined, env);
  const folder = readDataFolder(dataDir);
  let ffmpeg: DoctorReport['ffmpeg'];
  try {
    const bin = resolveBinaries({ ffmpegPath: folder.ffmpegPathSetting, env });
    const caps = await getCapabilities(bin.ffmpegPath);
    ffmpeg = {
      ok: true,
      path: bin.ffmpegPath,
      bundled: bin.bundled,
      version: caps.version,
      ffprobePath: bin.ffprobePath,
      ffprobeVersion: (await firstLine(bin.ffprobePath)).replace(/^ffprobe version (\S+).*/, '$1'),
      capabilities: { ...summarizeCapabilities(caps), zoompan: caps.zoompan, sidechaincompress: caps.sidechaincompress },
    };
  } catch (err) {
    ffmpeg = { ok: false, error: toErrorShape(err).message };
  }
  return {
    zapcut: appVersion,
    node: process.versions.node,
    electron: electronVersion(),
    platform: `${process.platform}-${process.arch}`,
    dataDir: { path: dataDir, exists: folder.exists, schemaVersion: folder.schemaVersion, knownSchemaVersion: latestVersion() },
    ffmpeg,
  };
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function formatReport(r: DoctorReport): string {
  const lines = [
    `Zapcut ${r.zapcut}`,
    `  node       ${r.node}`,
    `  electron   ${r.electron ?? 'not installed'}${r.electron && !process.versions.electron ? ' (package; this command runs in Node)' : ''}`,
    `  platform   ${r.platform}`,
    '',
    'Data folder',
    `  path       ${r.dataDir.path}${r.dataDir.exists ? '' : ' (not created yet)'}`,
    `  schema     ${r.dataDir.schemaVersion ?? 'no database yet'} (this version: ${r.dataDir.knownSchemaVersion})`,
    '',
    'FFmpeg',
  ];
  if (!r.ffmpeg.ok) {
    lines.push(`  problem    ${r.ffmpeg.error}`);
  } else {
    const f = r.ffmpeg;
    lines.push(
      `  ffmpeg     ${f.path}${f.bundled ? ' (bundled)' : ''}`,
      `  version    ${f.version}`,
      `  ffprobe    ${f.ffprobePath}`,
      `  version    ${f.ffprobeVersion}`,
      '',
      'Capabilities',
      `  xfade      ${yesNo(f.capabilities.xfade)}${f.capabilities.xfade ? '' : ' (crossfades use alpha fade + overlay)'}`,
      `  libass     ${yesNo(f.capabilities.libass)}`,
      `  drawtext   ${yesNo(f.capabilities.drawtext)}`,
      `  loudnorm   ${yesNo(f.capabilities.loudnorm)}`,
      `  zoompan    ${yesNo(f.capabilities.zoompan)}`,
      `  sidechain  ${yesNo(f.capabilities.sidechaincompress)}`,
      `  encoders   ${f.capabilities.encoders.join(', ') || 'none of the expected ones'}`,
    );
  }
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    console.error(`zapcut doctor: ${(err as Error).message}`);
    return 2;
  }
  if (args.help) {
    console.log(`zapcut doctor [--json]\n\n${summary}. ZAPCUT_DATA_DIR, ZAPCUT_FFMPEG_PATH and ZAPCUT_FFPROBE_PATH are honoured.`);
    return 0;
  }
  const report = await doctorReport();
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ffmpeg.ok ? 0 : 1;
}
