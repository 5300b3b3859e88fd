#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, each with its own time. Runs all steps
// even when one fails (so one run shows every problem) and exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
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

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n━━ ${name}: ${cmd}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', env: process.env });
  results.push({ name, ok: r.status === 0, s: ((Date.now() - t0) / 1000).toFixed(1) });
}
console.log('\n━━ summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}  (${r.s} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
