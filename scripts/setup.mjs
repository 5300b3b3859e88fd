#!/usr/bin/env node
// `npm run setup`: installs Zapcut's packages (the app's and the cloud proxy's) with a Node that
// every one of them accepts: 22.12 or newer (Electron 45 and its tools, electron-builder's rebuilder
// and the accessibility scanner declare it; Node 20 is past its end of life). On an older Node (our
// build machines have 20.20) it first fetches Node 22 from the npm registry's per-platform package
// (`node-<os>-<cpu>`: the binary nodejs.org ships, with the headers native builds need) into
// `.tools/`, runs npm with it, and links `node_modules/.bin/node` to it, so `npx zapcut`, `npm start`
// and `npm test` run on it too. The README's first command and `.ci/run` both start here.
// Plain Node with no dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_MAJOR, MIN_NODE, nodeAccepted as accepted } from './node-version.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const windows = process.platform === 'win32';

function fail(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}

/** Runs a program with inherited output; stops setup with `what` when it fails. */
function run(file, args, what, options = {}) {
  const result = spawnSync(file, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error || result.status !== 0) fail(`${what} failed${result.error ? ` (${result.error.message})` : ` (exit ${result.status})`}`);
}

/** Output of a program, or null when it fails. */
function output(file, args, options = {}) {
  const result = spawnSync(file, args, { encoding: 'utf8', cwd: root, ...options });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The npm to run: the one running this script (its JS entry, run by the chosen Node), else `npm` on PATH. */
function npmCommand(node) {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli) && existsSync(cli)) return { file: node, prefix: [cli] };
  return { file: windows ? 'npm.cmd' : 'npm', prefix: [], shell: windows };
}

/** The binary inside an unpacked node-<os>-<cpu> package (its package.json names it). */
function binaryIn(dir) {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.node;
    return bin ? join(dir, bin) : null;
  } catch {
    return null;
  }
}

/** A Node 22.12+ for this project: one fetched earlier into .tools/, else fetched now. */
function provideNode() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  const cpu = { x64: 'x64', arm64: 'arm64' }[process.arch];
  const runsHere = (binary) => binary && existsSync(binary) && accepted(output(binary, ['--version']) ?? '0.0.0');
  for (const name of existsSync(tools) ? readdirSync(tools).sort().reverse() : []) {
    const binary = name.startsWith('node-v') ? binaryIn(join(tools, name)) : null;
    if (runsHere(binary)) return binary;
  }
  const advice = `install Node ${MIN_NODE} or newer (nodejs.org), then run npm run setup again`;
  if (!os || !cpu) fail(`Zapcut needs Node ${MIN_NODE}+ and this is ${process.version} on ${process.platform}-${process.arch}; ${advice}`);
  const pkg = `node-${os}-${cpu}`;
  const npm = npmCommand(process.execPath);
  const listed = output(npm.file, [...npm.prefix, 'view', pkg, 'versions', '--json'], { shell: npm.shell });
  let versions = [];
  try {
    versions = [].concat(JSON.parse(listed ?? '[]'));
  } catch {
    versions = [];
  }
  const newest = versions
    .filter((v) => v.startsWith(`${MIN_MAJOR}.`) && /^\d+\.\d+\.\d+$/.test(v) && accepted(v))
    .sort((a, b) => a.split('.').map(Number).reduce((d, n, i) => d || n - Number(b.split('.')[i]), 0))
    .pop();
  if (!newest) fail(`Zapcut needs Node ${MIN_NODE}+ and this is ${process.version}; the npm registry has no ${pkg} ${MIN_MAJOR}.x to fetch; ${advice}`);

  console.log(`setup: this machine's Node is ${process.version}; fetching Node ${newest} for this project (npm package ${pkg}) into .tools/`);
  mkdirSync(tools, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'zapcut-node-'));
  try {
    run(npm.file, [...npm.prefix, 'pack', `${pkg}@${newest}`, '--pack-destination', scratch, '--silent'], `downloading ${pkg}@${newest}`, { shell: npm.shell, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (!tarball) fail(`downloading ${pkg}@${newest} gave no package`);
    // Unpacked beside its final place, then renamed: a half-unpacked Node is never picked up.
    const unpacking = mkdtempSync(join(tools, '.unpacking-'));
    run('tar', ['-xzf', join(scratch, tarball), '-C', unpacking, '--strip-components=1'], `unpacking ${tarball}`);
    const target = join(tools, `node-v${newest}-${os}-${cpu}`);
    rmSync(target, { recursive: true, force: true });
    renameSync(unpacking, target);
    const binary = binaryIn(target);
    if (!runsHere(binary)) fail(`the fetched Node ${newest} does not run on this machine; ${advice}`);
    return binary;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `node_modules/.bin/node` → the provided Node, so npm scripts and `npx zapcut` run on it. */
function linkNode(binary) {
  const bin = join(root, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  if (windows) {
    writeFileSync(join(bin, 'node.cmd'), `@"${binary}" %*\r\n`);
    return;
  }
  const link = join(bin, 'node');
  try {
    lstatSync(link);
    unlinkSync(link);
  } catch {
    // no link yet
  }
  symlinkSync(relative(bin, binary), link);
}

const provided = accepted(process.versions.node) ? null : provideNode();
const node = provided ?? process.execPath;
const npm = npmCommand(node);
const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
// Native modules (better-sqlite3, keytar) build against the headers shipped with the fetched Node:
// node-gyp would otherwise download them from nodejs.org.
if (provided && existsSync(join(dirname(dirname(provided)), 'include', 'node', 'common.gypi'))) {
  env.npm_config_nodedir = dirname(dirname(provided));
}

// The Node ABI the native modules were last built for: packages installed earlier by another Node
// (a plain `npm install` on Node 20) are "up to date" for npm, yet better-sqlite3 then fails to load.
const abi = output(node, ['-p', 'process.versions.modules']);
for (const dir of ['.', 'cloud-proxy']) {
  if (!existsSync(join(root, dir, 'package.json'))) continue;
  const where = dir === '.' ? 'the project' : dir;
  const opts = { cwd: join(root, dir), env, shell: npm.shell };
  // A fresh clone installs exactly the lock (`npm ci`); a second run keeps what is there.
  const verb = existsSync(join(root, dir, 'node_modules')) ? 'install' : 'ci';
  const stamp = join(root, dir, 'node_modules', '.zapcut-node-abi');
  const builtFor = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  run(npm.file, [...npm.prefix, verb, '--no-audit', '--no-fund'], `npm ${verb} in ${where}`, opts);
  if (verb === 'install' && builtFor !== abi) run(npm.file, [...npm.prefix, 'rebuild'], `npm rebuild in ${where} (native modules for Node ABI ${abi})`, opts);
  writeFileSync(stamp, `${abi}\n`);
}
if (provided) linkNode(provided);
console.log(`setup: done — packages installed with Node ${output(node, ['--version'])}${provided ? ` (${relative(root, provided)}; npm scripts run on it)` : ''}`);
