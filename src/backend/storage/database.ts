import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

/**
 * The one database file in the data folder. The app, the harness and every CLI command open this
 * same file, so a brand or run made by `zapcut generate` shows up in the app and vice versa.
 */
export const DATABASE_FILE = 'zapcut.sqlite';
export const databasePath = (dataDir: string): string => join(dataDir, DATABASE_FILE);

export interface OpenDatabaseOptions {
  /** Migrate to this version instead of the newest (migration tests). */
  targetVersion?: number;
  /** Skip migrations entirely (migration tests drive `migrate` themselves). */
  migrate?: boolean;
}

/**
 * Opens (creating if needed) the app database: WAL so readers never block the writer, foreign
 * keys on (SQLite defaults them off per connection), a busy timeout so a second connection (CLI
 * while the app runs) waits instead of failing with SQLITE_BUSY, then runs pending migrations.
 * Pass ':memory:' in tests.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  const db = new Database(file);
  try {
    // First: switching to WAL takes a lock too, and must wait for another process, not fail.
    db.pragma('busy_timeout = 5000');
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // NORMAL is durable across app crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    if (opts.migrate !== false) migrate(db, opts.targetVersion);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Closes. A PASSIVE checkpoint first folds what it can of the WAL into the main file without
 * waiting: TRUNCATE would hold the write lock while it waits for other processes' readers, and a
 * runner's write beside a short-lived CLI could time out behind it. The last connection to close
 * folds the rest and removes the WAL (SQLite does that itself), so a copied data folder is
 * complete on its own.
 */
export function closeDatabase(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}
