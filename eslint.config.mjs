// Lint, plus the architecture invariants that a linter can enforce (see docs/ARCHITECTURE.md).
import tseslint from 'typescript-eslint';

const bridgeGlobals = ['Kusto', 'Bridge', 'System'].map((name) => ({ name, message: 'Only server/src/kusto/ may touch Kusto.Language.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tools/**', 'scratch/**', 'test/e2e/artifacts/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Invariant: one door to Kusto.Language.
    files: ['**/*.ts'],
    ignores: ['server/src/kusto/**'],
    rules: {
      'no-restricted-globals': ['error', ...bridgeGlobals],
      'no-restricted-imports': ['error', { patterns: [{ group: ['@kusto/*'], message: 'Only server/src/kusto/ may load Kusto.Language.' }] }],
    },
  },
  {
    // Invariant: the extension host never loads the server (and so never Kusto.Language).
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/*/**', '!**/server/src/protocol/**', '@kusto/*'], message: 'The client talks to the server only through server/src/protocol.' }] }],
    },
  },
  {
    // Invariant: a pure core. Parsing, rules, engine and tuning know nothing of LSP, VS Code or files.
    files: ['server/src/{kusto,engine,rules,tuning,catalog,inline,text}/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*'], message: 'The core knows nothing of LSP or VS Code.' },
        { group: ['**/lsp/**', '**/cli/**'], message: 'The core does not depend on its shells.' },
      ] }],
    },
  },
);
