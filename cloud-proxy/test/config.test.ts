import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
// @ts-expect-error plain ESM helper
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
import type { StartedWorker } from './globalSetup';

// Two Workers of their own: one deployed with the example's old phrase as its JWT secret, one with
// none. Neither may sign anyone in or serve anything; both say what to fix. (On the old code the
// phrase passed — it is over 32 characters — and the Worker signed tokens with it.)
const started: StartedWorker[] = [];
let weak: StartedWorker;
let missing: StartedWorker;
beforeAll(async () => {
  const start = async (name: string, vars: Record<string, string>) => {
    const dir = join(inject('tmpDir'), name);
    const envFile = join(dir, `${name}.env`);
    writeEnvFile(envFile, vars);
    const w: StartedWorker = await startWorker({ persistTo: join(dir, 'state'), envFile, ready: () => true });
    started.push(w);
    return w;
  };
  [weak, missing] = await Promise.all([
    start('weak-secret', { JWT_SECRET: 'change-me-to-48-random-characters-for-local-dev-only' }),
    start('no-secret', { OPENAI_API_KEY: 'sk-test' }),
  ]);
});
afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()));
});

describe('a Worker with a weak or missing JWT secret', () => {
  it('refuses every request, sign-up included, and says which secret to fix and how', async () => {
    for (const [w, why] of [
      [weak, /JWT_SECRET is too weak: it contains a word/],
      [missing, /JWT_SECRET is too weak: it is not set/],
    ] as const) {
      const home = await fetch(`${w.url}/`);
      expect(home.status).toBe(503);
      const body = (await home.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('CONFIG_INVALID');
      expect(body.error.message).toMatch(why);
      expect(body.error.message).toContain('openssl rand -base64 48');
      expect(body.error.message).not.toContain('change-me'); // the value itself is never echoed
      const signup = await fetch(`${w.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@zapcut.test', password: 'correct-horse-battery' }) });
      expect(signup.status).toBe(503);
      await expect.poll(() => w.log(), { timeout: 10_000 }).toContain('zapcut-proxy refuses to serve: JWT_SECRET is too weak');
    }
  });
});
