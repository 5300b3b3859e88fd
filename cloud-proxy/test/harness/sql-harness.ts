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

export default { fetch: () => new Response('sql harness') };
