/**
 * Runs a test child process that prints one JSON line per run event, SIGKILLing it the moment
 * `killAt` says so — the crash the resume tests recover from. Used by the pipeline resume test
 * (fake provider) and the full-system resume tests (proxy in workerd).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '../..');

export type ChildLine = { type: string; stepId?: string; status?: string; runId?: string; reused?: boolean; code?: string; message?: string; jobId?: string };

/** Runs `script` with `args` (as one JSON argument) until `killAt` (then SIGKILL) or its exit. */
export function runKillableChild(script: string, args: object, env: Record<string, string>, killAt?: (l: ChildLine) => boolean): Promise<{ lines: ChildLine[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` (not the tsx wrapper) so SIGKILL hits the process doing the work.
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: ChildLine[] = [];
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (raw) => {
      let l: ChildLine;
      try {
        l = JSON.parse(raw) as ChildLine;
      } catch {
        return;
      }
      lines.push(l);
      if (!killed && killAt?.(l)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, sig) => {
      if (!killed && code !== 0) reject(new Error(`child exited ${code ?? sig}: ${stderr.slice(-2000)} ${JSON.stringify(lines.slice(-3))}`));
      else resolve({ lines, killed });
    });
  });
}
