/**
 * `zapcut batch` end to end, as a user runs it: a 10-row JSONL with one bad row, offline, tiny
 * renders. The first process is SIGKILLed once a few ads are made; the batch is then resumed:
 * the bad row is named with its field, finished ads are not made again (same files, same runs),
 * the interrupted run resumes instead of starting over, and every other row ends as an ad. A
 * second process is stopped with Ctrl-C (SIGINT): it ends cleanly (exit 130) and says how to continue.
 */
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, writeBrief } from './pipeline-fixtures';

const root = path.resolve(__dirname, '../..');

interface Child {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `zapcut batch …`; sends `signal` (SIGKILL: a crash; SIGINT: Ctrl-C) when a stderr line makes `killOn` true. */
function zapcut(args: string[], env: Record<string, string>, killOn?: (line: string, all: string[]) => boolean, signal: NodeJS.Signals = 'SIGKILL'): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/zapcut.mjs'), 'batch', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const lines: string[] = [];
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    createInterface({ input: child.stderr }).on('line', (l) => {
      lines.push(l);
      if (!killed && killOn?.(l, lines)) {
        killed = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, killed, stdout, stderr: lines.join('\n') }));
  });
}

describe('zapcut batch', () => {
  it('makes 9 ads from a 10-row file with one bad row, and resumes after a kill without re-making any', { timeout: 240_000 }, async () => {
    const ws = await makeWorkspace('zapcut-batch-');
    const base = JSON.parse(await readFile(await writeBrief(ws.dir), 'utf8')) as { product: Record<string, unknown>; lengthSeconds: number };
    const rows = Array.from({ length: 10 }, (_, i) => ({ ...base, product: { ...base.product, name: `Luna Brew ${i + 1}` }, ...(i === 3 ? { lengthSeconds: 45 } : {}) }));
    const file = path.join(ws.dir, 'ads.jsonl');
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = path.join(ws.dir, 'out');
    const env = { ZAPCUT_DATA_DIR: ws.dataDir, ZAPCUT_OFFLINE_VOICE: 'none' };
    const args = [file, '--out', out, '--short-side', '90', '--concurrency', '2'];

    // First process: killed once 3 ads are delivered (others are mid-run at that moment).
    const first = await zapcut(args, env, (_l, all) => all.filter((x) => /^row \d+ done: /.test(x)).length >= 3);
    expect(first.killed, first.stderr).toBe(true);
    expect(first.stderr).toContain('Row 4 (line 4) will not run:\n  lengthSeconds: must be 15, 30 or 60 (seconds)');
    const batchId = /Batch ([0-9a-f-]{36}): 10 rows/.exec(first.stderr)?.[1];
    expect(batchId, first.stderr).toBeTruthy();
    const madeFirst = [...first.stderr.matchAll(/^row (\d+) done: (.+)$/gm)].map((m) => ({ row: Number(m[1]), out: m[2]! }));
    const mtimes = new Map(await Promise.all(madeFirst.map(async (m) => [m.out, (await stat(m.out)).mtimeMs] as const)));
    const db = () => new Database(path.join(ws.dataDir, 'zapcut.sqlite'), { readonly: true });
    const before = db();
    const runsBefore = before.prepare('SELECT row, run_id FROM batch_rows WHERE batch_id = ? AND run_id IS NOT NULL').all(batchId) as { row: number; run_id: string }[];
    before.close();
    // The interrupted rows have runs (created before the kill) that must resume, not start over.
    expect(runsBefore.length).toBeGreaterThan(madeFirst.length);

    // Second process: the same file again continues the batch; Ctrl-C once one more ad is made.
    const interrupted = await zapcut(args, env, (l) => /^row \d+ done: /.test(l), 'SIGINT');
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toContain(`Continuing batch ${batchId}: ${madeFirst.length} of 10 ads already made`);
    expect(interrupted.stderr).toContain(`Cancelling… running ads stop and keep what they made; \`zapcut batch --resume ${batchId}\` continues.`);
    expect(interrupted.stdout).toMatch(/not finished\n[\s\S]*cancelled +(stopped before it finished|not started)[\s\S]*Continue: zapcut batch --resume /);
    const madeSecond = [...interrupted.stderr.matchAll(/^row (\d+) done: (.+)$/gm)].map((m) => ({ row: Number(m[1]), out: m[2]! }));
    expect(madeSecond.length).toBeGreaterThanOrEqual(1);
    madeFirst.push(...madeSecond);
    for (const m of madeSecond) mtimes.set(m.out, (await stat(m.out)).mtimeMs);

    // Third process: --resume finishes it.
    const second = await zapcut(['--resume', batchId!, '--json'], env);
    expect(second.code, second.stderr).toBe(1); // one row is invalid
    expect(second.stderr).toContain(`Continuing batch ${batchId}: ${madeFirst.length} of 10 ads already made`);
    const summary = JSON.parse(second.stdout) as { batchId: string; rows: { row: number; status: string; out: string | null; error: string | null; runId: string | null }[] };
    expect(summary.batchId).toBe(batchId);
    expect(summary.rows.map((r) => r.status)).toEqual(rows.map((_, i) => (i === 3 ? 'invalid' : madeFirst.some((m) => m.row === i + 1) ? 'skipped' : 'done')));
    expect(summary.rows[3]!.error).toBe('lengthSeconds: must be 15, 30 or 60 (seconds)');
    // Finished ads were not made again: same files untouched, same runs; interrupted runs kept their ids.
    for (const [f, t] of mtimes) expect((await stat(f)).mtimeMs).toBe(t);
    for (const r of runsBefore) expect(summary.rows.find((x) => x.row === r.row)!.runId).toBe(r.run_id);
    const after = db();
    expect((after.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBe(9);
    after.close();
    for (const r of summary.rows.filter((x) => x.status !== 'invalid')) {
      expect(r.out).toMatch(new RegExp(`${String(r.row).padStart(2, '0')}-luna-brew-${r.row}-15s-16x9\\.mp4$`));
      expect((await stat(r.out!)).size).toBeGreaterThan(10_000);
      expect((await stat(r.out!.replace(/\.mp4$/, '.jpg'))).size).toBeGreaterThan(500);
    }
  });
});
