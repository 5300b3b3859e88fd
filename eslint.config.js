// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'worker_threads', 'util'];
const electronOnly = { group: ['electron', 'electron/*', 'electron-updater', 'keytar'], message: "Only src/main/electron/** and src/main/index.ts may import Electron (see ARCHITECTURE.md 'Layout')." };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'cloud-proxy/**', 'test-results/**', 'playwright-report/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [electronOnly, { group: nodeBuiltins, message: 'The renderer has no Node: go through window.zapcut (the typed contract).' }] }],
    },
  },
  {
    // Every user-visible string goes through i18next: JSX text, string literals rendered in JSX,
    // and the attributes people read or hear. Violations fail `npm run lint` (and so `npm test`).
    files: ['src/renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['title', 'placeholder', 'alt', 'label', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'aria-placeholder', 'body', 'hint', 'description', 'confirmLabel'] },
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronOnly, { group: nodeBuiltins, message: 'src/shared runs everywhere (renderer, Worker): no Node.' }] }],
    },
  },
  {
    files: ['src/pipeline/**/*.ts', 'src/cli/**/*.ts', 'src/main/**/*.ts', 'src/preload/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**', 'test/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnly] }] },
  },
);
