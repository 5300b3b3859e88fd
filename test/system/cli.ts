/**
 * Runs the real `zapcut` CLI (bin/zapcut.mjs) as a child process for the system tests: stdin is
 * written and closed, stdout and stderr are collected; `onLine` sees each stdout line as it
 * arrives (the result waits for what it returns).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export function zapcut(args: string[], env: NodeJS.ProcessEnv, stdin = '', onLine?: (line: string) => Promise<void>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../bin/zapcut.mjs'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const pending: Promise<void>[] = [];
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of d.toString().split('\n')) if (onLine && line) pending.push(onLine(line));
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => void Promise.all(pending).then(() => resolve({ code: code ?? 1, out, err }), reject));
    child.stdin.end(stdin);
  });
}
