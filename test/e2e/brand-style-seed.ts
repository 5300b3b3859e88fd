/**
 * Seeds a data folder for test/e2e/brand-style.spec.ts (run with tsx):
 *   brand-style-seed.ts <dataDir> <kiteBrandId> <reedBrandId> <larkBrandId>
 * Kite: a finished ad (3 s clip) whose style the real service learns (offline) → ready.
 * Reed: a failed training whose source ad is gone (a retry fails again, with its reason).
 * Lark: a failed proxy training with its training images stored (a retry trains through the proxy).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { createServiceContext } from '../../src/backend/backend';
import { sqliteRunStore } from '../../src/backend/storage/repos/runs';
import { startStyleTraining, stopBrandStyles, styleTrainingsSettled } from '../../src/backend/services/brand-style/service';

async function main(): Promise<void> {
  const [dataDir, kite, reed, lark] = process.argv.slice(2);
  if (!dataDir || !kite || !reed || !lark) throw new Error('usage: brand-style-seed.ts <dataDir> <kiteId> <reedId> <larkId>');
  mkdirSync(dataDir, { recursive: true });
  const { ffmpegPath } = resolveBinaries();
  const ctx = createServiceContext({ dataDir });
  const db = ctx.db;
  const clip = join(dataDir, 'seed-ad.mp4');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=256x144:r=8:d=3', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast'], output: clip });
  const img = join(dataDir, 'seed-product.png');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=160x160', '-frames:v', '1'], output: img });
  const exported = await ctx.media.putFile(clip);
  const now = ctx.now();
  db.prepare("INSERT INTO brands (id, name, colors_json, created_at, updated_at) VALUES (?, 'Kite', '[\"#D7263D\",\"#1B998B\"]', ?, ?)").run(kite, now, now);
  db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES (?, 'Reed', ?, ?)").run(reed, now, now);
  const store = sqliteRunStore(db);
  const runId = store.createRun({ id: randomUUID(), projectId: null, provider: 'offline', input: { brief: { aspect: '16:9', product: { name: 'Kite', images: [img] } }, seed: 3 } }).id;
  store.startStep(runId, 'export:16x9');
  store.finishStep(runId, 'export:16x9', { preset: 'p', media: exported.sha256, thumbnail: '', durationMs: 3000, bytes: exported.bytes });
  store.setRunStatus(runId, 'succeeded');
  startStyleTraining(ctx, kite, { sourceRunId: runId, provider: 'offline' });
  await styleTrainingsSettled(ctx);
  stopBrandStyles(ctx);
  db.prepare(
    "INSERT INTO lora_models (id, brand_id, status, provider, error_message, training_set_json, created_at, updated_at) VALUES (?, ?, 'failed', 'offline', 'The trainer ran out of memory. Retry the training.', ?, ?, ?)",
  ).run(randomUUID(), reed, JSON.stringify({ sourceRunId: 'gone', items: [] }), now, now);
  const larkImage = await ctx.media.putFile(img);
  db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES (?, 'Lark', ?, ?)").run(lark, now, now);
  db.prepare(
    "INSERT INTO lora_models (id, brand_id, status, provider, error_message, training_set_json, created_at, updated_at) VALUES (?, ?, 'failed', 'proxy', 'The Zapcut service could not be reached. Retry the training.', ?, ?, ?)",
  ).run(randomUUID(), lark, JSON.stringify({ sourceRunId: runId, items: [{ sha256: larkImage.sha256, source: 'product' }] }), now, now);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
