// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'worker_threads', 'util'];
const electronOnly = { group: ['electron', 'electron/*', 'electron-updater', 'keytar'], message: "Only src/main/electron/** and src/main/index.ts may import Electron (see ARCHITECTURE.md 'Layout')." };

const readableAttributes = 'title|placeholder|alt|label|aria-label|aria-description|aria-valuetext|aria-roledescription|aria-placeholder|body|hint|description|confirmLabel';
const untranslated = 'User-visible text must come from i18next: add it to src/renderer/src/i18n/en/*.json and render t(key).';
// Letters of the world's scripts (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, CJK, Hangul), not symbols.
const letters = 'value=/[A-Za-z\\u00C0-\\u024F\\u0370-\\u1FFF\\u3040-\\u9FFF\\uAC00-\\uD7AF]/';
const shown = ':matches(JSXElement, JSXFragment) > JSXExpressionContainer';
const attr = `JSXAttribute[name.name=/^(${readableAttributes})$/]`;
const untranslatedJsx = [
  `${attr} > Literal[${letters}]`,
  `${attr} > JSXExpressionContainer > Literal[${letters}]`,
  `${attr} > JSXExpressionContainer > :matches(ConditionalExpression, LogicalExpression) > Literal[${letters}]`,
  `${attr} > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z]/]`,
  `${shown} > Literal[${letters}]`,
  `${shown} > :matches(ConditionalExpression, LogicalExpression) > Literal[${letters}]`,
  `${shown} > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z]/]`,
].map((selector) => ({ selector, message: untranslated }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'cloud-proxy/**', 'test-results/**', 'playwright-report/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain-JS scripts (bin, scripts, test runners) run in Node; the harness shim runs in the page and declares its globals.
  { files: ['**/*.{js,mjs,cjs}'], ignores: ['test/harness/shim.js'], languageOptions: { globals: globals.node } },
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
    // Every user-visible string goes through i18next. JSX text: the i18next plugin. Literals that
    // reach the screen from an expression or a readable attribute (title, placeholder, aria-label…):
    // AST selectors, so plain logic inside JSX callbacks (`state === 'done'`) is not flagged.
    // Violations fail `npm run lint` (and so `npm test`); src/renderer/src/i18n/literalStrings.test.ts
    // proves the rules bite.
    files: ['src/renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      'no-restricted-syntax': ['error', ...untranslatedJsx],
    },
  },
  {
    // A deferred write transaction fails at once with "database is locked" when another process
    // wrote first (WAL); src/backend/storage/transaction.ts begins IMMEDIATE. Tests may still use
    // db.transaction() on their own in-memory databases.
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/backend/storage/transaction.ts', 'src/**/*.test.ts', 'src/renderer/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='transaction']", message: 'Use writeTransaction(db, fn) from src/backend/storage/transaction.ts (BEGIN IMMEDIATE).' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronOnly, { group: nodeBuiltins, message: 'src/shared runs everywhere (renderer, Worker): no Node.' }] }],
    },
  },
  {
    files: ['src/pipeline/**/*.ts', 'src/cli/**/*.ts', 'src/main/**/*.ts', 'src/backend/**/*.ts', 'src/preload/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**', 'test/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnly] }] },
  },
);
