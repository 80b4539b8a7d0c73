import { describe, expect, it } from 'vitest';
import { SURFACE_CATALOG, UPSTREAM_SURFACES } from '../../models/surfaces.js';
import { checkRetrySemantics } from '../../src/index.js';
import { STORAGE_BUGGY, STORAGE_CORRECT, STORAGE_RUNS, SURFACE_OF_PAIR } from '../handlers/storage/index.js';

// One seed keeps `npm test` under two minutes: buggy handlers at the 300 runs their bugs need, correct ones
// at the default 100; test/full/storage-handlers-20-seeds.test.ts sweeps twenty seeds, correct ones at 300.
const SEEDS = [1];
const pairOf = (name: string): string => name.split(':', 1)[0] ?? name;

describe('the storage corpus', () => {
  it('has a buggy and a correct handler for every simulated storage and platform surface', () => {
    const platform = UPSTREAM_SURFACES.filter(
      (s) => SURFACE_CATALOG[s].simulated && (SURFACE_CATALOG[s].family === 'storage' || SURFACE_CATALOG[s].family === 'effect'),
    );
    const covered = (cases: readonly { name: string }[]) => new Set(cases.map((c) => SURFACE_OF_PAIR[pairOf(c.name)]));
    for (const surface of platform) {
      expect(covered(STORAGE_BUGGY).has(surface), `buggy ${surface}`).toBe(true);
      expect(covered(STORAGE_CORRECT).has(surface), `correct ${surface}`).toBe(true);
    }
  });
});

describe('storage handlers that really have the bug', () => {
  for (const c of STORAGE_BUGGY) {
    it(`${c.name}: fails "${c.property}" on seeds ${SEEDS.join(', ')}`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, {
          ...c.options,
          seed,
          numRuns: STORAGE_RUNS,
          properties: [c.property],
          shrink: false,
          // The unguarded getUrl throws: a bug only if a thrown trigger is not retried (productThrownError).
          strictAssumptions: true,
        });
        expect({ seed, passed: result.passed }).toEqual({ seed, passed: false });
        expect(result.failures.map((f) => f.property)).toEqual([c.property]);
      }
    });
  }
});

describe('storage handlers without the bug', () => {
  for (const c of STORAGE_CORRECT) {
    it(`${c.name}: passes every property on seeds ${SEEDS.join(', ')}`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed });
        expect({ seed, failures: [...result.failures, ...result.warnings].map((f) => `${f.property}: ${f.message}`) }).toEqual({ seed, failures: [] });
      }
    });
  }
});
