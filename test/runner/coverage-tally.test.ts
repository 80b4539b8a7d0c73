/**
 * Coverage tallies add up: the statistics of runs counted in parts (the jobs of a split exhaustive
 * walk) and added are those of the runs counted at once, and equal a plain count over the list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addTallies, EMPTY_TALLY, FAULT_CLASSES, summariseCoverage, summariseTally, tallyOf, type RunCoverage } from '../../src/runner/coverage.js';

const faults = fc.record(Object.fromEntries(FAULT_CLASSES.map((c) => [c, fc.nat({ max: 4 })])) as Record<(typeof FAULT_CLASSES)[number], fc.Arbitrary<number>>);
const run: fc.Arbitrary<RunCoverage> = fc.record({
  retry: fc.boolean(),
  lastRetry: fc.boolean(),
  platformRetry: fc.boolean(),
  duplicate: fc.boolean(),
  faults,
  requestsPerDelivery: fc.array(fc.nat({ max: 7 }), { maxLength: 6 }),
});

/** The statistics counted the obvious way, over the whole list: what the tally must agree with. */
const counted = (runs: readonly RunCoverage[]) => {
  const counts = runs.flatMap((r) => r.requestsPerDelivery).sort((a, b) => a - b);
  return {
    runs: runs.length,
    reachedRetry: runs.filter((r) => r.retry).length,
    reachedLastRetry: runs.filter((r) => r.lastRetry).length,
    reachedPlatformRetry: runs.filter((r) => r.platformRetry).length,
    reachedDuplicate: runs.filter((r) => r.duplicate).length,
    faults: Object.fromEntries(FAULT_CLASSES.map((c) => [c, runs.reduce((s, r) => s + r.faults[c], 0)])),
    requestsPerDelivery: counts.length === 0 ? null : { min: counts[0], median: counts[Math.floor((counts.length - 1) / 2)], max: counts[counts.length - 1] },
  };
};

describe('coverage tallies', () => {
  it('summarise to the plain count over the list, median included', () => {
    fc.assert(
      fc.property(fc.array(run, { maxLength: 30 }), (runs) => {
        expect(summariseCoverage(runs)).toStrictEqual(counted(runs));
      }),
      { seed: 5 },
    );
  });

  it('add up: parts counted apart and added give the whole, in JSON as well', () => {
    fc.assert(
      fc.property(fc.array(fc.array(run, { maxLength: 8 }), { maxLength: 5 }), (parts) => {
        const whole = summariseCoverage(parts.flat());
        const added = summariseTally(parts.map((p) => p.map(tallyOf).reduce(addTallies, EMPTY_TALLY)).reduce(addTallies, EMPTY_TALLY));
        expect(JSON.stringify(added)).toBe(JSON.stringify(whole));
      }),
      { seed: 6 },
    );
  });

  it('give no median when no delivery took place', () => {
    expect(summariseTally(EMPTY_TALLY).requestsPerDelivery).toBeNull();
    expect(
      summariseTally(tallyOf({ retry: false, lastRetry: false, platformRetry: false, duplicate: false, faults: EMPTY_TALLY.faults, requestsPerDelivery: [] }))
        .runs,
    ).toBe(1);
  });
});
