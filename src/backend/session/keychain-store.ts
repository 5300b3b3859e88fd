/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, the Secret Service
 * over D-Bus on Linux). keytar is native, so it is loaded lazily: a build or machine without it
 * falls back to the encrypted file instead of failing to start.
 */
import { AppError } from '../../shared/errors';
import { accountKey, parseStored, type StoredSession, type TokenStore } from './token-store';

export const KEYCHAIN_SERVICE = 'Zapcut';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export async function loadKeytar(): Promise<Keytar | undefined> {
  try {
    const mod = (await import('keytar')) as unknown as Keytar & { default?: Keytar };
    return mod.default ?? mod;
  } catch {
    return undefined;
  }
}

export class KeychainTokenStore implements TokenStore {
  readonly kind = 'keychain' as const;
  constructor(
    private readonly keytar: Keytar,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  /** A keychain is reachable when a harmless lookup works (on Linux: a Secret Service answers on D-Bus). */
  static async open(service = KEYCHAIN_SERVICE, timeoutMs = 3000): Promise<KeychainTokenStore | undefined> {
    const keytar = await loadKeytar();
    if (!keytar) return undefined;
    try {
      await Promise.race([keytar.findCredentials(service), new Promise((_, rej) => setTimeout(() => rej(new Error('keychain did not answer')), timeoutMs).unref())]);
      return new KeychainTokenStore(keytar, service);
    } catch {
      return undefined;
    }
  }

  async load(proxyUrl: string): Promise<StoredSession | null> {
    const s = parseStored(await this.keytar.getPassword(this.service, accountKey(proxyUrl)));
    return s;
  }
  async save(proxyUrl: string, session: StoredSession): Promise<void> {
    try {
      await this.keytar.setPassword(this.service, accountKey(proxyUrl), JSON.stringify(session));
    } catch (cause) {
      throw new AppError('IO', `The OS keychain refused to store your session (${(cause as Error).message}). Unlock your keychain (on Linux: the login keyring) and sign in again.`, { cause });
    }
  }
  async clear(proxyUrl: string): Promise<void> {
    await this.keytar.deletePassword(this.service, accountKey(proxyUrl));
  }
}
