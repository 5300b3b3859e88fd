import { describe, expect, it } from 'vitest';
import { api, signup } from './helpers';

// The test Worker has no social credentials: the config says so and the LinkedIn token routes
// refuse clearly. The full flow (app → Worker → fake LinkedIn) runs in test/system/publish.test.ts.
describe('social publishing support', () => {
  it('publishes the networks\' endpoints and client ids, public and uncached', async () => {
    const r = await api('/v1/social/config');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({
      x: { enabled: false, authorizeUrl: 'https://x.com/i/oauth2/authorize', apiBase: 'https://api.x.com', redirectPorts: [] },
      linkedin: { enabled: false, authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization', apiBase: 'https://api.linkedin.com', version: expect.stringMatching(/^\d{6}$/) },
    });
    expect(JSON.stringify(r.body)).not.toMatch(/secret/i);
  });

  it('does LinkedIn token calls only for signed-in users, only to a loopback redirect, only when configured', async () => {
    const body = { code: 'AQTcode', codeVerifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:53682/callback' };
    expect((await api('/v1/social/linkedin/token', { body })).status).toBe(401);
    const u = await signup();
    const evil = await api('/v1/social/linkedin/token', { token: u.accessToken, body: { ...body, redirectUri: 'https://evil.example/cb' } });
    expect(evil.status).toBe(400);
    expect(evil.body.error.code).toBe('VALIDATION');
    const r = await api('/v1/social/linkedin/token', { token: u.accessToken, body });
    expect(r.status).toBe(503);
    expect(r.body.error).toMatchObject({ code: 'SOCIAL_NOT_CONFIGURED', message: expect.stringMatching(/LinkedIn publishing is not set up/) });
  });
});
