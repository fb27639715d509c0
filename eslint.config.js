// ESLint for this repository's own code (`npm run lint`, checked by tests/lint.test.ts).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  // Build output, test and bench caches, and the host apps under tests/fixtures, which mimic
  // users' apps and keep their authors' style.
  globalIgnores(['dist/', '.tmp/', 'bench/.cache/', 'tests/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    // `const { omitted: _, ...rest } = object` is how this code drops a key.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // The demo's example app is a CommonJS Express app, as many users' apps are.
    files: ['scripts/example-app/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['scripts/example-app/public/**/*.js'], languageOptions: { sourceType: 'script', globals: globals.browser } },
]);
