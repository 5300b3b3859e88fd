/**
 * Before any spec: make sure out/renderer is built (reused when newer than its sources) and start
 * one harness over a fresh temp data folder for the specs that don't need their own. Specs that
 * restart the backend (brands.spec.ts) start their own harness on their own folder.
 */
import { ensureRendererBuilt } from '../harness/renderer-build';
import { spawnHarness } from '../harness/process';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const built = await ensureRendererBuilt();
  console.log(`e2e: renderer ${built ? `built in ${Date.now() - t0} ms` : 'up to date (reused)'}`);
  const harness = await spawnHarness();
  process.env.ZAPCUT_HARNESS_URL = harness.url;
  console.log(`e2e: shared harness at ${harness.url} (data: ${harness.dataDir})`);
  return () => harness.close();
}
