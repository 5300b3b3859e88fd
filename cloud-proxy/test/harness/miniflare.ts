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
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  const ns = await mf.getDurableObjectNamespace('HARNESS');
  return {
    d1,
    object(name) {
      const stub = ns.get(ns.idFromName(name));
      return async (body) => {
        const res = await stub.fetch('http://harness/', { method: 'POST', body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      };
    },
    dispose: () => mf.dispose(),
  };
}
