// Lint for this repository's own code (`npm run lint`): typescript-eslint's recommended
// rules, untyped. The type checker already runs in `npm test`, and an untyped pass keeps
// lint fast enough to run before every commit.
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Fixtures and examples are inputs to the analyzer, written to contain the mistakes it finds.
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e-cache/**', 'examples/**', 'test/fixtures/**', '**/*.d.ts'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `const { dropped: _dropped, ...rest } = value` is how an object loses a key.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS by necessity: loaded with `require` or `--require`.
    files: ['**/*.cjs', 'test/support/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
