/**
 * `npm run dist[:linux|:mac|:win|:dir]`: renders the icons, then runs electron-builder with
 * electron-builder.yml on the electron-vite output in out/ (the npm script builds it first).
 * Extra arguments go to electron-builder (`--linux`, `--dir`, `--x64`, `--publish always`, …).
 * Publishing is off unless asked for: upload release/<version>/ to the feed yourself (README).
 *
 *   ZAPCUT_UPDATE_URL=https://updates.example.com/zapcut npx tsx scripts/dist.ts --linux
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderIcons } from './dist-icons';

export const DEFAULT_UPDATE_URL = 'https://updates.zapcut.app/desktop';

export function builderArgs(argv: readonly string[]): string[] {
  const args = ['--config', 'electron-builder.yml', ...argv];
  if (!argv.some((a) => a === '--publish' || a.startsWith('--publish=') || a === '-p')) args.push('--publish', 'never');
  return args;
}

/** Whether this electron-builder run rebuilds native modules (npmRebuild is on in electron-builder.yml). */
export function rebuildsNativeModules(args: readonly string[]): boolean {
  return !args.some((a) => /^(-c|--config)\.npmRebuild=false$/.test(a));
}

function main(): number {
  const root = resolve(import.meta.dirname, '..');
  if (!existsSync(join(root, 'out/main/index.js'))) {
    console.error('dist: out/main/index.js is missing — run `npx electron-vite build` first (npm run dist does).');
    return 1;
  }
  const icons = renderIcons(join(root, 'build/icons'));
  console.log(`dist: rendered ${icons.length} icons into build/icons`);
  const env = { ...process.env, ZAPCUT_UPDATE_URL: process.env.ZAPCUT_UPDATE_URL || DEFAULT_UPDATE_URL };
  console.log(`dist: update feed ${env.ZAPCUT_UPDATE_URL}`);
  const bin = join(root, 'node_modules/.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
  const args = builderArgs(process.argv.slice(2));
  const r = spawnSync(bin, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (rebuildsNativeModules(args)) {
    // electron-builder rebuilt better-sqlite3 *in place* for Electron's ABI; put the Node build
    // back so `npm test` and the `zapcut` CLI keep working (keytar is N-API: ABI-stable).
    console.log('dist: restoring better-sqlite3 for Node (npm rebuild better-sqlite3)');
    spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const outDir = join(root, 'release', version);
  if (existsSync(outDir)) {
    for (const name of readdirSync(outDir)) {
      const s = statSync(join(outDir, name));
      console.log(`dist: ${s.isDirectory() ? `${name}/` : `${name}  ${(s.size / 1024 / 1024).toFixed(1)} MB`}`);
    }
  }
  return r.status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
