#!/usr/bin/env node
// Runs the full-system tests. The keychain test needs a Secret Service on D-Bus: when
// dbus-run-session and gnome-keyring-daemon exist, everything runs inside a private D-Bus session
// with a freshly unlocked keyring (ENVIRONMENT.md); otherwise the tests run as they are and the
// keychain test says why it skips. Extra args go to vitest.
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const vitest = ['npx', 'vitest', 'run', '-c', 'test/system/vitest.config.ts', ...process.argv.slice(2)].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
// A throwaway keyring folder: the tests never touch the user's own keyring, and a fresh one is
// created (and unlocked) with the password given on stdin.
const inner = `export XDG_DATA_HOME="$(mktemp -d)"; echo -n zapcut-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ${vitest}; rc=$?; rm -rf "$XDG_DATA_HOME"; exit $rc`;
const r = has('dbus-run-session') && has('gnome-keyring-daemon') ? spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], { stdio: 'inherit' }) : spawnSync('sh', ['-c', vitest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
