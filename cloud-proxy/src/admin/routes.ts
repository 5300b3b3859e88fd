import type { Context } from 'hono';
import { z } from 'zod';
import { newApp, type AppEnv } from '../app';
import { requireAdmin, requireUser } from '../auth/middleware';
import { audit, type UserRecord } from '../db/schema';
import { readJson } from '../http/body';
import { ProxyError, badRequest, notFound } from '../http/errors';
import { TIERS } from '../account/plans';
import { accountOf, unwrap } from '../account/stub';
import { videoSettled } from '../ops/videoStats';
import { checkProviders } from './provider-check';

export const adminRoutes = newApp();
adminRoutes.use('*', requireUser, requireAdmin);

const Reason = z.string().trim().min(3, 'Give a reason (it goes into the audit log).').max(500);

async function userOr404(db: D1Database, id: string): Promise<Pick<UserRecord, 'id' | 'email' | 'role' | 'created_at'>> {
  const u = await db.prepare('SELECT id, email, role, created_at FROM users WHERE id = ?').bind(id).first<UserRecord>();
  if (!u) throw notFound('No such user.');
  return u;
}

adminRoutes.get('/users', async (c) => {
  const query = (c.req.query('query') ?? '').trim().toLowerCase();
  if (query.length > 254) throw badRequest('The query is too long.');
  const rows = await c.env.DB.prepare(
    "SELECT id, email, role, tier, status, created_at AS createdAt FROM users WHERE (?1 = '' OR email LIKE '%' || ?1 || '%' OR id = ?1) ORDER BY created_at DESC LIMIT 100",
  )
    .bind(query)
    .all();
  return c.json({ users: rows.results });
});

adminRoutes.get('/users/:id', async (c) => {
  const u = await userOr404(c.env.DB, c.req.param('id'));
  const details = await accountOf(c.env, u.id).details();
  const violations = await c.env.DB.prepare('SELECT id, at, route, rule_id AS ruleId, category, severity, excerpt FROM violations WHERE user_id = ? ORDER BY at DESC LIMIT 50').bind(u.id).all();
  return c.json({ user: { id: u.id, email: u.email, role: u.role, createdAt: u.created_at }, ...details, violations: violations.results });
});

adminRoutes.post('/users/:id/credits', async (c) => {
  const { delta, reason } = await readJson(c, z.object({ delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'delta must not be 0'), reason: Reason }));
  const u = await userOr404(c.env.DB, c.req.param('id'));
  const actor = c.get('user').id;
  let summary;
  try {
    summary = await accountOf(c.env, u.id).adjustCredits(delta, reason, actor);
  } catch (e) {
    throw new ProxyError(409, 'INSUFFICIENT_CREDITS', e instanceof Error ? e.message : String(e));
  }
  await audit(c.env, actor, 'credits', u.id, reason, { deltaCents: delta, balanceCents: summary.creditsCents });
  return c.json(summary);
});

adminRoutes.put('/users/:id/tier', async (c) => {
  const { tier, reason } = await readJson(c, z.object({ tier: z.enum(TIERS), reason: Reason }));
  const u = await userOr404(c.env.DB, c.req.param('id'));
  const actor = c.get('user').id;
  const summary = await accountOf(c.env, u.id).setTier(tier, reason, actor);
  await c.env.DB.prepare('UPDATE users SET tier = ? WHERE id = ?').bind(tier, u.id).run();
  await audit(c.env, actor, 'tier', u.id, reason, { tier });
  return c.json(summary);
});

adminRoutes.put('/users/:id/role', async (c) => {
  const { role, reason } = await readJson(c, z.object({ role: z.enum(['user', 'admin']), reason: Reason }));
  const u = await userOr404(c.env.DB, c.req.param('id'));
  const actor = c.get('user').id;
  if (u.id === actor && role !== 'admin') throw new ProxyError(409, 'CONFLICT', 'You cannot remove your own admin role; ask another admin.');
  await c.env.DB.prepare('UPDATE users SET role = ? WHERE id = ?').bind(role, u.id).run();
  await audit(c.env, actor, 'role', u.id, reason, { role });
  return c.json({ id: u.id, role });
});

adminRoutes.post('/users/:id/quota-reset', async (c) => {
  const { reason } = await readJson(c, z.object({ reason: Reason }));
  const u = await userOr404(c.env.DB, c.req.param('id'));
  const actor = c.get('user').id;
  const summary = await accountOf(c.env, u.id).quotaReset(reason, actor);
  await audit(c.env, actor, 'quota-reset', u.id, reason);
  return c.json(summary);
});

for (const action of ['suspend', 'reinstate'] as const) {
  adminRoutes.post(`/users/:id/${action}`, async (c) => {
    const { reason } = await readJson(c, z.object({ reason: Reason }));
    const u = await userOr404(c.env.DB, c.req.param('id'));
    const actor = c.get('user').id;
    if (u.id === actor) throw new ProxyError(409, 'CONFLICT', 'You cannot suspend your own account.');
    const summary = await accountOf(c.env, u.id).setSuspended(action === 'suspend', reason, actor);
    await c.env.DB.prepare('UPDATE users SET status = ? WHERE id = ?').bind(action === 'suspend' ? 'suspended' : 'active', u.id).run();
    await audit(c.env, actor, action, u.id, reason);
    return c.json(summary);
  });
}

adminRoutes.post('/reservations/:id/refund', async (c) => {
  const { reason } = await readJson(c, z.object({ reason: Reason }));
  const id = c.req.param('id');
  const owner = await c.env.DB.prepare('SELECT user_id FROM video_owners WHERE video_id = ?').bind(id).first<{ user_id: string }>();
  if (!owner) throw notFound('No such reservation.');
  const actor = c.get('user').id;
  const result = unwrap(await accountOf(c.env, owner.user_id).adminRefund(id, actor, reason));
  await audit(c.env, actor, 'refund', owner.user_id, reason, { videoId: id, status: result.status });
  await videoSettled(c.env, result);
  return c.json(result);
});

/**
 * The deploy check (issue 17): every catalog model, pinned version, the LoRA trainer and
 * destination, the text models and the Suno gateway, asked with the operator's keys. POST with
 * `{createDestination: true}` also creates a missing LoRA destination model. Every run is audited
 * (who asked, what failed, what it created).
 */
async function providerCheck(c: Context<AppEnv>, createDestination: boolean) {
  const report = await checkProviders(c, { createDestination });
  const created = report.items.filter((i) => i.status === 'created').map((i) => i.name);
  const problems = report.items.filter((i) => i.status === 'missing' || i.status === 'error').map((i) => `${i.provider} ${i.name}`);
  await audit(c.env, c.get('user').id, 'provider-check', null, created.length ? 'deploy check, creating what is missing' : 'deploy check', { ok: report.ok, problems, created });
  return c.json(report);
}
adminRoutes.get('/providers/check', (c) => providerCheck(c, false));
adminRoutes.post('/providers/check', async (c) => {
  const { createDestination } = await readJson(c, z.object({ createDestination: z.boolean().default(false) }).strict());
  return providerCheck(c, createDestination);
});

adminRoutes.get('/violations', async (c) => {
  const userId = c.req.query('userId');
  const rows = await c.env.DB.prepare(
    'SELECT v.id, v.at, v.user_id AS userId, u.email, v.route, v.rule_id AS ruleId, v.category, v.severity, v.excerpt FROM violations v LEFT JOIN users u ON u.id = v.user_id WHERE (?1 IS NULL OR v.user_id = ?1) ORDER BY v.at DESC LIMIT 200',
  )
    .bind(userId ?? null)
    .all();
  return c.json({ violations: rows.results });
});

adminRoutes.get('/audit', async (c) => {
  const rows = await c.env.DB.prepare('SELECT id, at, actor_id AS actorId, action, target_user_id AS targetUserId, reason, detail_json AS detail FROM audit_log ORDER BY id DESC LIMIT 200').all();
  return c.json({ entries: rows.results.map((r) => ({ ...r, detail: JSON.parse(String(r.detail)) as unknown })) });
});
