/**
 * THE FFmpeg runner: every FFmpeg process in Zapcut starts here. It
 *  - adds `-progress pipe:1 -nostats` and reports percent + ETA,
 *  - cancels through an AbortSignal and can kill every live child at app quit (killAllFfmpeg),
 *  - writes to a temp file beside the output and renames it only on success (no half files),
 *  - keeps the tail of stderr for the AppError('FFMPEG') message,
 *  - records each live child in the data folder (recordFfmpegChildrenIn), so the next Zapcut to
 *    start can end FFmpegs a killed process left running (backend/startup-sweep.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { parseProgressChunk, toReport, type ProgressReport } from './progress';

export interface RunFfmpegOptions {
  ffmpegPath: string;
  /** All arguments except `-y`, `-progress` and the output path (appended last). */
  args: string[];
  /** Final output path. Null for runs without a file output (e.g. `-f null -` analysis). */
  output: string | null;
  /** Expected output duration in seconds, for percent/ETA. */
  durationS?: number;
  signal?: AbortSignal;
  onProgress?: (report: ProgressReport) => void;
  /** Called with the child's pid once spawned (benchmarks sample its memory). */
  onSpawn?: (pid: number) => void;
}

export interface RunFfmpegResult {
  output: string | null;
  elapsedS: number;
  stderrTail: string;
}

const STDERR_TAIL_BYTES = 8 * 1024;
const live = new Set<ChildProcess>();

/** One live FFmpeg child, as recorded in `<dir>/<pid>.json` while it runs. */
export interface FfmpegChildRecord {
  pid: number;
  /** The Zapcut process that started it: while that one lives, the child is not an orphan. */
  parentPid: number;
  ffmpegPath: string;
  /** The partial file it writes (null for analysis runs). */
  temp: string | null;
  startedAt: number;
}

let recordDir: string | null = null;
/** Where live children are recorded (the backend sets `<data>/.ffmpeg-children` at start). */
export function recordFfmpegChildrenIn(dir: string | null): void {
  recordDir = dir;
}

function record(child: ChildProcess, ffmpegPath: string, temp: string | null): string | null {
  if (!recordDir || child.pid === undefined) return null;
  const file = path.join(recordDir, `${child.pid}.json`);
  try {
    mkdirSync(recordDir, { recursive: true });
    const rec: FfmpegChildRecord = { pid: child.pid, parentPid: process.pid, ffmpegPath, temp, startedAt: Date.now() };
    writeFileSync(file, JSON.stringify(rec));
    return file;
  } catch {
    return null; // a read-only data folder must not stop an export; the sweep then has less to go on
  }
}

/** Kills every FFmpeg child still running (call on app quit). Returns how many were killed. */
export function killAllFfmpeg(): number {
  let n = 0;
  for (const child of live) {
    if (child.exitCode === null && child.kill('SIGKILL')) n++;
  }
  return n;
}

export function liveFfmpegCount(): number {
  return live.size;
}

/** `<dir>/.<name>.<random>.partial<ext>`: same directory (so rename is atomic), same extension
 *  (so FFmpeg picks the same muxer), hidden and obviously temporary. */
export function tempPathFor(output: string): string {
  const ext = path.extname(output);
  const base = path.basename(output, ext);
  return path.join(path.dirname(output), `.${base}.${randomBytes(4).toString('hex')}.partial${ext}`);
}

/** The last lines of stderr that explain a failure, without the banner noise. */
export function summarizeStderr(tail: string, maxLines = 6): string {
  return tail
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame=|size=|video:|\[libx264 @|\[aac @.*Qavg)/.test(l))
    .slice(-maxLines)
    .join(' | ');
}

export async function runFfmpeg(opts: RunFfmpegOptions): Promise<RunFfmpegResult> {
  const { signal } = opts;
  if (signal?.aborted) throw new AppError('CANCELLED', 'Export cancelled.');
  const temp = opts.output ? tempPathFor(opts.output) : null;
  const args = ['-hide_banner', '-nostdin', '-y', '-progress', 'pipe:1', '-nostats', ...opts.args, ...(temp ? [temp] : [])];
  const started = performance.now();
  const child = spawn(opts.ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  live.add(child);
  const recorded = record(child, opts.ffmpegPath, temp);
  if (child.pid !== undefined) opts.onSpawn?.(child.pid);

  let stderrTail = '';
  let progressBuf = '';
  let cancelled = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const { samples, rest } = parseProgressChunk(progressBuf + chunk);
    progressBuf = rest;
    if (!opts.onProgress) return;
    for (const s of samples) {
      opts.onProgress(toReport(s, opts.durationS ?? 0, (performance.now() - started) / 1000));
    }
  });
  const onAbort = () => {
    cancelled = true;
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  const exit = await new Promise<{ code: number | null; sig: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, sig: null, error }));
    child.once('close', (code, sig) => resolve({ code, sig }));
  });
  live.delete(child);
  signal?.removeEventListener('abort', onAbort);
  try {
    return await finish(opts, exit, { temp, cancelled, started, stderrTail, args });
  } finally {
    // The record outlives the partial file: removed only once the file is renamed or deleted, so
    // another Zapcut's start-up sweep never takes this in-flight output for a killed process's leftover.
    if (recorded) rmSync(recorded, { force: true });
  }
}

async function finish(
  opts: RunFfmpegOptions,
  exit: { code: number | null; sig: NodeJS.Signals | null; error?: Error },
  { temp, cancelled, started, stderrTail, args }: { temp: string | null; cancelled: boolean; started: number; stderrTail: string; args: string[] },
): Promise<RunFfmpegResult> {
  const elapsedS = (performance.now() - started) / 1000;
  const ok = !cancelled && !exit.error && exit.code === 0;
  if (!ok) {
    if (temp) await rm(temp, { force: true });
    if (cancelled) throw new AppError('CANCELLED', 'Export cancelled.');
    if (exit.error) {
      throw new AppError('FFMPEG', `Could not start FFmpeg at "${opts.ffmpegPath}": ${exit.error.message}. Check the FFmpeg path in Settings.`, { cause: exit.error });
    }
    const why = exit.sig ? `was killed (${exit.sig})` : `exited with code ${exit.code}`;
    throw new AppError('FFMPEG', `FFmpeg ${why}: ${summarizeStderr(stderrTail) || 'no error output'}`, {
      details: { stderrTail: stderrTail.slice(-2000), args },
    });
  }
  if (temp && opts.output) {
    try {
      await rename(temp, opts.output);
    } catch (cause) {
      await rm(temp, { force: true });
      throw new AppError('IO', `Could not write ${opts.output}. Check the folder exists and is writable.`, { cause });
    }
  }
  return { output: opts.output, elapsedS, stderrTail };
}
