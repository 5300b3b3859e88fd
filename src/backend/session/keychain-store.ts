/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, the Secret Service
 * over D-Bus on Linux). keytar is an optional native dependency (a machine without libsecret's
 * headers installs without it), so it is loaded lazily: without it, or without a keychain that
 * answers, sign-in falls back to the encrypted file (app) or memory (CLI), and `keychainAdvice`
 * says what to install.
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

/** Why no keychain is used: keytar is not installed (or not built), or no keychain answered. */
export type KeychainProblem = 'not-installed' | 'no-answer';

/** One sentence: what is missing and what to install, for this platform. */
export function keychainAdvice(problem: KeychainProblem, platform: NodeJS.Platform = process.platform): string {
  if (problem === 'not-installed') {
    return platform === 'linux'
      ? 'keytar (the OS keychain module) is not built here: install libsecret\'s headers (Debian/Ubuntu: sudo apt install libsecret-1-dev; Fedora: sudo dnf install libsecret-devel), then run `npm rebuild keytar`.'
      : 'keytar (the OS keychain module) is not installed: run `npm install` again with internet access (it downloads a prebuilt keytar).';
  }
  return platform === 'linux'
    ? 'No Secret Service answers on D-Bus: run a keyring in your session (Debian/Ubuntu: sudo apt install gnome-keyring; it starts with the desktop).'
    : 'The system keychain did not answer: unlock it and try again.';
}

export class KeychainTokenStore implements TokenStore {
  readonly kind = 'keychain' as const;
  constructor(
    private readonly keytar: Keytar,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  /** A keychain is reachable when a harmless lookup works (on Linux: a Secret Service answers on D-Bus). */
  static async open(service = KEYCHAIN_SERVICE, timeoutMs = 3000): Promise<KeychainTokenStore | undefined> {
    const r = await KeychainTokenStore.probe(service, timeoutMs);
    return 'store' in r ? r.store : undefined;
  }

  /** The keychain store, or why there is none (see keychainAdvice). */
  static async probe(service = KEYCHAIN_SERVICE, timeoutMs = 3000): Promise<{ store: KeychainTokenStore } | { problem: KeychainProblem }> {
    const keytar = await loadKeytar();
    if (!keytar) return { problem: 'not-installed' };
    try {
      await Promise.race([keytar.findCredentials(service), new Promise((_, rej) => setTimeout(() => rej(new Error('keychain did not answer')), timeoutMs).unref())]);
      return { store: new KeychainTokenStore(keytar, service) };
    } catch {
      return { problem: 'no-answer' };
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
  getSecret(key: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, key);
  }
  async setSecret(key: string, value: string): Promise<void> {
    try {
      await this.keytar.setPassword(this.service, key, value);
    } catch (cause) {
      throw new AppError('IO', `The OS keychain refused to store a connection (${(cause as Error).message}). Unlock your keychain (on Linux: the login keyring) and connect again.`, { cause });
    }
  }
  async deleteSecret(key: string): Promise<void> {
    await this.keytar.deletePassword(this.service, key);
  }
}
