/**
 * An app process the brand-style system test SIGKILLs mid-training: opens the backend on
 * ZAPCUT_DATA_DIR (session restored from the encrypted session file), retries the brand's style
 * training, prints one JSON line per step — the last once the training id is recorded — and
 * keeps training until killed. Usage: node --import tsx style-child.ts '{"brandId":"…"}'
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createBackend } from '../../src/backend/backend';
import { testEncryptor } from './test-encryptor';

const emit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const { brandId } = JSON.parse(process.argv[2]!) as { brandId: string };
const dataDir = process.env.ZAPCUT_DATA_DIR!;

async function main(): Promise<void> {
  const backend = createBackend({ dataDir, mediaBaseUrl: '/media/', secretEncryptor: testEncryptor });
  const r = await backend.dispatch('brand/styleRetry', { brandId });
  emit(r.ok ? { type: 'retried', status: (r.value as { status: string }).status } : { type: 'error', ...r.error });
  if (!r.ok) process.exit(1);
  const db = new Database(path.join(dataDir, 'zapcut.sqlite'), { readonly: true });
  const read = db.prepare('SELECT training_id FROM lora_models WHERE brand_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
  const timer = setInterval(() => {
    const row = read.get(brandId) as { training_id: string | null } | undefined;
    if (row?.training_id) {
      clearInterval(timer);
      emit({ type: 'training', jobId: row.training_id });
    }
  }, 50);
}
void main();
