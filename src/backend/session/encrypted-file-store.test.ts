import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileTokenStore, type Encryptor } from './encrypted-file-store';
import { pickTokenStore } from './pick-store';
import { keychainAdvice } from './keychain-store';

/** AES-256-GCM with a per-test key: stands in for safeStorage (which needs Electron). */
function aes(key = randomBytes(32)): Encryptor {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (b) => {
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const session = { accessToken: 'access-token-secret-1', refreshToken: 'refresh-token-secret-1', email: 'a@b.co' };

describe('EncryptedFileTokenStore', () => {
  it('keeps sessions per proxy, never in the clear, and removes the file when the last one goes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-session-'));
    const file = path.join(dir, 'session.bin');
    const key = randomBytes(32);
    const store = new EncryptedFileTokenStore(file, aes(key));
    await store.save('http://127.0.0.1:8799', session);
    await store.save('https://api.zapcut.app', { ...session, email: 'c@d.co' });
    const bytes = await readFile(file);
    expect(bytes.toString('latin1')).not.toContain('secret');
    // A restart: a new store object with the same key reads it back.
    const again = new EncryptedFileTokenStore(file, aes(key));
    expect(await again.load('http://127.0.0.1:8799/')).toEqual(session);
    expect((await again.load('https://api.zapcut.app'))?.email).toBe('c@d.co');
    await again.clear('http://127.0.0.1:8799');
    await again.clear('https://api.zapcut.app');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads a file it cannot decrypt (another key, corrupt) as signed out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-session-'));
    const file = path.join(dir, 'session.bin');
    await new EncryptedFileTokenStore(file, aes()).save('http://127.0.0.1:1', session);
    expect(await new EncryptedFileTokenStore(file, aes()).load('http://127.0.0.1:1')).toBeNull();
    await writeFile(file, 'garbage');
    expect(await new EncryptedFileTokenStore(file, aes()).load('http://127.0.0.1:1')).toBeNull();
  });

  it('is chosen when no keychain is used and encryption is available; memory otherwise', async () => {
    expect((await pickTokenStore({ dataDir: tmpdir(), keychain: false, encryptor: aes() })).kind).toBe('encrypted-file');
    expect((await pickTokenStore({ dataDir: tmpdir(), keychain: false, encryptor: { ...aes(), isEncryptionAvailable: () => false } })).kind).toBe('memory');
    expect((await pickTokenStore({ dataDir: tmpdir(), keychain: false })).kind).toBe('memory');
  });

  it('says why it is not the keychain, and what to install for one', async () => {
    expect((await pickTokenStore({ dataDir: tmpdir(), keychain: false })).why).toMatch(/turned off/);
    // keytar missing on Linux: libsecret's headers, then a rebuild; no Secret Service: a keyring.
    expect(keychainAdvice('not-installed', 'linux')).toMatch(/libsecret-1-dev.*npm rebuild keytar/);
    expect(keychainAdvice('no-answer', 'linux')).toMatch(/gnome-keyring/);
    expect(keychainAdvice('not-installed', 'darwin')).toMatch(/npm install/);
  });
});
