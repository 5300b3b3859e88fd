/** Chooses where tokens live on this machine: keychain, else encrypted file, else memory. */
import path from 'node:path';
import { EncryptedFileTokenStore, type Encryptor } from './encrypted-file-store';
import { KeychainTokenStore, keychainAdvice } from './keychain-store';
import { MemoryTokenStore, type TokenStore } from './token-store';

export interface PickStoreOptions {
  dataDir: string;
  /** Electron's safeStorage (adapter), absent in the CLI. */
  encryptor?: Encryptor;
  /** Tests and headless machines: skip the keychain probe. */
  keychain?: boolean;
  keychainService?: string;
}

/** The store, with `why` saying what to install when it is not the keychain. */
export async function pickTokenStore(opts: PickStoreOptions): Promise<TokenStore> {
  let why = 'The OS keychain is turned off for this process (ZAPCUT_KEYCHAIN=off).';
  if (opts.keychain !== false) {
    const k = await KeychainTokenStore.probe(opts.keychainService);
    if ('store' in k) return k.store;
    why = keychainAdvice(k.problem);
  }
  if (opts.encryptor?.isEncryptionAvailable()) return new EncryptedFileTokenStore(path.join(opts.dataDir, 'session.bin'), opts.encryptor, why);
  return new MemoryTokenStore(why);
}
