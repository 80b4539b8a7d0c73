import { describe, expect, it } from 'vitest';
import { SURFACE_CATALOG, UPSTREAM_SURFACES } from '../../models/surfaces.js';
import { STORAGE_BUGGY, STORAGE_CORRECT, STORAGE_RUNS, SURFACE_OF_PAIR } from '../handlers/storage/index.js';
import { QUICK_SEEDS, sweepCorpus, withRuns } from './sweep.js';

// QUICK_SEEDS (one seed) keeps `npm test` under two minutes: buggy handlers at the 300 runs their bugs need, correct ones
// at the default 100; test/full/storage-handlers-20-seeds.test.ts sweeps twenty seeds, correct ones at 300.
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

// The unguarded getUrl throws: a bug only if a thrown trigger is not retried (productThrownError), which the
// sweep's strictAssumptions makes a failure.
sweepCorpus('storage', { buggy: withRuns(STORAGE_BUGGY, STORAGE_RUNS), correct: STORAGE_CORRECT }, QUICK_SEEDS);
