/**
 * A test-only Worker (bundled by esbuild, run by Miniflare in workerd) whose Durable Object runs
 * the account migrations on a real Durable Object SQLite, so each migration can be tested the
 * Signal way: migrate to N−1, insert, migrate to N, check.
 */
import { DurableObject } from 'cloudflare:workers';
import { migrateSql } from '../../src/db/migrate';
import { ACCOUNT_ADOPTION, ACCOUNT_MIGRATIONS } from '../../src/account/migrations';

type Op = { op: 'migrate'; to?: number } | { op: 'exec'; sql: string; params?: unknown[] } | { op: 'script'; statements: string[] };

export class SqlHarness extends DurableObject {
  override async fetch(req: Request): Promise<Response> {
    const op = (await req.json()) as Op;
    try {
      if (op.op === 'migrate') return Response.json({ version: migrateSql(this.ctx.storage, ACCOUNT_MIGRATIONS, { target: op.to, adopt: ACCOUNT_ADOPTION }) });
      if (op.op === 'script') {
        for (const s of op.statements) this.ctx.storage.sql.exec(s);
        return Response.json({ ok: true });
      }
      return Response.json({ rows: this.ctx.storage.sql.exec(op.sql, ...(op.params ?? [])).toArray() });
    } catch (e) {
      return Response.json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
    }
  }
}

type D1Stmt = { sql: string; params?: unknown[] };
type D1Op = { mode: 'all' | 'run' | 'first' | 'raw'; stmt: D1Stmt } | { mode: 'batch'; stmts: D1Stmt[] } | { mode: 'exec'; sql: string };
interface Env {
  DB: D1Database;
  HARNESS: DurableObjectNamespace;
}

/**
 * The tests reach D1 and the Durable Object through this Worker over plain HTTP (Miniflare's
 * dispatchFetch), not through Miniflare's synchronous binding proxy: under load that proxy has
 * been seen to miss a reply (an assertion in its SynchronousFetcher), after which every later call
 * reads the previous call's answer.
 */
export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    const url = new URL(req.url);
    const body = (await req.json()) as unknown;
    const obj = /^\/do\/(.+)$/.exec(url.pathname);
    if (obj) return env.HARNESS.get(env.HARNESS.idFromName(decodeURIComponent(obj[1]!))).fetch('http://harness/', { method: 'POST', body: JSON.stringify(body) });
    const op = body as D1Op;
    const prep = (s: D1Stmt) => env.DB.prepare(s.sql).bind(...(s.params ?? []));
    try {
      if (op.mode === 'batch') return Response.json({ value: await env.DB.batch(op.stmts.map(prep)) });
      if (op.mode === 'exec') return Response.json({ value: await env.DB.exec(op.sql) });
      if (op.mode === 'first') return Response.json({ value: await prep(op.stmt).first() });
      if (op.mode === 'raw') return Response.json({ value: await prep(op.stmt).raw() });
      return Response.json({ value: await prep(op.stmt)[op.mode]() });
    } catch (e) {
      return Response.json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
    }
  },
};
