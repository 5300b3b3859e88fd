/**
 * Numbered schema migrations, for D1 (the user directory) and for each user's Durable Object
 * SQLite (the ledger). A migration is a list of plain SQL statements applied once, in order, in one
 * transaction together with its row in `schema_migrations`; nothing is `IF NOT EXISTS` and no error
 * is swallowed. Each migration has a test that migrates to N−1, inserts, migrates to N and checks
 * (test/migrations.test.ts, the Signal pattern).
 *
 * Databases made before migrations existed (the old `CREATE … IF NOT EXISTS` + ALTERs) are
 * adopted: their schema is exactly migration 1's, so `adopt` brings any missing piece in line and
 * records 1 as applied.
 */
export interface Migration {
  version: number;
  name: string;
  up: readonly string[];
}

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

export function checkMigrations(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" is numbered ${m.version}; expected ${i + 1} (numbers are consecutive from 1).`);
  });
}

// ---- D1 (async; one isolate may race another on a fresh database) ----

export interface D1Adoption {
  /** True when the database predates migrations (its tables exist, schema_migrations does not). */
  detect(db: D1Database): Promise<boolean>;
  /** Brings an adopted database to exactly migration 1's schema (idempotent). */
  align(db: D1Database): Promise<void>;
}

async function appliedD1(db: D1Database): Promise<Set<number>> {
  const rows = await db.prepare('SELECT version FROM schema_migrations').all<{ version: number }>();
  return new Set(rows.results.map((r) => r.version));
}

/** Applies the migrations above the database's version, up to `target` (all by default). */
export async function migrateD1(db: D1Database, list: readonly Migration[], opts: { target?: number; adopt?: D1Adoption } = {}): Promise<number> {
  checkMigrations(list);
  const target = opts.target ?? list.length;
  const hadTable = (await db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").first()) !== null;
  const adopting = !hadTable && opts.adopt ? await opts.adopt.detect(db) : false;
  await db.prepare(MIGRATIONS_TABLE).run();
  if (adopting && target >= 1) {
    await opts.adopt!.align(db);
    await recordD1(db, list[0]!, 'adopted');
  }
  let applied = await appliedD1(db);
  for (const m of list) {
    if (m.version > target || applied.has(m.version)) continue;
    try {
      await db.batch([...m.up.map((s) => db.prepare(s)), db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').bind(m.version, m.name, new Date().toISOString())]);
    } catch (e) {
      // Another isolate applied it at the same moment (its row is there now): that is success.
      applied = await appliedD1(db);
      if (!applied.has(m.version)) throw new Error(`D1 migration ${m.version} (${m.name}) failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
  return Math.max(0, ...(await appliedD1(db)));
}

async function recordD1(db: D1Database, m: Migration, how: string): Promise<void> {
  await db.prepare('INSERT OR IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').bind(m.version, `${m.name} (${how})`, new Date().toISOString()).run();
}

// ---- Durable Object SQLite (synchronous; a Durable Object runs one call at a time) ----

export interface SqlAdoption {
  detect(sql: SqlStorage): boolean;
  align(sql: SqlStorage): void;
}

/** Applies the migrations above the object's version, up to `target`, each in its own transaction. */
export function migrateSql(storage: DurableObjectStorage, list: readonly Migration[], opts: { target?: number; adopt?: SqlAdoption } = {}): number {
  checkMigrations(list);
  const sql = storage.sql;
  const target = opts.target ?? list.length;
  const hadTable = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").toArray().length > 0;
  const adopting = !hadTable && opts.adopt ? opts.adopt.detect(sql) : false;
  sql.exec(MIGRATIONS_TABLE);
  const applied = new Set(sql.exec<{ version: number }>('SELECT version FROM schema_migrations').toArray().map((r) => r.version));
  if (adopting && target >= 1 && !applied.has(1)) {
    storage.transactionSync(() => {
      opts.adopt!.align(sql);
      sql.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', 1, `${list[0]!.name} (adopted)`, new Date().toISOString());
    });
    applied.add(1);
  }
  for (const m of list) {
    if (m.version > target || applied.has(m.version)) continue;
    storage.transactionSync(() => {
      for (const s of m.up) sql.exec(s);
      sql.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', m.version, m.name, new Date().toISOString());
    });
    applied.add(m.version);
  }
  return Math.max(0, ...applied);
}
