import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { BUGGY, BUGGY_RARE } from '../handlers/index.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('handlers that really have the bug', () => {
  for (const c of [...BUGGY, ...BUGGY_RARE]) {
    it(`${c.name}: fails "${c.property}" within 100 runs on each of 20 seeds`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed, properties: [c.property], shrink: false });
        expect({ seed, passed: result.passed }).toEqual({ seed, passed: false });
        expect(result.failures.map((f) => f.property)).toEqual([c.property]);
        expect(result.runs).toBeLessThanOrEqual(100);
      }
    });
  }
});
