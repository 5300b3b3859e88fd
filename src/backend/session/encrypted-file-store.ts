/**
 * Fallback when no keychain is reachable: one file per data folder holding the sessions, encrypted
 * with an `Encryptor` (Electron's safeStorage in the app — see src/main/electron/safe-storage.ts).
 * Written atomically (temp + rename, mode 0600). Without encryption available this store is not
 * offered at all: tokens are never written in the clear.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { accountKey, StoredSession, type TokenStore } from './token-store';

export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

// Sessions (per proxy) and other secrets (`secret:<key>` → text) in one encrypted file.
const FileContent = z.record(z.string(), z.union([StoredSession, z.string()]));

export class EncryptedFileTokenStore implements TokenStore {
  readonly kind = 'encrypted-file' as const;
  constructor(
    private readonly file: string,
    private readonly crypto: Encryptor,
    readonly why?: string,
  ) {}

  private async readAll(): Promise<Record<string, StoredSession | string>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch {
      return {};
    }
    try {
      const r = FileContent.safeParse(JSON.parse(this.crypto.decryptString(bytes)));
      return r.success ? r.data : {};
    } catch {
      // Encrypted by another OS user or a different key: unreadable means signed out.
      return {};
    }
  }

  private async writeAll(all: Record<string, StoredSession | string>): Promise<void> {
    if (Object.keys(all).length === 0) {
      await rm(this.file, { force: true });
      return;
    }
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, this.crypto.encryptString(JSON.stringify(all)), { mode: 0o600 });
      await rename(temp, this.file);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async load(proxyUrl: string) {
    const s = (await this.readAll())[accountKey(proxyUrl)];
    return typeof s === 'object' ? s : null;
  }
  async save(proxyUrl: string, s: StoredSession) {
    const all = await this.readAll();
    all[accountKey(proxyUrl)] = s;
    await this.writeAll(all);
  }
  async clear(proxyUrl: string) {
    const all = await this.readAll();
    delete all[accountKey(proxyUrl)];
    await this.writeAll(all);
  }
  async getSecret(key: string) {
    const v = (await this.readAll())[`secret:${key}`];
    return typeof v === 'string' ? v : null;
  }
  async setSecret(key: string, value: string) {
    const all = await this.readAll();
    all[`secret:${key}`] = value;
    await this.writeAll(all);
  }
  async deleteSecret(key: string) {
    const all = await this.readAll();
    delete all[`secret:${key}`];
    await this.writeAll(all);
  }
}
