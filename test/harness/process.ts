/**
 * Runs the harness as its own process (`node --import tsx test/harness/server.ts`), the way
 * `npm run harness` does. Playwright uses this: its TypeScript loader differs from tsx (e.g. JSON
 * imports), and a separate process makes "restart the backend" a real restart — a fresh process
 * opening the same data folder, like quitting and reopening the app.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { repoRoot } from './renderer-build';

export interface HarnessProcess {
  url: string;
  dataDir: string;
  pid: number;
  close(): Promise<void>;
}

/** What server.ts prints on stdout once it is listening (one JSON line after the marker). */
export const readyMarker = 'harness:ready ';
const Ready = z.object({ url: z.url(), dataDir: z.string().min(1) });

export function spawnHarness(opts: { dataDir?: string; port?: number; timeoutMs?: number } = {}): Promise<HarnessProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ZAPCUT_HARNESS_PORT: String(opts.port ?? 0), ZAPCUT_HARNESS_NO_BUILD: '1' };
  if (opts.dataDir) env.ZAPCUT_DATA_DIR = opts.dataDir;
  else delete env.ZAPCUT_DATA_DIR;
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/harness/server.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    process.stderr.write(`[harness ${child.pid}] ${chunk.toString()}`);
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`harness did not start within ${opts.timeoutMs ?? 30_000} ms:\n${stderr.join('')}`));
    }, opts.timeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with code ${code} before it was ready:\n${stderr.join('')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(readyMarker)) return;
      clearTimeout(timer);
      const ready = Ready.parse(JSON.parse(line.slice(readyMarker.length)));
      resolve({
        ...ready,
        pid: child.pid ?? -1,
        async close() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
