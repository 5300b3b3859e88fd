/* eslint-disable @typescript-eslint/no-explicit-any -- rows come back as plain JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateD1 } from '../src/db/migrate';
import { D1_ADOPTION, D1_MIGRATIONS } from '../src/db/migrations';
import { ACCOUNT_MIGRATIONS } from '../src/account/migrations';
import { startSqlHarness, type SqlHarness } from './harness/miniflare';

// Numbered migrations, each tested the Signal way (migrate to N−1, insert, migrate to N, check),
// on real D1 and real Durable Object SQLite in workerd (Miniflare).

let h: SqlHarness;
let dbSeq = 0;
beforeAll(async () => {
  h = await startSqlHarness();
});
afterAll(async () => {
  await h?.dispose();
});

/** D1 has one database per Miniflare: each test works in tables it owns by dropping everything first. */
async function freshD1(): Promise<D1Database> {
  const tables = (await h.d1.prepare("SELECT name, type FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").all<{ name: string }>()).results;
  for (const t of tables) await h.d1.prepare(`DROP TABLE IF EXISTS "${t.name}"`).run();
  dbSeq++;
  return h.d1;
}

const columns = async (db: D1Database, table: string) => (await db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all<{ name: string }>()).results.map((r) => r.name);

// What the pre-migration Worker ran on every start (copied from the last version of db/schema.ts
// before migrations), minus the late ALTERs: the oldest database that may exist.
const PRE_MIGRATION_D1 = [
  `CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, password_salt TEXT NOT NULL, password_iterations INTEGER NOT NULL, role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user','admin')), tier TEXT NOT NULL DEFAULT 'free', status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')), created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS refresh_tokens (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, family TEXT NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER, created_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS trainings (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, brand_key TEXT NOT NULL, upstream_id TEXT, status TEXT NOT NULL, running INTEGER NOT NULL DEFAULT 1, month TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
];

describe('D1 migrations', () => {
  it('are numbered 1..N and a fresh database reaches N', async () => {
    const db = await freshD1();
    expect(await migrateD1(db, D1_MIGRATIONS)).toBe(D1_MIGRATIONS.length);
    const rows = (await db.prepare('SELECT version FROM schema_migrations ORDER BY version').all<{ version: number }>()).results;
    expect(rows.map((r) => r.version)).toEqual(D1_MIGRATIONS.map((m) => m.version));
    // Running again changes nothing and does not fail (no IF NOT EXISTS needed: applied ones are skipped).
    expect(await migrateD1(db, D1_MIGRATIONS)).toBe(D1_MIGRATIONS.length);
  });

  it('a failing migration fails loudly and leaves nothing half-applied', async () => {
    const db = await freshD1();
    const broken = [...D1_MIGRATIONS, { version: D1_MIGRATIONS.length + 1, name: 'broken', up: ['CREATE TABLE half_done (x INTEGER)', 'ALTER TABLE no_such_table ADD COLUMN y TEXT'] }];
    await expect(migrateD1(db, broken)).rejects.toThrow(/broken.*no such table/);
    expect(await db.prepare("SELECT 1 AS x FROM sqlite_master WHERE name = 'half_done'").first()).toBeNull();
  });

  it('1 (baseline) adopts a database made before migrations, keeping its rows and adding the late columns', async () => {
    const db = await freshD1();
    await db.batch(PRE_MIGRATION_D1.map((s) => db.prepare(s)));
    await db.prepare("INSERT INTO users (id, email, password_hash, password_salt, password_iterations, created_at) VALUES ('usr_old', 'old@zapcut.test', 'h', 's', 100000, '2026-01-01')").run();
    await db.prepare("INSERT INTO trainings (id, user_id, brand_key, status, month, created_at, updated_at) VALUES ('t1', 'usr_old', 'b', 'succeeded', '2026-01', 'x', 'x')").run();
    expect(await migrateD1(db, D1_MIGRATIONS, { adopt: D1_ADOPTION })).toBe(D1_MIGRATIONS.length);
    expect(await db.prepare("SELECT email FROM users WHERE id = 'usr_old'").first('email')).toBe('old@zapcut.test');
    expect(await columns(db, 'trainings')).toEqual(expect.arrayContaining(['trainer', 'output_version', 'output_weights']));
    expect(await db.prepare('SELECT name FROM schema_migrations WHERE version = 1').first('name')).toMatch(/adopted/);
    expect(await columns(db, 'video_owners')).toContain('user_id');
  });

  it('2 (billing and operations) keeps the directory and adds one customer per user', async () => {
    const db = await freshD1();
    await migrateD1(db, D1_MIGRATIONS, { target: 1 });
    await db.prepare("INSERT INTO users (id, email, password_hash, password_salt, password_iterations, created_at) VALUES ('usr_b', 'b@zapcut.test', 'h', 's', 100000, '2026-01-01')").run();
    expect(await migrateD1(db, D1_MIGRATIONS, { target: 2 })).toBe(2);
    expect(await db.prepare("SELECT email FROM users WHERE id = 'usr_b'").first('email')).toBe('b@zapcut.test');
    await db.prepare("INSERT INTO billing_customers (user_id, customer_id, created_at) VALUES ('usr_b', 'cus_1', 'x')").run();
    // A second customer for the same user, or the same customer for another user, is refused.
    await expect(db.prepare("INSERT INTO billing_customers (user_id, customer_id, created_at) VALUES ('usr_b', 'cus_2', 'x')").run()).rejects.toThrow(/UNIQUE/);
    await expect(db.prepare("INSERT INTO billing_customers (user_id, customer_id, created_at) VALUES ('usr_c', 'cus_1', 'x')").run()).rejects.toThrow(/UNIQUE/);
    expect(await columns(db, 'provider_costs')).toEqual(expect.arrayContaining(['model', 'video_id', 'cost_micros']));
    expect(await columns(db, 'video_stats')).toEqual(expect.arrayContaining(['value_cents', 'first_output_at', 'settled_at']));
  });

  it('3 (login attempts): replaces login_failures (transient, dropped); attempts are pending or failed', async () => {
    const db = await freshD1();
    expect(await migrateD1(db, D1_MIGRATIONS, { target: 2 })).toBe(2);
    await db.prepare("INSERT INTO login_failures (email, at) VALUES ('a@zapcut.test', 1)").run();
    expect(await migrateD1(db, D1_MIGRATIONS, { target: 3 })).toBe(3);
    expect(await db.prepare("SELECT 1 AS x FROM sqlite_master WHERE name = 'login_failures'").first()).toBeNull();
    await db.prepare("INSERT INTO login_attempts (id, email, client, at, state) VALUES ('1', 'a@zapcut.test', '203.0.113.1', 1, 'pending')").run();
    await expect(db.prepare("INSERT INTO login_attempts (id, email, client, at, state) VALUES ('2', 'a@zapcut.test', '203.0.113.1', 1, 'ok')").run()).rejects.toThrow(/CHECK constraint/);
  });
  it('4 (refresh successor): existing tokens keep working, with no successor', async () => {
    const db = await freshD1();
    expect(await migrateD1(db, D1_MIGRATIONS, { target: 3 })).toBe(3);
    await db.prepare("INSERT INTO refresh_tokens (token_hash, user_id, family, expires_at, created_at) VALUES ('h', 'u', 'f', 9, 1)").run();
    expect(await migrateD1(db, D1_MIGRATIONS, { target: 4 })).toBe(4);
    expect(await db.prepare("SELECT family, successor_enc FROM refresh_tokens WHERE token_hash = 'h'").first()).toEqual({ family: 'f', successor_enc: null });
  });
});

describe('Durable Object (account) migrations', () => {
  it('are numbered 1..N and a fresh object reaches N', async () => {
    const run = h.object(`fresh-${dbSeq++}`);
    expect((await run({ op: 'migrate' })).body.version).toBe(ACCOUNT_MIGRATIONS.length);
    expect((await run({ op: 'migrate' })).body.version).toBe(ACCOUNT_MIGRATIONS.length);
  });

  it('1 (baseline) adopts an object made before migrations, keeping its ledger', async () => {
    const run = h.object(`adopt-${dbSeq++}`);
    // The pre-migration constructor ran the baseline as CREATE … IF NOT EXISTS on every start.
    await run({ op: 'script', statements: ACCOUNT_MIGRATIONS[0]!.up.map((s) => s.replace(/^CREATE (TABLE|INDEX) /, 'CREATE $1 IF NOT EXISTS ')) });
    await run({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month, credits_cents) VALUES (1, 'usr_old', '2026-01', '2026-01', 800)" });
    expect((await run({ op: 'migrate' })).body.version).toBe(ACCOUNT_MIGRATIONS.length);
    expect((await run({ op: 'exec', sql: 'SELECT credits_cents FROM account' })).body.rows[0].credits_cents).toBe(800);
    expect((await run({ op: 'exec', sql: 'SELECT name FROM schema_migrations WHERE version = 1' })).body.rows[0].name).toMatch(/adopted/);
  });

  it('2 (seconds per reservation): an existing reservation starts at 0 s used and no cap; predictions at 0 s, no outcome', async () => {
    const run = h.object(`m2-${dbSeq++}`);
    expect((await run({ op: 'migrate', to: 1 })).body.version).toBe(1);
    await run({ op: 'exec', sql: "INSERT INTO reservations (id, idem_key, body_hash, state, source, cost_cents, length_s, resolution, aspect, month, paid_calls_cap, created_at, expires_at) VALUES ('vid_1', 'k', 'h', 'reserved', 'free', 0, 15, '1080p', '16:9', '2026-12', 16, 1, 2)" });
    await run({ op: 'exec', sql: "INSERT INTO predictions (id, video_id, kind, created_at) VALUES ('p1', 'vid_1', 'prediction:video', 1)" });
    expect((await run({ op: 'migrate', to: 2 })).body.version).toBe(2);
    const r = (await run({ op: 'exec', sql: "SELECT video_seconds_used, video_seconds_cap, music_seconds_used FROM reservations WHERE id = 'vid_1'" })).body.rows[0];
    expect(r).toEqual({ video_seconds_used: 0, video_seconds_cap: null, music_seconds_used: 0 });
    expect((await run({ op: 'exec', sql: "SELECT seconds, outcome FROM predictions WHERE id = 'p1'" })).body.rows[0]).toEqual({ seconds: 0, outcome: null });
    const bad = await run({ op: 'exec', sql: "UPDATE predictions SET outcome = 'lost' WHERE id = 'p1'" });
    expect(bad.status).toBe(500);
    expect(bad.body.error).toMatch(/CHECK constraint/);
  });

  it('3 (billing) keeps balances and stops credits from going below zero', async () => {
    const run = h.object(`billing-${dbSeq++}`);
    await run({ op: 'migrate', to: 2 });
    await run({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month, credits_cents) VALUES (1, 'usr_b', '2026-01', '2026-01', 500)" });
    expect((await run({ op: 'migrate', to: 3 })).body.version).toBe(3);
    expect((await run({ op: 'exec', sql: 'SELECT credits_cents FROM account' })).body.rows[0].credits_cents).toBe(500);
    await run({ op: 'exec', sql: 'INSERT INTO billing (id) VALUES (1)' });
    expect((await run({ op: 'exec', sql: 'SELECT debt_cents, pending_tier FROM billing' })).body.rows[0]).toEqual({ debt_cents: 0, pending_tier: null });
    const below = await run({ op: 'exec', sql: 'UPDATE account SET credits_cents = credits_cents - 501 WHERE id = 1' });
    expect(JSON.stringify(below.body)).toMatch(/below zero/);
    expect((await run({ op: 'exec', sql: 'SELECT credits_cents FROM account' })).body.rows[0].credits_cents).toBe(500);
  });

  it('4 (AI text holds): the account keeps its usage; holds are whole, non-negative token counts', async () => {
    const run = h.object(`m3-${dbSeq++}`);
    expect((await run({ op: 'migrate', to: 3 })).body.version).toBe(3);
    await run({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month, llm_tokens) VALUES (1, 'usr', '2026-12', '2026-12', 1234)" });
    expect((await run({ op: 'migrate', to: 4 })).body.version).toBe(4);
    expect((await run({ op: 'exec', sql: 'SELECT llm_tokens FROM account' })).body.rows[0].llm_tokens).toBe(1234);
    expect((await run({ op: 'exec', sql: "INSERT INTO llm_holds (id, tokens, created_at) VALUES ('h1', 500, 1)" })).status).toBe(200);
    expect((await run({ op: 'exec', sql: "INSERT INTO llm_holds (id, tokens, created_at) VALUES ('h2', -1, 1)" })).body.error).toMatch(/CHECK constraint/);
  });

  it('5 (rate limit in storage): an existing account starts with no window and a count of 0', async () => {
    const run = h.object(`m5-${dbSeq++}`);
    expect((await run({ op: 'migrate', to: 4 })).body.version).toBe(4);
    await run({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month, credits_cents) VALUES (1, 'usr', '2026-12', '2026-12', 700)" });
    expect((await run({ op: 'migrate', to: 5 })).body.version).toBe(5);
    expect((await run({ op: 'exec', sql: 'SELECT credits_cents, rate_window_start, rate_count FROM account' })).body.rows[0]).toEqual({ credits_cents: 700, rate_window_start: 0, rate_count: 0 });
    expect((await run({ op: 'exec', sql: 'UPDATE account SET rate_count = -1' })).body.error).toMatch(/CHECK constraint/);
  });

  it('6 (trainings, uploads): an existing video starts with no uploads; a training has one of three states and a unique key', async () => {
    const run = h.object(`m6-${dbSeq++}`);
    expect((await run({ op: 'migrate', to: 5 })).body.version).toBe(5);
    await run({ op: 'exec', sql: "INSERT INTO reservations (id, idem_key, body_hash, state, source, cost_cents, length_s, resolution, aspect, month, paid_calls_cap, created_at, expires_at) VALUES ('v1', 'k1', 'h', 'reserved', 'free', 0, 15, '1080p', '16:9', '2026-12', 16, 1, 2)" });
    expect((await run({ op: 'migrate', to: 6 })).body.version).toBe(6);
    expect((await run({ op: 'exec', sql: 'SELECT uploads_used FROM reservations' })).body.rows[0]).toEqual({ uploads_used: 0 });
    const insert = (id: string, key: string, state: string) => run({ op: 'exec', sql: `INSERT INTO trainings (id, idem_key, body_hash, brand_key, state, month, created_at) VALUES ('${id}', '${key}', 'h', 'b', '${state}', '2026-12', 1)` });
    expect((await insert('t1', 'k1', 'reserved')).body.error).toBeUndefined();
    expect((await insert('t2', 'k1', 'reserved')).body.error).toMatch(/UNIQUE/);
    expect((await insert('t3', 'k3', 'lost')).body.error).toMatch(/CHECK constraint/);
  });

  it('7 (email verification): an account made before it counts as verified (not locked out of its free videos); tokens are unique', async () => {
    const run = h.object(`m7-${dbSeq++}`);
    expect((await run({ op: 'migrate', to: 6 })).body.version).toBe(6);
    await run({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month) VALUES (1, 'usr', '2026-12', '2026-12')" });
    expect((await run({ op: 'migrate', to: 7 })).body.version).toBe(7);
    expect((await run({ op: 'exec', sql: 'SELECT email_verified_at FROM account' })).body.rows[0]).toEqual({ email_verified_at: 0 });
    expect((await run({ op: 'exec', sql: "INSERT INTO email_tokens (hash, created_at, expires_at) VALUES ('h', 1, 2)" })).body.error).toBeUndefined();
    expect((await run({ op: 'exec', sql: "INSERT INTO email_tokens (hash, created_at, expires_at) VALUES ('h', 3, 4)" })).body.error).toMatch(/UNIQUE/);
    // A brand-new account (its row made after the migrations) starts unverified.
    const fresh = h.object(`m7-${dbSeq++}`);
    expect((await fresh({ op: 'migrate', to: 7 })).body.version).toBe(7);
    await fresh({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month) VALUES (1, 'usr', '2026-12', '2026-12')" });
    expect((await fresh({ op: 'exec', sql: 'SELECT email_verified_at FROM account' })).body.rows[0]).toEqual({ email_verified_at: null });
  });

  it('8 (picture drafts): an existing account keeps its rows; a draft has one of two states, a unique key and never more pictures than its cap', async () => {
    const run = h.object(`m8-${dbSeq++}`);
    expect((await run({ op: 'migrate', to: 7 })).body.version).toBe(7);
    await run({ op: 'exec', sql: "INSERT INTO account (id, user_id, month, llm_month, credits_cents) VALUES (1, 'usr', '2026-12', '2026-12', 500)" });
    expect((await run({ op: 'migrate', to: 8 })).body.version).toBe(8);
    expect((await run({ op: 'exec', sql: 'SELECT credits_cents FROM account' })).body.rows[0]).toEqual({ credits_cents: 500 });
    const insert = (id: string, key: string, state: string, used = 0) => run({ op: 'exec', sql: `INSERT INTO drafts (id, idem_key, body_hash, state, length_s, month, pictures_used, pictures_cap, created_at) VALUES ('${id}', '${key}', 'h', '${state}', 15, '2026-12', ${used}, 12, 1)` });
    expect((await insert('d1', 'k1', 'open')).body.error).toBeUndefined();
    expect((await insert('d2', 'k1', 'open')).body.error).toMatch(/UNIQUE/);
    expect((await insert('d3', 'k3', 'held')).body.error).toMatch(/CHECK constraint/);
    expect((await insert('d4', 'k4', 'open', 13)).body.error).toMatch(/CHECK constraint/);
  });
});
