import type { Encryptor } from '../../src/backend/session/encrypted-file-store';

/**
 * Stands in for Electron's safeStorage so a session survives an app restart the way it does in
 * the desktop app (the encrypted session file). Reversible on purpose: tests only.
 */
export const testEncryptor: Encryptor = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (enc) => Buffer.from(enc).reverse().toString('utf8'),
};
