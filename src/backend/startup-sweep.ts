/**
 * What a killed Zapcut (kill -9, a crash, a power cut) leaves behind, cleaned when the app or the
 * CLI starts (createServiceContext), before anything else runs:
 *  - FFmpeg children still running: every child is recorded in `<data>/.ffmpeg-children/<pid>.json`
 *    while it runs (pipeline/ffmpeg/run.ts); a record whose Zapcut process is gone names an orphan,
 *    which is killed when it is still that FFmpeg (its command line names the recorded binary and
 *    partial file, so a reused pid is never killed; checked on Linux through /proc and elsewhere
 *    with `ps`; on Windows the record is dropped and nothing is killed).
 *  - half-written files, only by our own naming and only in our folders: FFmpeg's partial outputs
 *    (`.<name>.<8 hex>.partial.<ext>`) no live child writes, atomic-write temps named with the pid
 *    of a process that is gone (`<file>.<pid>[.<ms>].tmp`), and the media store's temp files of a
 *    process that is gone (`<pid>-<uuid>.<ext>`; older unnamed ones after a day, as before).
 * A user's own files never match: the folders are Zapcut's and the names are the ones it makes.
 * The CLI and the app may share a data folder: anything a live process owns is left alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { FfmpegChildRecord } from '../pipeline/ffmpeg/run';

export const FFMPEG_CHILDREN_DIR = '.ffmpeg-children';

/** Folders of the data folder where Zapcut writes partial files, with how deep to look (never the user's export targets). */
const PARTIAL_DIRS: [string, number][] = [['.', 0], ['media/.tmp', 0], ['editor-cache', 0], ['cache/text', 0], ['exports', 1], ['runs', 3], ['variants', 2]];

const PARTIAL = /^\.[^/]+\.[0-9a-f]{8}\.partial(\.[a-z0-9]{1,8})?$/i;
/** `<name>.<ext>.<pid>[.<ms>].tmp`, as our atomic writers name them (a user's `holiday.2024.tmp` does not match). */
const PID_TMP = /\.[a-z0-9]{2,5}\.(\d{1,10})(\.\d{10,16})?\.tmp$/i;
const STORE_TEMP = /^(\d{1,10})-[0-9a-f-]{36}(\.[a-z0-9]{1,8})?$/i;

export interface SweepResult {
  killed: number[];
  removed: string[];
}

/** Whether a process runs (a zombie — exited, not yet reaped — does not). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: alive, but someone else's
  }
  if (process.platform !== 'linux') return true;
  try {
    return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The process's command line, or null when it cannot be read here. */
function commandLine(pid: number): string | null {
  try {
    if (process.platform === 'linux') return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    if (process.platform === 'win32') return null;
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
  } catch {
    return null;
  }
}

function killOrphans(dataDir: string, out: SweepResult, liveTemps: Set<string>): void {
  const dir = path.join(dataDir, FFMPEG_CHILDREN_DIR);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    let rec: FfmpegChildRecord;
    try {
      rec = JSON.parse(readFileSync(file, 'utf8')) as FfmpegChildRecord;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    if (isAlive(rec.parentPid)) {
      if (rec.temp) liveTemps.add(rec.temp); // a live Zapcut's export (this one's, or the CLI's): not to touch
      continue;
    }
    if (isAlive(rec.pid)) {
      const cmd = commandLine(rec.pid);
      if (cmd && cmd.includes(rec.ffmpegPath) && (!rec.temp || cmd.includes(rec.temp))) {
        try {
          process.kill(rec.pid, 'SIGKILL');
          out.killed.push(rec.pid);
        } catch {
          // Exited meanwhile.
        }
      }
    }
    rmSync(file, { force: true });
  }
}

/** Our half-written files under the data folder's partial-file folders, listed before the live children are read. */
function listLeftovers(dataDir: string): { file: string; rel: string; name: string }[] {
  const found: { file: string; rel: string; name: string }[] = [];
  for (const [rel, depth] of PARTIAL_DIRS) listDir(path.join(dataDir, rel), rel, depth, found);
  return found;
}

function listDir(dir: string, rel: string, depth: number, found: { file: string; rel: string; name: string }[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    const file = path.join(dir, name);
    if (entry.isDirectory() && !STORE_TEMP.test(name)) {
      if (depth > 0) listDir(file, rel, depth - 1, found);
      continue;
    }
    if (PARTIAL.test(name) || PID_TMP.test(name) || (rel === 'media/.tmp' && STORE_TEMP.test(name))) found.push({ file, rel, name });
  }
}

function isStale({ file, rel, name }: { file: string; rel: string; name: string }, liveTemps: Set<string>): boolean {
  if (PARTIAL.test(name)) return !liveTemps.has(file);
  if (PID_TMP.test(name)) return !isAlive(Number(PID_TMP.exec(name)![1]));
  return rel === 'media/.tmp' && !isAlive(Number(STORE_TEMP.exec(name)![1]));
}

/** Kills orphaned FFmpeg children and removes half-written files of Zapcut processes that are gone. */
export function sweepLeftovers(dataDir: string): SweepResult {
  const out: SweepResult = { killed: [], removed: [] };
  // The files are listed first and the live children read after: a partial file that exists at the
  // listing was created by an FFmpeg whose record was written when it was spawned, and a live process
  // (the CLI beside the app, or a resume refused by another's lease) keeps its record until the file
  // is renamed (ffmpeg/run.ts) — so another live process's in-flight output is never taken for a leftover.
  const candidates = listLeftovers(dataDir);
  const liveTemps = new Set<string>();
  killOrphans(dataDir, out, liveTemps);
  for (const c of candidates) {
    if (!isStale(c, liveTemps)) continue;
    try {
      rmSync(c.file, { force: true, recursive: true });
      out.removed.push(c.file);
    } catch {
      // Not ours to remove after all (permissions): leave it.
    }
  }
  return out;
}
