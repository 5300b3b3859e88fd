/**
 * The README's first lines are the product's front door: every npm script they name exists, and
 * the CLI script runs on the Node `npm run setup` provides (or, on an older Node, says in one line
 * what to do instead of failing on a native module).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const run = promisify(execFile);

describe("the README's commands", () => {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const scripts = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('open the README, and every npm script they name exists', () => {
    const block = /^# Zapcut\n\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block, 'the README opens with its commands').toBeDefined();
    const lines = block!.split('\n');
    expect(lines[0]).toMatch(/^npm run setup && npm run zapcut -- generate --brief \S+ --out ad\.mp4$/);
    expect(lines).toContain('npm test');
    const named = [...block!.matchAll(/npm (?:run (?:-s )?([\w:-]+)|(test|start))/g)].map((m) => m[1] ?? m[2]!);
    expect(named.filter((n) => !(n in scripts))).toEqual([]);
  });

  it('`npm run zapcut` runs the CLI on Node 22.12+, or says in one line how to get it', async () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const recent = major > 22 || (major === 22 && minor >= 12);
    const result = await run('npm', ['run', '-s', 'zapcut', '--', 'doctor', '--json'], { cwd: root, env: { ...process.env, PATH: `${resolve(process.execPath, '..')}:${process.env.PATH}` } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    if (recent) {
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as { node: string }).node).toBe(process.versions.node);
    } else {
      // This test process runs on an older Node (a worktree without `npm run setup`): the CLI refuses plainly.
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/needs Node 22\.12 or newer.*npm run setup/);
    }
  });
});
