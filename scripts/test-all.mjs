#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, each with its own time. Runs all steps
// even when one fails (so one run shows every problem) and exits non-zero if any failed. The last
// line totals the tests the runners reported (vitest suites and Playwright), so a run that
// silently executed nothing is visible.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { MIN_NODE, nodeAccepted } from './node-version.mjs';

if (!existsSync('node_modules/.bin/vitest') || !nodeAccepted()) {
  console.error(`npm test: run \`npm run setup\` first (the README's first command does): it installs the packages with Node ${MIN_NODE}+ (this is ${process.version}).`);
  process.exit(1);
}

const steps = [
  // What the tests need from the system, installed when missing (the same script `.ci/run` runs):
  // the README's `npm test` passes on a machine that had only Node and npm.
  ['system setup', 'bash scripts/setup-system.sh'],
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['unit + integration (vitest)', 'npx vitest run'],
  // `node --check` catches a bundle that builds but cannot load (e.g. a duplicate `require`).
  ['electron-vite build', 'npx electron-vite build && node --check out/main/index.js && node --check out/preload/index.cjs'],
  ...(existsSync('cloud-proxy/package.json')
    ? [
        ['cloud-proxy typecheck', 'npm --prefix cloud-proxy run typecheck'],
        ['cloud-proxy (workerd)', 'npm --prefix cloud-proxy test'],
        // App services → the real Worker in workerd → media fakes; keychain under dbus-run-session.
        ['full system (app → proxy → fakes)', 'node test/system/run.mjs'],
      ]
    : []),
  ['e2e (Playwright, Chromium)', 'npm run test:e2e'],
];

/** Runs a shell command, streaming its output through while keeping a copy to read counts from. */
function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out += d;
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      out += d;
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Test counts from vitest's "Tests  N failed | N passed | N skipped" and Playwright's "  N passed" lines. */
function countTests(output) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  for (const line of lines) {
    const vitest = /^\s*Tests\s+(.*)$/.exec(line);
    const playwright = /^\s+(\d+) (passed|failed|skipped|flaky)\b/.exec(line);
    if (vitest) {
      for (const [, n, kind] of vitest[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
        if (kind in counts) counts[kind] += Number(n);
      }
    } else if (playwright) {
      const kind = playwright[2] === 'flaky' ? 'passed' : playwright[2];
      counts[kind] += Number(playwright[1]);
    }
  }
  return counts;
}

const only = process.argv.slice(2);
const results = [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const [name, cmd] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n━━ ${name}: ${cmd}`);
  const t0 = Date.now();
  const { code, out } = await run(cmd);
  const c = countTests(out);
  for (const k of Object.keys(total)) total[k] += c[k];
  results.push({ name, ok: code === 0, s: ((Date.now() - t0) / 1000).toFixed(1), c });
}
console.log('\n━━ summary');
for (const r of results) {
  const tests = r.c.passed + r.c.failed + r.c.skipped ? `  [${r.c.passed} passed, ${r.c.failed} failed, ${r.c.skipped} skipped]` : '';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}  (${r.s} s)${tests}`);
}
const failedSteps = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failedSteps} ok, ${failedSteps} failing`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps ? 1 : 0);
