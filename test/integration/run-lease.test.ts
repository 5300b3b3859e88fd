/**
 * Two real processes resume one run at once (the app resuming interrupted runs at start while the
 * CLI resumes the same run from the shared data folder): exactly one executes it, the other is
 * refused with "run … is running in another Zapcut process" and writes nothing, every paid job is
 * made once, and `zapcut runs` shows the lease while the winner works.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Ledger } from '../../src/pipeline/providers/fake/ledger';
import type { FakeScript } from '../../src/pipeline/providers/fake';
import { makeWorkspace, writeBrief } from './pipeline-fixtures';
import { runKillableChild, type ChildLine } from './kill-child';

const root = path.resolve(__dirname, '../..');
const child = path.join(__dirname, 'pipeline-child.ts');
// Scenes slow enough that `zapcut runs` (a third process) looks while the winner is still at work.
const script = (ledgerFile: string): FakeScript => ({
  latencyMs: { text: 100, image: 150, videoPerSecond: 50, videoFixed: 2500, speech: 100, music: 300, sfx: 200 },
  ledgerFile,
});

/** Spawns `node --import tsx <file> ...args`; resolves with its JSON lines (if any), stdout and exit code. */
function spawnNode(file: string, args: string[], env: Record<string, string>, onLine?: (l: ChildLine) => void) {
  return new Promise<{ lines: ChildLine[]; stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: ChildLine[] = [];
    let stdout = '';
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: p.stdout }).on('line', (raw) => {
      stdout += `${raw}\n`;
      try {
        const l = JSON.parse(raw) as ChildLine;
        lines.push(l);
        onLine?.(l);
      } catch {
        // not a JSON line (the CLI's own output)
      }
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ lines, stdout, stderr, code }));
  });
}

describe('run lease across processes', () => {
  it('two resumes of one run at once: one executes, the other is refused and writes nothing', { timeout: 240_000 }, async () => {
    const ws = await makeWorkspace('zapcut-lease-');
    const brief = await writeBrief(ws.dir);
    const ledgerFile = path.join(ws.dir, 'ledger.json');
    const env = { ZAPCUT_DATA_DIR: ws.dataDir };
    // A run interrupted by kill -9: it is 'running' and its lease belongs to a dead process.
    const first = await runKillableChild(child, { mode: 'start', brief, script: script(ledgerFile) }, env, (l) => l.type === 'step' && l.stepId === 'bible' && l.status === 'started');
    expect(first.killed).toBe(true);
    const runId = first.lines.find((l) => l.type === 'run')!.runId!;

    let runsView: Promise<{ stdout: string; code: number | null }> | undefined;
    const onLine = (l: ChildLine) => {
      if (!runsView && l.type === 'step' && l.stepId === 'scene:1' && l.status === 'started') {
        runsView = Promise.all([
          spawnNode(path.join(root, 'bin/zapcut.mjs'), ['runs'], env),
          spawnNode(path.join(root, 'bin/zapcut.mjs'), ['runs', runId], env),
        ]).then(([list, one]) => ({ stdout: list.stdout + one.stdout, code: list.code ?? one.code }));
      }
    };
    const args = JSON.stringify({ mode: 'resume', runId, script: script(ledgerFile) });
    const [a, b] = await Promise.all([spawnNode(child, [args], env, onLine), spawnNode(child, [args], env, onLine)]);
    const outcomes = [a, b].map((r) => r.lines.find((l) => l.type === 'result' || l.type === 'error')!);
    const won = outcomes.filter((o) => o.type === 'result');
    const refused = outcomes.filter((o) => o.type === 'error');
    expect(won.length, JSON.stringify(outcomes)).toBe(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'CONFLICT' });
    expect(refused[0]!.message).toMatch(new RegExp(`^Run ${runId} is running in another Zapcut process \\(pid \\d+ on .+, last heartbeat \\d+ s ago\\)`));
    // The refused process ran no step at all.
    const loser = outcomes[0]!.type === 'error' ? a : b;
    expect(loser.lines.filter((l) => l.type === 'step').map((l) => `${l.stepId} ${l.status}`)).toEqual([]);

    // While the winner worked, `zapcut runs` showed who holds the run.
    expect(runsView, 'the winner never started scene:1').toBeDefined();
    const view = await runsView!;
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(new RegExp(`${runId}  running .*busy in another Zapcut process \\(pid \\d+ on .+, last heartbeat \\d+ s ago\\)`));
    expect(view.stdout).toMatch(/\n {2}busy in another Zapcut process \(pid \d+/);

    // The run is delivered (never marked failed), its lease released, every paid job made once.
    const db = new Database(path.join(ws.dataDir, 'zapcut.sqlite'), { readonly: true });
    expect(db.prepare('SELECT status, error_code FROM runs WHERE id = ?').get(runId)).toEqual({ status: 'succeeded', error_code: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM run_leases').get()).toEqual({ n: 0 });
    db.close();
    const keys = Ledger.read(ledgerFile).jobs.map((j) => j.idempotencyKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
