#!/usr/bin/env node
// After `npm install`: one line for each optional part this machine could not install, with what
// it means and what to install. Never fails the install (exit 0 whatever happens).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

try {
  // keytar is an optional dependency: npm drops it silently when its native build fails (on Linux,
  // without libsecret's headers). Loading it here also catches a build that cannot load.
  require('keytar');
} catch {
  const linux = process.platform === 'linux';
  console.log(
    `zapcut: no OS keychain module (keytar) on this machine, so sign-in is kept in an encrypted file (app) or for one command (CLI; or use ZAPCUT_API_KEY). ${
      linux ? 'For the keychain: sudo apt install libsecret-1-dev (Fedora: libsecret-devel), then npm rebuild keytar.' : 'For the keychain: run npm install again with internet access.'
    }`,
  );
}
