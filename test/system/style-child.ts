/**
 * An app process the brand-style system test can SIGKILL mid-training: opens the backend on
 * ZAPCUT_DATA_DIR (session restored from the encrypted session file), retries the brand's style
 * training and then stays up, printing one JSON line per step. Usage:
 *   node --import tsx style-child.ts <brandId>
 */
import { createBackend } from '../../src/main/backend';
import { testEncryptor } from './test-encryptor';

const emit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main(): Promise<void> {
  const backend = createBackend({ dataDir: process.env.ZAPCUT_DATA_DIR!, mediaBaseUrl: '/media/', secretEncryptor: testEncryptor });
  const r = await backend.dispatch('brand/styleRetry', { brandId: process.argv[2] });
  emit(r.ok ? { type: 'retried', status: (r.value as { status: string }).status } : { type: 'error', ...r.error });
  // Keep training until killed (the test kills this process once the training id is recorded).
  setInterval(() => undefined, 60_000);
}
void main();
