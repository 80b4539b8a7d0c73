/**
 * The vitest config Stryker runs for every mutant: only the model and property suites, which exercise
 * models/ and properties/ directly and finish in seconds. The runtime, corpus and CLI suites are left
 * out on purpose; they are slow and test the simulation, not the rules.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/models/**/*.test.ts', 'test/properties/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
