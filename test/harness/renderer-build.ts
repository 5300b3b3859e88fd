/**
 * The harness serves the *built* renderer (out/renderer), exactly what Electron loads. If it is
 * missing or older than its sources, build just the renderer with the renderer section of
 * electron.vite.config.ts — the e2e suite must not depend on the main-process bundle, which CI
 * checks in its own `electron-vite build` step.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InlineConfig } from 'vite';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const defaultRendererDir = join(repoRoot, 'out/renderer');

const sources = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function rendererIsFresh(outDir = defaultRendererDir): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return sources.every((s) => !existsSync(join(repoRoot, s)) || newestMtime(join(repoRoot, s)) <= built);
}

/** Builds into a sibling temp folder, then swaps it in, so a reader never sees a half-built tree. */
export async function buildRenderer(outDir = defaultRendererDir): Promise<void> {
  const staging = `${outDir}.building-${process.pid}`;
  const previous = `${outDir}.previous-${process.pid}`;
  try {
    await viteBuild(staging);
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
}

async function viteBuild(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const { default: config } = (await import('../../electron.vite.config')) as { default: { renderer?: InlineConfig } };
  const renderer = config.renderer;
  if (!renderer || typeof renderer !== 'object') throw new Error('electron.vite.config.ts has no renderer section to build.');
  await build({
    ...renderer,
    configFile: false,
    root: join(repoRoot, 'src/renderer'),
    // electron-vite's renderer defaults: relative asset URLs so file:// and http:// both work.
    base: './',
    logLevel: 'warn',
    build: { ...renderer.build, outDir, emptyOutDir: true },
  });
}

/** Builds only when needed; returns whether it built. */
export async function ensureRendererBuilt(outDir = defaultRendererDir): Promise<boolean> {
  if (rendererIsFresh(outDir)) return false;
  await buildRenderer(outDir);
  return true;
}
