import { defineConfig } from 'vitest/config';

// Full-system tests: app services → the real Worker in workerd → fake upstreams over HTTP.
// Run with `node test/system/run.mjs` (wraps them in a D-Bus session with an unlocked keyring).
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
