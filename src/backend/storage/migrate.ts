import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { migrations, type Migration } from './migrations';
import { writeTransaction } from './transaction';

/** The schema version a database is at (SQLite's `user_version`, 0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export const latestVersion = (list: readonly Migration[] = migrations): number =>
  list.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Applies every migration above the current `user_version` up to `target` (default: newest),
 * each in its own transaction together with its `user_version` bump, so a failure leaves the
 * database at the last good version. Refuses a database written by a newer Zapcut.
 */
export function migrate(db: Database.Database, target?: number, list: readonly Migration[] = migrations): number {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const newest = latestVersion(sorted);
  const to = target ?? newest;
  if (to > newest) throw new Error(`no migration ${to}; newest is ${newest}`);
  const current = schemaVersion(db);
  if (current > newest) {
    throw new AppError(
      'CONFLICT',
      `This data folder was written by a newer Zapcut (schema ${current}; this version knows ${newest}). Update Zapcut, or point ZAPCUT_DATA_DIR at another folder.`,
    );
  }
  if (to < current) throw new Error(`cannot migrate down from ${current} to ${to}`);
  for (const m of sorted) {
    if (m.version <= current || m.version > to) continue;
    writeTransaction(db, () => {
      // Another process may have migrated while this one waited for the write lock.
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
  }
  // A migration may have rewritten a table; make sure no foreign key was left dangling.
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length) throw new Error(`foreign key check failed after migrating: ${JSON.stringify(broken.slice(0, 5))}`);
  return schemaVersion(db);
}
