import { randomBytes } from 'node:crypto';
import { copyFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** Copies a finished ad to the user's path atomically (temp file in the same folder + rename): `zapcut generate --out`, `zapcut batch` and the Batch screen. */
export async function deliver(from: string, to: string): Promise<void> {
  const dest = path.resolve(to);
  const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await copyFile(from, temp);
    await rename(temp, dest);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new AppError('IO', `Could not write ${dest}: ${(cause as Error).message}. Check the folder exists and is writable.`, { cause });
  }
}

/** A batch row's ad and its thumbnail beside it (`03-luna-30s-16x9.mp4` + `.jpg`). */
export async function deliverAd(result: { exportPath: string; thumbnailPath: string }, out: string): Promise<void> {
  await deliver(result.exportPath, out);
  await deliver(result.thumbnailPath, out.replace(/\.mp4$/i, '.jpg'));
}
