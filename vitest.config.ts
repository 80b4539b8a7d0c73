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
    // A guard against hangs, not a speed test: every check is bounded in virtual time, and a fresh clone
    // under a CPU hog (load 14) took 60 s for one many-events case that needs 5 s on an idle machine.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest leaves one core free by default; on a two-core machine that halves the suite's speed.
    maxWorkers: '100%',
    // One module graph per worker, not per file: importing the harness anew for each of ~70 files cost
    // half the suite's time. Every check restores what it installed, and the hardening suite asserts it,
    // so files sharing a worker is also a standing test that nothing leaks from one check to the next.
    isolate: false,
  },
});
