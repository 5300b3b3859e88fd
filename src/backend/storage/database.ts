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
    if (file !== ':memory:') retryWhileBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('foreign_keys = ON');
    // NORMAL is durable across app crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    if (opts.migrate !== false) retryWhileBusy(() => migrate(db, opts.targetVersion));
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** How long opening keeps trying while another process holds the file in a state SQLite will not wait for. */
export const OPEN_BUSY_DEADLINE_MS = 10_000;

/**
 * Runs `step`, again after a short pause while it fails with SQLITE_BUSY, until OPEN_BUSY_DEADLINE_MS.
 * The busy timeout covers ordinary locks, but SQLite answers BUSY at once, without its busy
 * handler, while another connection runs WAL recovery or switches a new file to WAL, or while the
 * last connection to close cleans up the WAL (sqlite.org/wal.html, "Sometimes Queries Return
 * SQLITE_BUSY In WAL Mode"): four processes opening a new data folder at once hit it (CI, 1 in 90
 * children in a local stress run). Every step retried here is safe to run again: the WAL switch is
 * idempotent and a migration's transaction rolled back whole, re-checked under the write lock.
 */
export function retryWhileBusy<T>(step: () => T, deadlineMs = OPEN_BUSY_DEADLINE_MS): T {
  const until = Date.now() + deadlineMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    try {
      return step();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() + pause > until) throw err;
      // openDatabase is synchronous (better-sqlite3): a blocking pause, only on this rare path.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
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
