/**
 * How every test starts Chromium (Debian's; Playwright's own browsers cannot be downloaded here):
 * the binary, the flags, and how long a first navigation may take. The first start on a machine
 * that never ran Chromium builds its font cache and profile (seen over 30 s on a fresh machine
 * under load); scripts/setup-system.sh (npm test's first step) warms it once, and the navigation bound still fits a cold start.
 * Imported by the Playwright config, the system tests and cloud-proxy's admin page test.
 */
export const chromiumPath = process.env.ZAPCUT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** A navigation's bound: a cold Chromium (no font cache, new profile) on a busy 2-core machine fits. */
export const NAVIGATION_TIMEOUT_MS = 120_000;

export const chromiumLaunchOptions = { executablePath: chromiumPath, args: chromiumArgs };
