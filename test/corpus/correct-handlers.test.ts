import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { CORRECT } from '../handlers/index.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('handlers that really do not have the bugs', () => {
  for (const c of CORRECT) {
    it(`${c.name}: passes every property on each of 20 seeds`, async () => {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed });
        expect({ seed, report: result.report }).toEqual({ seed, report: '' });
        expect(result.runs).toBe(100);
      }
    });
  }
});
