/**
 * Playwright drives the real renderer in Debian's Chromium (Playwright's own browsers cannot be
 * downloaded here) against the real backend through the contract harness (test/harness).
 * `electron` runs the Electron launch test, which skips with its reason where no binary exists.
 */
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, NAVIGATION_TIMEOUT_MS } from '../support/chromium';

export default defineConfig({
  testDir: '.',
  // Playwright empties outputDir at start: parallel runs (several engineers, one tree) need their own.
  outputDir: process.env.ZAPCUT_E2E_OUTPUT_DIR ?? '../../test-results',
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Machines here have 2 shared cores; one worker keeps timings honest and FFmpeg un-starved.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    viewport: { width: 1360, height: 860 },
    deviceScaleFactor: 1,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    navigationTimeout: NAVIGATION_TIMEOUT_MS,
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'chromium', testDir: '.', testMatch: /.*\.spec\.ts$/ },
    { name: 'electron', testDir: '../electron', testMatch: /.*\.test\.ts$/ },
  ],
});
