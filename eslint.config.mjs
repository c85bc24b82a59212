// Lint for this repository's own code (`npm run lint`): typescript-eslint's recommended rules,
// and for TypeScript the type-checked ones too (no `any` leaking from JSON or a protocol, no
// floating promises, no unbound methods, enums compared with their own members). About 20 s on
// two cores: the project service builds the same programs `tsc` does.
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TYPESCRIPT = ['**/*.ts', '**/*.mts', '**/*.cts'];

export default tseslint.config(
  {
    // Fixtures and examples are inputs to the analyzer, written to contain the mistakes it finds.
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e-cache/**', 'examples/**', 'test/fixtures/**', '**/*.d.ts'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TYPESCRIPT })),
  {
    files: TYPESCRIPT,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    languageOptions: { globals: globals.node },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `const { dropped: _dropped, ...rest } = value` is how an object loses a key.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // ts-morph's descendant walks wrap every node they pass and recurse on the stack: the
    // analyzer walks the compiler's tree through src/core/syntaxDescendants.ts instead.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...[
          'getDescendants',
          'getDescendantsOfKind',
          'getDescendantStatements',
          'getFirstDescendant',
          'getFirstDescendantByKind',
          'getFirstDescendantByKindOrThrow',
          'getFirstDescendantOrThrow',
        ].map((property) => ({ property, message: 'Use the stack-safe walks of src/core/syntaxDescendants.ts.' })),
      ],
    },
  },
  {
    // CommonJS by necessity: loaded with `require` or `--require`.
    files: ['**/*.cjs', 'test/support/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
