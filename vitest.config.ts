import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest's default is one worker per core minus one: one worker on our 2-core machines, so the
// suite ran file after file while most tests wait on FFmpeg, workerd or a fake's latency. One per
// core, and at least two (the suites' times before and after are in the commit and issue 15's note).
const testWorkers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/integration/**/*.test.ts', 'test/harness/**/*.test.ts', 'test/support/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'cloud-proxy/**', 'out/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: testWorkers,
  },
});
