import { describe, expect, it } from 'vitest';
import { admin, api, reserve, setTier, signup } from './helpers';

describe('admin API', () => {
  it('non-admins get 403 on every /admin route; the page itself holds no data', async () => {
    const u = await signup();
    for (const [method, path] of [
      ['GET', '/admin/users'],
      ['GET', `/admin/users/${u.id}`],
      ['POST', `/admin/users/${u.id}/credits`],
      ['PUT', `/admin/users/${u.id}/tier`],
      ['POST', `/admin/users/${u.id}/quota-reset`],
      ['POST', `/admin/users/${u.id}/suspend`],
      ['POST', '/admin/reservations/vid_x/refund'],
      ['GET', '/admin/violations'],
    ] as const) {
      const r = await api(path, { method, token: u.accessToken, body: method === 'GET' ? undefined : { delta: 100, tier: 'pro', reason: 'self-service' } });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.code).toBe('ADMIN_REQUIRED');
    }
    expect((await api('/admin/users')).status).toBe(401);
    const page = await api('/admin');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('a token that claims admin is not enough: the role is read from the directory', async () => {
    const u = await signup();
    const token = await admin();
    const promoted = await api(`/admin/users/${u.id}/role`, { method: 'PUT', token, body: { role: 'admin', reason: 'new teammate' } });
    expect(promoted.status).toBe(200);
    const asAdmin = (await api('/v1/auth/login', { body: { email: u.email, password: u.password } })).body.accessToken;
    expect((await api('/admin/users', { token: asAdmin })).status).toBe(200);
    await api(`/admin/users/${u.id}/role`, { method: 'PUT', token, body: { role: 'user', reason: 'left the team' } });
    // Same (still valid) token with role=admin in its claims: refused now.
    expect((await api('/admin/users', { token: asAdmin })).status).toBe(403);
  });

  it('search, details, credits, tier, quota reset — each audited with actor and reason', async () => {
    const u = await signup();
    const token = await admin();
    const found = await api(`/admin/users?query=${encodeURIComponent(u.email.slice(0, 12))}`, { token });
    expect(found.body.users.map((x: { id: string }) => x.id)).toContain(u.id);
    expect((await api(`/admin/users/${u.id}/credits`, { token, body: { delta: 4000, reason: 'bought the $40 pack' } })).body.creditsCents).toBe(4000);
    const neg = await api(`/admin/users/${u.id}/credits`, { token, body: { delta: -5000, reason: 'chargeback' } });
    expect(neg.status).toBe(409);
    expect((await api(`/admin/users/${u.id}/credits`, { token, body: { delta: 100 } })).status).toBe(400);
    await setTier(u.id, 'starter');
    for (let i = 0; i < 3; i++) await reserve(u.accessToken, 30);
    let me = (await api('/v1/me', { token: u.accessToken })).body;
    // Free video 1 is ≤15 s, so all three 30 s videos come from the Starter quota.
    expect(me).toMatchObject({ freeVideosUsed: 0, monthVideosUsed: 3, monthVideosLeft: 7 });
    const reset = await api(`/admin/users/${u.id}/quota-reset`, { token, body: { reason: 'billing cycle moved' } });
    expect(reset.body.monthVideosUsed).toBe(0);
    me = (await api('/v1/me', { token: u.accessToken })).body;
    expect(me.monthVideosLeft).toBe(10);
    const details = await api(`/admin/users/${u.id}`, { token });
    expect(details.body.summary.tier).toBe('starter');
    expect(details.body.reservations).toHaveLength(3);
    expect(details.body.ledger.map((l: { kind: string }) => l.kind)).toEqual(expect.arrayContaining(['grant', 'tier', 'reserve', 'quota-reset']));
    const userLog = (await api('/admin/audit', { token })).body.entries.filter((e: { targetUserId: string }) => e.targetUserId === u.id);
    // The sign-up's email verification is audited too, by the user; the rest are the admin's.
    expect(userLog.filter((e: { action: string; actorId: string }) => e.action === 'email-verified' && e.actorId === u.id)).toHaveLength(1);
    const auditLog = userLog.filter((e: { action: string }) => e.action !== 'email-verified');
    expect(auditLog.map((e: { action: string }) => e.action)).toEqual(['quota-reset', 'tier', 'credits']);
    const adminId = (await api('/v1/me', { token })).body.id;
    expect(auditLog.every((e: { actorId: string }) => e.actorId === adminId)).toBe(true);
    expect(auditLog[2]).toMatchObject({ reason: 'bought the $40 pack', detail: { deltaCents: 4000, balanceCents: 4000 } });
  });

  it('suspend → every call 403 ACCOUNT_SUSPENDED; reinstate → works again', async () => {
    const u = await signup();
    const token = await admin();
    expect((await api(`/admin/users/${u.id}/suspend`, { token, body: { reason: 'repeated unsafe prompts' } })).body.suspended).toBe(true);
    for (const path of ['/v1/me', '/v1/quote?lengthSeconds=15']) {
      const r = await api(path, { token: u.accessToken });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('ACCOUNT_SUSPENDED');
      expect(r.body.error.message).toContain('repeated unsafe prompts');
    }
    expect((await api('/openai/v1/chat/completions', { token: u.accessToken, body: { model: 'x', messages: [] } })).body.error.code).toBe('ACCOUNT_SUSPENDED');
    expect((await reserve(u.accessToken, 15)).status).toBe(403);
    const listed = await api(`/admin/users?query=${encodeURIComponent(u.email)}`, { token });
    expect(listed.body.users[0].status).toBe('suspended');
    expect((await api(`/admin/users/${u.id}/reinstate`, { token, body: { reason: 'appeal accepted' } })).body.suspended).toBe(false);
    expect((await api('/v1/me', { token: u.accessToken })).status).toBe(200);
  });
});
