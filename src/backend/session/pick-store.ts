/** Chooses where tokens live on this machine: keychain, else encrypted file, else memory. */
import path from 'node:path';
import { EncryptedFileTokenStore, type Encryptor } from './encrypted-file-store';
import { KeychainTokenStore } from './keychain-store';
import { MemoryTokenStore, type TokenStore } from './token-store';

export interface PickStoreOptions {
  dataDir: string;
  /** Electron's safeStorage (adapter), absent in the CLI. */
  encryptor?: Encryptor;
  /** Tests and headless machines: skip the keychain probe. */
  keychain?: boolean;
  keychainService?: string;
}

export async function pickTokenStore(opts: PickStoreOptions): Promise<TokenStore> {
  if (opts.keychain !== false) {
    const k = await KeychainTokenStore.open(opts.keychainService);
    if (k) return k;
  }
  if (opts.encryptor?.isEncryptionAvailable()) return new EncryptedFileTokenStore(path.join(opts.dataDir, 'session.bin'), opts.encryptor);
  return new MemoryTokenStore();
}
