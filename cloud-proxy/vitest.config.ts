import { defineConfig } from 'vitest/config';

// Unit tests (src/**) run the pure modules in Node; everything under test/ talks to the real
// Worker in workerd, started once by test/globalSetup.ts with `wrangler dev` against local fake
// upstreams. (@cloudflare/vitest-pool-workers would be the in-runtime alternative, but it needs
// Node 22; our machines run Node 20.)
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
