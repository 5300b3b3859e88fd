import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';

/**
 * Dev server only: Vite injects CSS as <style> elements (for HMR), which the strict CSP in
 * src/renderer/index.html forbids. Loosen style-src for `electron-vite dev`; built pages (Electron,
 * the contract harness) keep the strict policy.
 */
const devInlineStyles: Plugin = {
  name: 'zapcut-dev-inline-styles',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve('src/main/index.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS (Electron docs: "Sandboxed preload scripts").
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), tailwindcss(), devInlineStyles],
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
});
