/**
 * A report is only useful if it can be reproduced: the same seed gives the same bytes, and the replay
 * it prints plays the same failing scenario again.
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics, type CheckFailure, type Replay } from '../src/index.js';
import { BUGGY } from './handlers/index.js';

/** Buggy handlers covering every property, both regimes, and thrown, hung and crashed deliveries. */
const CASES = [
  'parseInt on Retry-After, uncapped',
  'always retries after 10 s whatever Retry-After says',
  'uses platform codes as retryReason',
  'reports a 429 as FUNCTION_RETRY_REQUEST',
  'keeps a Date in retryData',
  'reads retryData on a platform retry',
  'asks for a fifth retry during an outage',
  'KVS done-marker after the POST',
  'pushes the same queue job again on a retry',
  'Promise.allSettled without looking at the results',
  'sleeps Retry-After in-process',
  'Atlassian sample 1 (requesting a retry)',
] as const;

// One seed here; seed 7 of every buggy handler is compared byte for byte with committed text by
// test/golden/reports.test.ts, which also proves it the same across processes and machines.
const SEEDS = [4242] as const;

/**
 * A failure as a replay must reproduce it. A replay plays one scenario, so the search effort (runs,
 * shrinks) is its own, and its replay line drops a property selection the search had narrowed.
 */
const reproducible = (f: CheckFailure) => ({
  ...f,
  runs: undefined,
  shrinks: undefined,
  replay: { seed: f.replay.seed, path: f.replay.path } satisfies Replay,
  report: f.report.replace(/\n {2}replay .*\n/, '\n'),
});

describe('determinism of checks', () => {
  for (const name of CASES) {
    it(`${name}: the same seed gives the same report, and each replay reproduces its failure`, async () => {
      const c = BUGGY.find((b) => b.name === name);
      expect(c, `no buggy handler named "${name}"`).toBeDefined();
      const { handler, options } = c!;
      for (const seed of SEEDS) {
        const first = await checkRetrySemantics(handler, { ...options, seed, numRuns: 100 });
        const second = await checkRetrySemantics(handler, { ...options, seed, numRuns: 100 });
        expect(first.passed).toBe(false);
        expect(second.report).toBe(first.report);
        expect(second).toEqual(first);

        for (const failure of first.failures) {
          expect(failure.replay.seed).toBe(seed);
          expect(failure.report).toContain(`seed: ${seed}, path: ${JSON.stringify(failure.replay.path)}`);
          const replayed = await checkRetrySemantics(handler, { ...options, ...failure.replay });
          const again = replayed.failures.find((f) => f.property === failure.property);
          expect(again, `replay of ${failure.property} at ${failure.replay.path}`).toBeDefined();
          expect(reproducible(again!)).toEqual(reproducible(failure));
        }
      }
    });
  }
});
