import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database';
import { latestVersion, migrate, schemaVersion } from './migrate';
import type { Migration } from './migrations';

describe('migration runner', () => {
  it('brings a new database to the newest version and is idempotent', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(migrate(db)).toBe(latestVersion());
    db.close();
  });

  it('opens a file database in WAL mode with foreign keys and a busy timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zapcut-db-'));
    try {
      const db = openDatabase(join(dir, 'zapcut.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      db.close();
      // Reopening an up-to-date file runs nothing and keeps the version.
      const again = openDatabase(join(dir, 'zapcut.sqlite'));
      expect(schemaVersion(again)).toBe(latestVersion());
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration and leaves the last good version', () => {
    const db = openDatabase(':memory:', { migrate: false });
    const list: Migration[] = [
      { version: 1, name: 'a', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      { version: 2, name: 'b', up: (d) => d.exec('CREATE TABLE b (y INTEGER); SELECT * FROM missing_table') },
    ];
    expect(() => migrate(db, undefined, list)).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer Zapcut with a CONFLICT that says what to do', () => {
    const db = openDatabase(':memory:', { migrate: false });
    db.pragma(`user_version = ${latestVersion() + 1}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/newer Zapcut/) }));
    db.close();
  });

  it('rejects gaps in migration numbering', () => {
    const db = openDatabase(':memory:', { migrate: false });
    const list: Migration[] = [{ version: 2, name: 'x', up: () => {} }];
    expect(() => migrate(db, undefined, list)).toThrow(/without gaps/);
    db.close();
  });
});
