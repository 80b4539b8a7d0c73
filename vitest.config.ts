/**
 * `npm test`: the developer's loop, under two minutes on two cores. The long sweeps (every corpus
 * handler on 20 seeds, the packed-tarball install) live in test/full/ and run with `npm run test:full`,
 * which CI runs too.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['test/full/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
