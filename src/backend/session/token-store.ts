/**
 * Where the session's tokens live. Never SQLite, never the logs, never the renderer: the OS
 * keychain (keytar) when one is reachable, else a file encrypted with Electron's safeStorage
 * (which itself uses the OS's key store), else memory only (signed in until the app quits).
 */
import { z } from 'zod';

export const StoredSession = z.object({
  accessToken: z.string().min(10),
  refreshToken: z.string().min(10),
  email: z.string(),
});
export type StoredSession = z.infer<typeof StoredSession>;

export type TokenStoreKind = 'keychain' | 'encrypted-file' | 'memory';

export interface TokenStore {
  readonly kind: TokenStoreKind;
  /** Why this store and not the OS keychain (what to install for one); absent for the keychain. */
  readonly why?: string;
  /** The session saved for this proxy, or null. A corrupt entry reads as null (and is removed). */
  load(proxyUrl: string): Promise<StoredSession | null>;
  save(proxyUrl: string, session: StoredSession): Promise<void>;
  clear(proxyUrl: string): Promise<void>;
  /** Other secrets of this app under their own key (the social networks' tokens, issue 24), as text. */
  getSecret(key: string): Promise<string | null>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}

/** The key a session is stored under: one per proxy origin (dev stack and production apart). */
export function accountKey(proxyUrl: string): string {
  return `session:${new URL(proxyUrl).origin}`;
}

export function parseStored(text: string | null | undefined): StoredSession | null {
  if (!text) return null;
  try {
    const r = StoredSession.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export class MemoryTokenStore implements TokenStore {
  readonly kind = 'memory' as const;
  private readonly map = new Map<string, StoredSession>();
  constructor(readonly why?: string) {}
  async load(proxyUrl: string) {
    return this.map.get(accountKey(proxyUrl)) ?? null;
  }
  async save(proxyUrl: string, s: StoredSession) {
    this.map.set(accountKey(proxyUrl), s);
  }
  async clear(proxyUrl: string) {
    this.map.delete(accountKey(proxyUrl));
  }
  private readonly secrets = new Map<string, string>();
  async getSecret(key: string) {
    return this.secrets.get(key) ?? null;
  }
  async setSecret(key: string, value: string) {
    this.secrets.set(key, value);
  }
  async deleteSecret(key: string) {
    this.secrets.delete(key);
  }
}
