/**
 * Checks electron-builder.yml against what the app actually needs, without packaging (which
 * needs network access to download Electron). The packaged layout itself was checked by hand with
 * `--linux dir` and a placeholder Electron (see the issue-10 report).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { APP_LINK_SCHEME, PROJECT_EXTENSION } from '../src/main/electron/lifecycle';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; optionalDependencies: Record<string, string>; devDependencies: Record<string, string> };
const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
const asarUnpack = config.asarUnpack as string[];
// getConfig normalises `files` to [{ filter: [...] }]
const files = (config.files as Array<string | { filter?: string[] }>).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
// Match globs with the very minimatch electron-builder itself uses.
const { minimatch } = createRequire(require.resolve('app-builder-lib'))('minimatch') as { minimatch: (path: string, glob: string, opts?: { dot?: boolean }) => boolean };

const unpacked = (rel: string) => asarUnpack.some((g) => minimatch(rel, g, { dot: true }));
const excluded = (rel: string) => files.filter((f) => f.startsWith('!')).some((g) => minimatch(rel, g.slice(1), { dot: true }));

/** Files under a folder, relative to the project root (skipping nested node_modules). */
function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) {
      if (name !== 'node_modules') walk(p, out);
    } else out.push(relative(root, p));
  }
  return out;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('app.zapcut.desktop');
    expect(config.npmRebuild).toBe(true);
  });

  it('unpacks every native module of the production dependencies and keeps its .node file', () => {
    // keytar is optional (npm skips it where libsecret is missing); where it was built it ships too
    const natives = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter((d) => existsSync(join(root, 'node_modules', d, 'binding.gyp')));
    expect(natives).toContain('better-sqlite3');
    expect(Object.keys(pkg.optionalDependencies)).toContain('keytar');
    for (const dep of natives) {
      // the file `bindings` loads at run time (build/Release/<name>.node); obj.target copies are build leftovers
      const nodeFiles = walk(join(root, 'node_modules', dep)).filter((f) => /\/build\/Release\/[^/]+\.node$/.test(f) && !/test_extension/.test(f));
      expect(nodeFiles.length, dep).toBeGreaterThan(0);
      for (const f of nodeFiles) {
        expect(unpacked(f), f).toBe(true);
        expect(excluded(f), f).toBe(false);
      }
      expect(unpacked(`node_modules/${dep}/package.json`)).toBe(true);
    }
  });

  it('unpacks the bundled FFmpeg and ffprobe executables', () => {
    for (const mod of ['@ffmpeg-installer/ffmpeg', '@ffprobe-installer/ffprobe']) {
      const bin = relative(root, (require(mod) as { path: string }).path);
      expect(bin.startsWith('node_modules/')).toBe(true);
      expect(unpacked(bin), bin).toBe(true);
      expect(excluded(bin), bin).toBe(false);
    }
  });

  it('only drops packages that main, preload and the pipeline never import', () => {
    const dropped = Object.keys(pkg.dependencies).filter((d) => excluded(`node_modules/${d}/package.json`));
    expect(dropped.length).toBeGreaterThan(0);
    const sources = ['src/main', 'src/backend', 'src/preload', 'src/pipeline', 'src/shared'].flatMap((d) => walk(join(root, d))).filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !/\.test\./.test(f));
    for (const file of sources) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const dep of dropped) {
        expect(new RegExp(`(from|import\\(|require\\()\\s*['"]${dep.replace('/', '\\/')}(/[^'"]*)?['"]`).test(text), `${file} imports ${dep}, which electron-builder.yml leaves out`).toBe(false);
      }
    }
    for (const keep of ['better-sqlite3', 'keytar', 'electron-updater', 'zod', '@ffmpeg-installer/ffmpeg', '@ffprobe-installer/ffprobe']) {
      if (pkg.dependencies[keep]) expect(excluded(`node_modules/${keep}/package.json`), keep).toBe(false);
    }
  });

  it('associates .zapcut files, ships icons for every OS and a generic update feed', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: PROJECT_EXTENSION.slice(1), role: 'Editor' })]);
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: [APP_LINK_SCHEME] })]);
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.ZAPCUT_UPDATE_URL}' });
    expect(config.mac?.icon).toBe('build/icons/icon.png');
    expect(config.win?.icon).toBe('build/icons/icon.png');
    expect(config.linux?.icon).toBe('build/icons/png');
    // Squirrel.Mac installs updates from the zip, not the dmg.
    expect(JSON.stringify(config.mac?.target)).toContain('"zip"');
    expect(pkg.devDependencies.electron).toBeDefined(); // electron must not ship as a dependency
    expect(pkg.dependencies.electron).toBeUndefined();
  });
});
