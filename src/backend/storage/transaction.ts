import type Database from 'better-sqlite3';

/**
 * Runs `fn` in one write transaction that takes the write lock when it begins (BEGIN IMMEDIATE).
 *
 * better-sqlite3's plain `db.transaction()` begins DEFERRED: it reads first and asks for the write
 * lock only at its first write. In WAL mode, if another connection (the CLI beside the app, a
 * second resume) committed in between, that upgrade fails at once with SQLITE_BUSY ("database is
 * locked") — the busy timeout cannot help, because waiting would not make the snapshot current.
 * Taking the lock at BEGIN lets the busy timeout do its work instead. Every transaction that
 * writes goes through here (lint forbids `.transaction(` elsewhere); nested calls become
 * savepoints, as with `db.transaction()`.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
