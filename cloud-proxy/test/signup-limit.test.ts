import { describe, expect, it } from 'vitest';
import { admin, api } from './helpers';

// Account farming: each account gets free videos, tokens and trainings. The limit is per client
// address (CF-Connecting-IP), counted in a Durable Object per address.
describe('sign-ups per client address', () => {
  it('10 parallel sign-ups from one address → exactly 3 accounts; the refusals are audited; another address still signs up', async () => {
    const client = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const tag = `${process.pid}-${Date.now()}`;
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api('/v1/auth/signup', { headers: { 'cf-connecting-ip': client }, body: { email: `farm-${tag}-${i}@zapcut.test`, password: 'correct-horse-battery' } })),
    );
    const statuses = all.map((r) => r.status);
    // On the old code all 10 were 201.
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const refused = all.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe('SIGNUP_LIMITED');
    expect(refused.body.error.message).toMatch(/Too many new accounts from this network/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3600);
    const other = await api('/v1/auth/signup', { headers: { 'cf-connecting-ip': '198.51.100.250' }, body: { email: `farm-${tag}-other@zapcut.test`, password: 'correct-horse-battery' } });
    expect(other.status).toBe(201);
    const audit = await api('/admin/audit', { token: await admin() });
    const entries = (audit.body.entries as { action: string; detail: { client?: string } }[]).filter((e) => e.action === 'signup-refused' && e.detail.client === client);
    expect(entries).toHaveLength(7);
  });
});
