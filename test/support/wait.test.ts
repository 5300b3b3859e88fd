import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from './wait';

const root = path.resolve(__dirname, '../..');

/** Every test file of the app and the proxy (not the e2e specs, which wait with Playwright's own expect). */
function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'out' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) testFiles(p, out);
    else if (/\.test\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('waitFor', () => {
  it('returns the first value that is ok, and a timeout names what it waited for and the last value', async () => {
    let n = 0;
    await expect(waitFor(() => ++n, (v) => v >= 3, 'three reads', { intervalMs: 1 })).resolves.toBe(3);
    await expect(waitFor(() => ({ status: 'running' }), () => false, 'the run to finish', { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(/waiting for the run to finish; last: \{"status":"running"\}/);
  });

  it('is the only polling loop in the tests: no test file sleeps in a loop of its own', () => {
    // Fixed waits that are not polling: each proves that something does NOT happen, or lets a
    // timer of the code under test run out. One each, named here with why.
    const fixedWaits: Record<string, string> = {
      'src/backend/services/billing/service.test.ts': 'a forged return link changes nothing (a negative: nothing to wait for)',
      'src/main/electron/lifecycle.test.ts': 'lets the 20 ms quit timeout of the code under test run out',
      'src/main/electron/updater.test.ts': 'one tick for the failed download to be reported',
      'src/renderer/src/features/desktop/error-reporting.test.ts': 'one tick (setTimeout 0) for the reporter to flush',
      'cloud-proxy/test/alarm.test.ts': "lets the refresh token's reuse grace window pass (a real-time rule of the Worker)",
    };
    const sleep = /await new Promise\(\(r(esolve)?\) => setTimeout\(r(esolve)?, [^)]*\)\)/g;
    const found = [...testFiles(path.join(root, 'src')), ...testFiles(path.join(root, 'test')), ...testFiles(path.join(root, 'cloud-proxy', 'test'))]
      .filter((f) => !f.endsWith(path.join('support', 'wait.test.ts')))
      .map((f) => ({ file: path.relative(root, f).split(path.sep).join('/'), n: readFileSync(f, 'utf8').match(sleep)?.length ?? 0 }))
      .filter((x) => x.n > 0);
    expect(found.filter((x) => !(x.file in fixedWaits) || x.n > 1)).toEqual([]);
    // The list stays true: a fixed wait removed from a file is removed from the list too.
    expect(Object.keys(fixedWaits).filter((f) => !found.some((x) => x.file === f))).toEqual([]);
  });
});
