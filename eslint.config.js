// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Project invariants, each with the fix in its message. */
// `patterns[].group` entries are gitignore-style globs matched against the import string as written, so
// `**/src/**` catches `../src/x.js`, `../../../src/x.js` and every other depth; `!` re-allows a path.
const restrictedImports = (/** @type {Array<{name: string, message: string}>} */ paths, /** @type {Array<{group: string[], message: string}>} */ patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.toolgate/**', 'coverage/**', 'test/fixtures/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // DESIGN.md: catalog/ depends on nothing else in the project.
  {
    files: ['catalog/**/*.ts'],
    rules: restrictedImports([
      { name: 'isolated-vm', message: 'isolated-vm belongs to sandbox/ only.' },
    ], [
      { group: ['**/src/**', '**/index/**', '**/sandbox/**'], message: 'catalog/ depends on nothing else in the project (DESIGN.md).' },
    ]),
  },
  // DESIGN.md: index/ depends only on catalog's types.
  {
    files: ['index/**/*.ts'],
    rules: restrictedImports([
      { name: 'isolated-vm', message: 'isolated-vm belongs to sandbox/ only.' },
    ], [
      { group: ['**/src/**', '**/sandbox/**'], message: 'index/ may depend only on catalog types (DESIGN.md).' },
      { group: ['**/catalog/**', '!**/catalog/types.js'], message: 'index/ may import only catalog/types.js.' },
    ]),
  },
  // DESIGN.md: sandbox/ sees only the invoker it is handed.
  {
    files: ['sandbox/**/*.ts'],
    rules: restrictedImports([], [
      { group: ['**/src/**', '**/catalog/**', '**/index/**'], message: 'sandbox/ knows only its ToolInvoker; pass what it needs in (DESIGN.md).' },
      { group: ['@modelcontextprotocol/*', 'fastify'], message: 'sandbox/ has no network: calls go through the ToolInvoker.' },
    ]),
  },
  // isolated-vm only under sandbox/.
  {
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    // bench/crossing-floor.ts measures isolated-vm itself, without the Executor.
    ignores: ['bench/crossing-floor.ts'],
    rules: restrictedImports([{ name: 'isolated-vm', message: 'isolated-vm may be imported only under sandbox/; use the Executor.' }]),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
