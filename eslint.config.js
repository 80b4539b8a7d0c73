// @ts-check
/**
 * Lint rules: typescript-eslint's recommended set, without type information (the type-checked set
 * takes about four times as long and the compiler already runs in `npm test`). Formatting is left to
 * prettier (.prettierrc.json); `npm run lint` runs both, `npm run format` fixes what they can.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'examples/*/node_modules/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter a signature needs but the body does not use (`_context`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // The buggy corpus and Atlassian's samples are written the way apps write them, `any` included:
    // trusting an `any` retryData is often the very bug a property must catch.
    // Tests that call handlers with hand-built or hostile events type them as apps do, too.
    files: [
      'test/handlers/buggy/**/*.ts',
      'examples/forge-app/src/atlassian-sample-1.ts',
      'test/payloads/handlers.test.ts',
      'test/runtime/hostile-handlers.test.ts',
      'test/world/call.ts',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Atlassian's samples keep their `(event, context)` signature as written, used or not.
    files: ['test/handlers/buggy/atlassian-sample-2.ts', 'examples/forge-app/src/atlassian-sample-1.ts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
