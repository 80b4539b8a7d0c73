import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import * as gatedBuggy from '../handlers/world/buggy/config-gated.js';
import { WORLD_BUGGY, WORLD_CORRECT } from '../handlers/world/index.js';
import { QUICK_SEEDS, sweepCorpus } from './sweep.js';

sweepCorpus('world', { buggy: WORLD_BUGGY, correct: WORLD_CORRECT }, QUICK_SEEDS);

describe('the storage seed', () => {
  it('is what lets the check reach the gated bug: without it the gate stays closed and no request is made', async () => {
    const { storage: _seed, ...unseeded } = gatedBuggy.options;
    const result = await checkRetrySemantics(gatedBuggy.handler, { ...unseeded, seed: 1, properties: ['no-swallowed-failures'] });
    expect(result.passed).toBe(true);
    const seeded = await checkRetrySemantics(gatedBuggy.handler, { ...gatedBuggy.options, seed: 1, properties: ['no-swallowed-failures'] });
    expect(seeded.passed).toBe(false);
  });
});
