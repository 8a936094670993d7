import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.test.json covers every linted .ts/.tsx file (src, handlers, scheduler, bench, test,
        // vitest.config.ts); one program is cheaper than the project service's per-file lookup.
        project: './tsconfig.test.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Off on purpose: every hit (102) was an `async` function implementing a Promise-returning port
      // (the SQLite store, handlers, messengers, fakes in tests) with nothing to await. `async` is what
      // turns a synchronous throw into a rejection, which callers rely on; rewriting to
      // `Promise.resolve(...)` would change that. A forgotten `await` is caught by no-floating-promises.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    // Plain JavaScript (this file, test fixtures) is not in any tsconfig: lint it without types.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
