import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { STORAGE_BUGGY, STORAGE_CORRECT, STORAGE_RUNS } from '../handlers/storage/index.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('storage handlers that really have the bug, on 20 seeds', () => {
  for (const c of STORAGE_BUGGY) {
    it(`${c.name}: fails "${c.property}" within ${STORAGE_RUNS} runs on each of 20 seeds`, async () => {
      for (const seed of SEEDS) {
        // As in test/corpus/storage-handlers.test.ts: a throw is a bug only if a thrown trigger is not retried.
        const result = await checkRetrySemantics(c.handler, {
          ...c.options,
          seed,
          numRuns: STORAGE_RUNS,
          properties: [c.property],
          shrink: false,
          strictAssumptions: true,
        });
        expect({ seed, passed: result.passed }).toEqual({ seed, passed: false });
        expect(result.failures.map((f) => f.property)).toEqual([c.property]);
      }
    });
  }
});

describe('storage handlers without the bug, on 20 seeds', () => {
  for (const c of STORAGE_CORRECT) {
    it(`${c.name}: passes every property on each of 20 seeds`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed, numRuns: STORAGE_RUNS });
        expect({ seed, failures: result.failures.map((f) => `${f.property}: ${f.message}`) }).toEqual({ seed, failures: [] });
      }
    });
  }
});
