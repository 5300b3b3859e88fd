/** PKCE (RFC 7636): a fresh verifier per sign-in and its S256 challenge; plus the state nonce. */
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function createPkce(): Pkce {
  // 64 bytes → 86 base64url characters: inside RFC 7636's 43–128, from its unreserved alphabet.
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

export const createState = (): string => randomBytes(24).toString('base64url');
