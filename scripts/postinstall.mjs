#!/usr/bin/env node
// After `npm install`: one line for each optional part this machine could not install, with what
// it means and what to install. Never fails the install (exit 0 whatever happens).
import { createRequire } from 'node:module';
import { MIN_NODE, nodeAccepted } from './node-version.mjs';

const require = createRequire(import.meta.url);

if (!nodeAccepted()) {
  // A plain `npm install` on an older Node: it works as far as npm goes, but the packages were built
  // for a Node that Zapcut and Electron's tools do not support.
  console.log(`zapcut: installed with Node ${process.version}; Zapcut needs ${MIN_NODE}+. Run npm run setup instead (it fetches Node 22 for this project when the machine's is older).`);
}

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
