/**
 * Runs the test-only harness Worker (sql-harness.ts) in workerd through Miniflare, with a D1
 * database and the harness Durable Object (SQLite-backed), for the migration tests.
 */
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { fileURLToPath } from 'node:url';

export interface SqlHarness {
  d1: D1Database;
  /** A fresh Durable Object database per name. */
  object(name: string): (body: unknown) => Promise<{ status: number; body: any }>;
  dispose(): Promise<void>;
}

export async function startSqlHarness(): Promise<SqlHarness> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./sql-harness.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['cloudflare:workers'],
    write: false,
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2026-04-01',
    d1Databases: ['DB'],
    durableObjects: { HARNESS: { className: 'SqlHarness', useSQLite: true } },
  });
  await mf.ready;
  const call = async (path: string, body: unknown): Promise<{ status: number; body: any }> => {
    const res = await mf.dispatchFetch(`http://harness${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const d1op = async (op: unknown) => {
    const r = await call('/d1', op);
    if (r.status !== 200) throw new Error(r.body.error);
    return r.body.value;
  };
  return {
    d1: d1Over(d1op),
    object: (name) => (body) => call(`/do/${encodeURIComponent(name)}`, body),
    dispose: () => mf.dispose(),
  };
}

type Stmt = { sql: string; params: unknown[] };

/** The part of D1's binding API the migrations and their tests use, as HTTP calls to the harness. */
function d1Over(op: (body: unknown) => Promise<any>): D1Database {
  const statement = (s: Stmt): any => ({
    __stmt: s,
    bind: (...params: unknown[]) => statement({ sql: s.sql, params }),
    all: () => op({ mode: 'all', stmt: s }),
    run: () => op({ mode: 'run', stmt: s }),
    raw: () => op({ mode: 'raw', stmt: s }),
    first: async (column?: string) => {
      const row = await op({ mode: 'first', stmt: s });
      return column === undefined || row === null ? row : row[column];
    },
  });
  return {
    prepare: (sql: string) => statement({ sql, params: [] }),
    batch: (stmts: any[]) => op({ mode: 'batch', stmts: stmts.map((x) => x.__stmt) }),
    exec: (sql: string) => op({ mode: 'exec', sql }),
  } as unknown as D1Database;
}
