import { describe, expect, it } from 'vitest';
import type { AccountUsage, AccountView } from '../../../shared/domain/account';
import { AppError } from '../../../shared/errors';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createServiceContext } from '../../backend';
import type { ServiceContext } from '../context';
import { chooseProvider, draftProviderFor, providerForRun, tierFrom } from './provider-choice';
import { refreshProviderChoice, tierPolicy } from './service';

const contexts: ServiceContext[] = [];
/** A backend context whose account is `view` (a fake instead of a proxy). */
function context(view: () => Promise<AccountView>): ServiceContext {
  const ctx = createServiceContext({ dataDir: mkdtempSync(join(tmpdir(), 'zapcut-choice-')), account: { view } });
  contexts.push(ctx);
  return ctx;
}
afterAll(() => {
  for (const c of contexts) {
    c.db.close();
    rmSync(c.dataDir, { recursive: true, force: true });
  }
});

const usage: AccountUsage = { tier: 'starter', creditsCents: 0, freeVideosUsed: 0, freeVideosLeft: 0, month: '2026-11', monthVideosUsed: 1, monthVideosLeft: 9, maxLengthSeconds: 30, maxResolution: '1080p', suspended: false };
const signedOut: AccountView = { proxyUrl: '', signedIn: false, email: null, store: 'memory', usage: null, problem: null };
const signedIn: AccountView = { proxyUrl: 'http://127.0.0.1:8799', signedIn: true, email: 'a@b.co', store: 'memory', usage, problem: null };
const unreachable: AccountView = { ...signedIn, usage: null, problem: { code: 'OFFLINE', message: 'Could not reach http://127.0.0.1:8799.' } };

describe('provider choice', () => {
  it('uses the proxy with the plan limit when signed in, offline with no limit otherwise', () => {
    expect(chooseProvider(signedIn)).toEqual({ provider: 'proxy', maxLengthSeconds: 30, unreachable: null });
    expect(chooseProvider(signedOut)).toEqual({ provider: 'offline', maxLengthSeconds: null, unreachable: null });
    expect(chooseProvider({ ...signedIn, signedIn: false, usage: null })).toMatchObject({ provider: 'offline' });
    expect(tierFrom(chooseProvider(signedIn)).maxLengthSeconds()).toBe(30);
    expect(tierFrom(chooseProvider(signedOut)).maxLengthSeconds()).toBeNull();
  });

  it('refuses to fall back silently when the proxy is unreachable; the user can choose offline', () => {
    const choice = chooseProvider(unreachable);
    expect(choice.unreachable?.code).toBe('OFFLINE');
    let err: unknown;
    try {
      providerForRun(choice, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('OFFLINE');
    expect((err as AppError).message).toMatch(/cannot be reached.*continue offline/);
    expect(providerForRun(choice, { offline: true })).toBe('offline');
    expect(providerForRun(chooseProvider(signedIn), {})).toBe('proxy');
    expect(providerForRun(chooseProvider(signedIn), { offline: true })).toBe('offline');
    expect(providerForRun(chooseProvider(signedOut), {})).toBe('offline');
  });

  it('drafts with the proxy only when signed in and reachable', () => {
    expect(draftProviderFor(chooseProvider(signedIn))).toBe('proxy');
    expect(draftProviderFor(chooseProvider(signedOut))).toBe('offline');
    expect(draftProviderFor(chooseProvider(unreachable))).toBe('offline');
  });

  it('feeds the chat tier policy from the account and caches it between chat turns', async () => {
    let view = signedIn;
    let asked = 0;
    const ctx = context(async () => {
      asked++;
      return view;
    });
    expect((await refreshProviderChoice(ctx)).provider).toBe('proxy');
    expect(tierPolicy(ctx).maxLengthSeconds()).toBe(30);
    view = signedOut;
    await refreshProviderChoice(ctx);
    expect(asked).toBe(1);
    expect(tierPolicy(ctx).maxLengthSeconds()).toBe(30);
    expect((await refreshProviderChoice(ctx, true)).provider).toBe('offline');
    expect(asked).toBe(2);
    expect(tierPolicy(ctx).maxLengthSeconds()).toBeNull();
  });

  it('treats an account that cannot be read at all as offline', async () => {
    const ctx = context(() => Promise.reject(new Error('keychain locked')));
    const err = console.error;
    console.error = () => undefined;
    try {
      expect(await refreshProviderChoice(ctx, true)).toEqual({ provider: 'offline', maxLengthSeconds: null, unreachable: null });
    } finally {
      console.error = err;
    }
  });
});
