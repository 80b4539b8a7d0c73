/** `npm run test:full`: the long sweeps that `npm test` leaves out (see vitest.config.ts); CI runs both. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/full/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
