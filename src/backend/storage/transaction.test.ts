import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase, retryWhileBusy, type Db } from './database';
import { latestVersion } from './migrate';
import { writeTransaction } from './transaction';
import { waitFor } from '../../../test/support/wait';

// Two connections to one WAL file stand for two processes (the app and a CLI beside it): each
// connection has its own snapshot and locks, exactly as across processes.
describe('write transactions beside another connection', () => {
  const dirs: string[] = [];
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const pair = (): [Db, Db] => {
    const dir = mkdtempSync(join(tmpdir(), 'zapcut-tx-'));
    dirs.push(dir);
    const file = join(dir, 'zapcut.sqlite');
    const a = openDatabase(file);
    const b = openDatabase(file);
    a.exec('CREATE TABLE counter (n INTEGER NOT NULL)');
    a.prepare('INSERT INTO counter (n) VALUES (0)').run();
    b.pragma('busy_timeout = 0');
    open.push(a, b);
    return [a, b];
  };
  const readThenWrite = (db: Db, between: () => void) => () => {
    const { n } = db.prepare('SELECT n FROM counter').get() as { n: number };
    between();
    db.prepare('UPDATE counter SET n = ?').run(n + 1);
  };

  it('a deferred transaction fails with "database is locked" when another connection wrote after its read (the hazard)', () => {
    const [a, b] = pair();
    const deferred = a.transaction(readThenWrite(a, () => b.prepare('UPDATE counter SET n = 100').run()));
    expect(() => deferred()).toThrow(/database is locked/);
    expect((a.prepare('SELECT n FROM counter').get() as { n: number }).n).toBe(100);
  });

  it('writeTransaction holds the write lock from its first statement: the other writer waits, nothing is lost', () => {
    const [a, b] = pair();
    let otherRefused = false;
    writeTransaction(
      a,
      readThenWrite(a, () => {
        try {
          b.prepare('UPDATE counter SET n = 100').run();
        } catch (e) {
          otherRefused = /database is locked/.test(String(e));
        }
      }),
    );
    // The other connection could not write inside a's transaction (it would wait its busy
    // timeout, here 0), so a's read-modify-write is whole and b can write after it.
    expect(otherRefused).toBe(true);
    expect((b.prepare('SELECT n FROM counter').get() as { n: number }).n).toBe(1);
    b.prepare('UPDATE counter SET n = n + 100').run();
    expect((a.prepare('SELECT n FROM counter').get() as { n: number }).n).toBe(101);
  });

  it('nested writeTransaction calls roll back together', () => {
    const [a] = pair();
    expect(() =>
      writeTransaction(a, () => {
        a.prepare('UPDATE counter SET n = 5').run();
        writeTransaction(a, () => a.prepare('UPDATE counter SET n = 6').run());
        throw new Error('undo both');
      }),
    ).toThrow('undo both');
    expect((a.prepare('SELECT n FROM counter').get() as { n: number }).n).toBe(0);
  });

  it('four processes opening a new data folder at once all end at the newest schema (none runs a migration twice)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zapcut-tx-'));
    dirs.push(dir);
    const file = join(dir, 'zapcut.sqlite');
    // Each child marks itself loaded, waits for the start signal on its stdin, then opens (and so migrates) the one file.
    const script = [
      "import { writeFileSync } from 'node:fs';",
      `writeFileSync(${JSON.stringify(join(dir, 'ready-'))} + process.pid, '');`,
      `import { openDatabase, closeDatabase } from ${JSON.stringify(join(__dirname, 'database.ts'))};`,
      "await new Promise((r) => process.stdin.once('data', r));",
      `const db = openDatabase(${JSON.stringify(file)});`,
      "console.log(db.pragma('user_version', { simple: true }));",
      'closeDatabase(db);',
    ].join('\n');
    const { spawn } = await import('node:child_process');
    const procs = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const children = procs.map((p) => {
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (out += d.toString()));
      return new Promise<{ code: number | null; out: string }>((done) => p.on('close', (code) => done({ code, out })));
    });
    // The start signal, to all four at once, when all have loaded.
    const { readdirSync } = await import('node:fs');
    await waitFor(() => readdirSync(dir).filter((f) => f.startsWith('ready-')).length, (n) => n === 4, 'four children ready', { timeoutMs: 45_000, intervalMs: 20 });
    for (const p of procs) p.stdin.end('go\n');
    const results = await Promise.all(children);
    for (const r of results) expect(r).toEqual({ code: 0, out: `${latestVersion()}\n` });
  });

  it('closing beside a reader does not wait for it, and the last close leaves no WAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zapcut-tx-'));
    dirs.push(dir);
    const file = join(dir, 'zapcut.sqlite');
    const runner = openDatabase(file);
    const cli = openDatabase(file);
    open.push(runner, cli);
    runner.exec('CREATE TABLE t (x)');
    runner.prepare('INSERT INTO t VALUES (1)').run();
    // The runner is mid-read (an open read transaction) when the CLI closes.
    const it = runner.prepare('SELECT x FROM t').iterate();
    it.next();
    closeDatabase(cli);
    it.return?.();
    runner.prepare('INSERT INTO t VALUES (2)').run();
    closeDatabase(runner);
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('opening while SQLite answers BUSY without waiting (WAL recovery, a new file switching to WAL)', () => {
  const busy = (code: string) => new Database.SqliteError('database is locked', code);

  it('tries again after a pause and returns what the step returns', () => {
    let calls = 0;
    const started = Date.now();
    const v = retryWhileBusy(() => {
      calls++;
      if (calls < 3) throw busy(calls === 1 ? 'SQLITE_BUSY' : 'SQLITE_BUSY_RECOVERY');
      return 'opened';
    });
    expect(v).toBe('opened');
    expect(calls).toBe(3);
    // It paused between tries (5 ms, then 10 ms), not spun.
    expect(Date.now() - started).toBeGreaterThanOrEqual(14);
  });

  it('passes any other error through at once', () => {
    let calls = 0;
    expect(() =>
      retryWhileBusy(() => {
        calls++;
        throw new Database.SqliteError('no such table: x', 'SQLITE_ERROR');
      }),
    ).toThrow('no such table');
    expect(calls).toBe(1);
  });

  it('gives up with the BUSY error once the deadline has passed', () => {
    let calls = 0;
    expect(() =>
      retryWhileBusy(() => {
        calls++;
        throw busy('SQLITE_BUSY');
      }, 60),
    ).toThrow('database is locked');
    expect(calls).toBeGreaterThan(2);
  });
});
