import { newApp } from './app';
import { ConfigError, configOf } from './env';
import { ensureSchema } from './db/schema';
import { ProxyError } from './http/errors';
import { authRoutes } from './auth/routes';
import { accountRoutes } from './account/routes';
import { trainingRoutes } from './trainings/routes';
import { socialRoutes } from './social/routes';
import { billingRoutes } from './billing/routes';
import { forwardRoutes } from './forward/routes';
import { adminRoutes } from './admin/routes';
import { adminBillingRoutes } from './admin/billing';
import { adminOpsRoutes } from './admin/ops';
import { ADMIN_CSP, ADMIN_CSS, ADMIN_JS, adminPage } from './admin/page';

export { UserAccount } from './account/UserAccount';
export { SignupLimiter } from './auth/signupLimit';

const app = newApp();

app.use('*', async (c, next) => {
  try {
    configOf(c.env);
  } catch (e) {
    // A missing or weak secret: the Worker serves nothing (not even sign-in) until the operator fixes it.
    if (!(e instanceof ConfigError)) throw e;
    console.error(`zapcut-proxy refuses to serve: ${e.message}`);
    return c.json({ error: { code: 'CONFIG_INVALID', message: `The proxy is not configured correctly, so it serves nothing: ${e.message}` } }, 503);
  }
  await ensureSchema(c.env);
  await next();
});

app.get('/', (c) => {
  const config = configOf(c.env);
  return c.json({
    service: 'zapcut-cloud-proxy',
    ok: true,
    time: new Date().toISOString(),
    upstreams: {
      openai: config.OPENAI_API_KEY !== '',
      anthropic: config.ANTHROPIC_API_KEY !== '',
      replicate: config.REPLICATE_API_TOKEN !== '',
      music: config.SUNO_API_KEY !== '' && config.SUNO_BASE_URL !== '' ? 'suno' : 'replicate',
    },
  });
});

// The Suno gateway requires a callBackUrl; the proxy polls instead, so the hook only acknowledges
// (its body is not trusted or stored).
app.post('/v1/hooks/suno', (c) => c.json({ ok: true }));

app.route('/v1/auth', authRoutes);
// Before /v1: its own requireUser, so the account router's gate does not count the call twice.
app.route('/v1/trainings', trainingRoutes);
app.route('/v1/social', socialRoutes);
// Before /v1 too: the plans, return page and webhook are public; checkout and portal sign in per route.
app.route('/v1/billing', billingRoutes);
app.route('/v1', accountRoutes);
app.route('/', forwardRoutes);
// The page and its assets are public (they hold no data); the API under /admin needs an admin.
const page = (body: string, type: string) => new Response(body, { headers: { 'content-type': type, 'content-security-policy': ADMIN_CSP, 'x-content-type-options': 'nosniff' } });
app.get('/admin', () => page(adminPage(), 'text/html; charset=utf-8'));
app.get('/admin/app.js', () => page(ADMIN_JS, 'text/javascript; charset=utf-8'));
app.get('/favicon.ico', (c) => c.body(null, 204));
app.get('/admin/app.css', () => page(ADMIN_CSS, 'text/css; charset=utf-8'));
app.route('/admin/billing', adminBillingRoutes);
app.route('/admin/ops', adminOpsRoutes);
app.route('/admin', adminRoutes);

app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.` } }, 404));

app.onError((err, c) => {
  if (err instanceof ProxyError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(err.toBody(), err.status);
  }
  console.error('unhandled', err);
  return c.json({ error: { code: 'INTERNAL', message: 'The proxy failed unexpectedly; retry, and report it if it persists.' } }, 500);
});

export default app;
