/**
 * Electron's safeStorage as the session's Encryptor (the fallback token store when no keychain is
 * reachable). On Linux safeStorage falls back to a hard-coded key when no secret store exists
 * ("basic_text"); that is not encryption worth the name, so it counts as unavailable there.
 */
import { safeStorage } from 'electron';
import type { Encryptor } from '../../backend/session/encrypted-file-store';

export function safeStorageEncryptor(): Encryptor {
  return {
    isEncryptionAvailable: () => {
      if (!safeStorage.isEncryptionAvailable()) return false;
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
      return backend !== 'basic_text';
    },
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
