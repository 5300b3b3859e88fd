import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Full-system tests: app services → the real Worker in workerd → fake upstreams over HTTP.
// Run with `node test/system/run.mjs` (wraps them in a D-Bus session with an unlocked keyring).
// Every file starts its own stack (its own workerd on a free port, its own fakes and temp folders),
// so files run side by side: much of their time is the fakes' latency and workerd's start.
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
