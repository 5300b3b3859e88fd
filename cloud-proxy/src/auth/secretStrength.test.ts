import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { weakSecretReason } from './secretStrength';

describe('weakSecretReason', () => {
  it('accepts what a random generator makes: hex, base64 and base64url of 32 or 48 bytes', () => {
    for (let i = 0; i < 200; i++) {
      for (const s of [randomBytes(32).toString('hex'), randomBytes(32).toString('hex').toUpperCase(), randomBytes(48).toString('base64'), randomBytes(32).toString('base64url')]) {
        expect(weakSecretReason(s), s).toBeNull();
      }
    }
  });

  it.each([
    [undefined, /not set/],
    ['', /not set/],
    ['short', /5 characters, under the 43/],
    [randomBytes(16).toString('hex'), /32 characters, under the 64/],
    ['change-me-to-48-random-characters-for-local-dev-only', /contains a word/],
    ['test-jwt-secret-that-is-long-enough-0123456789', /contains a word/],
    ['correct horse battery staple correct horse battery', /contains spaces/],
    ['aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3', /repeats too few/],
    ['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', /sequences/],
    ['my-own-jwt-signing-key-for-production-use-only-2026', /one case/],
    ['key!with*symbols#that$are%not&base64^at(all)ok', /not hex or base64/],
  ])('refuses %j', (secret, why) => {
    expect(weakSecretReason(secret)).toMatch(why);
  });
});
