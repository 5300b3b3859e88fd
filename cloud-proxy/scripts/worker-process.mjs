// Starts the Worker with `wrangler dev` (real workerd, local D1 and SQLite Durable Objects) as a
// child process and waits until it answers. Shared by the tests, the benchmark and `npm run dev`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROXY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(PROXY_DIR, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** A JWT secret the Worker accepts (48 random bytes, base64), for a run that signs nobody in again after it ends. */
export const randomJwtSecret = () => randomBytes(48).toString('base64');

/** Writes KEY=VALUE lines (an .env file wrangler reads with --env-file; values are secrets). */
export function writeEnvFile(path, vars) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(String(v))}`).join('\n') + '\n', { mode: 0o600 });
}

/**
 * @param {{ port?: number, persistTo: string, envFile?: string, extraArgs?: string[], stdio?: 'pipe'|'inherit', timeoutMs?: number, ready?: (res: Response) => boolean }} opts
 *   ready: when the Worker counts as up (default: `GET /` answers 2xx; a test of a refusing Worker takes any answer).
 */
export async function startWorker(opts) {
  // A free port is only free until someone binds it: with test files running side by side another
  // process can take it between freePort() and wrangler's bind. A port we chose is chosen again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOn(opts.port ?? (await freePort()), opts);
    } catch (e) {
      if (opts.port !== undefined || attempt >= 4 || !/Address already in use/.test(String(e?.message))) throw e;
    }
  }
}

async function startWorkerOn(port, opts) {
  const args = [WRANGLER, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--persist-to', opts.persistTo, '--show-interactive-dev-session=false', '--log-level', 'warn'];
  if (opts.envFile) args.push('--env-file', opts.envFile);
  args.push(...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, {
    cwd: PROXY_DIR,
    stdio: opts.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    // No telemetry or update checks: our machines have no internet.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CI: process.env.CI ?? 'true', NO_UPDATE_NOTIFIER: '1' },
    detached: false,
  });
  let log = '';
  child.stdout?.on('data', (d) => (log = (log + d).slice(-20000)));
  child.stderr?.on('data', (d) => (log = (log + d).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let exited = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`wrangler dev exited (${exited}) before answering:\n${log}`);
    try {
      const r = await fetch(`${url}/`);
      if ((opts.ready ?? ((res) => res.ok))(r)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`wrangler dev did not answer within ${opts.timeoutMs ?? 90_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    log: () => log,
    stop: () =>
      new Promise((res) => {
        if (exited !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
