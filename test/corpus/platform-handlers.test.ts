/** The issue-10 platform corpus on three seeds (test/full/platform-handlers-20-seeds.test.ts sweeps twenty). */
import { PLATFORM_BUGGY, PLATFORM_CORRECT } from '../handlers/platform/index.js';
import { seedsUpTo, sweepCorpus } from './sweep.js';

sweepCorpus('platform', { buggy: PLATFORM_BUGGY, correct: PLATFORM_CORRECT }, seedsUpTo(3));
