/**
 * The issue-10 platform corpus on three seeds (test/full/platform-handlers-20-seeds.test.ts runs twenty):
 * each buggy handler fails exactly its named property, each correct one passes every property.
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { PLATFORM_BUGGY, PLATFORM_CORRECT } from '../handlers/platform/index.js';

const SEEDS = [1, 2, 3];

describe('platform handlers that really have the bug', () => {
  for (const c of PLATFORM_BUGGY) {
    it(`${c.name}: fails "${c.property}" within 100 runs on each of 3 seeds`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed, properties: [c.property], shrink: false });
        expect({ seed, passed: result.passed }).toEqual({ seed, passed: false });
        expect(result.failures.map((f) => f.property)).toEqual([c.property]);
        expect(result.runs).toBeLessThanOrEqual(100);
      }
    });
  }
});

describe('platform handlers that really do not have the bugs', () => {
  for (const c of PLATFORM_CORRECT) {
    it(`${c.name}: passes every property on each of 3 seeds`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed });
        expect({ seed, report: result.report }).toEqual({ seed, report: '' });
        expect(result.runs).toBe(100);
      }
    });
  }
});
