/** The issue-10 platform corpus on twenty seeds (`npm run test:full`; test/corpus/platform-handlers.test.ts sweeps three). */
import { PLATFORM_BUGGY, PLATFORM_CORRECT } from '../handlers/platform/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('platform', { buggy: PLATFORM_BUGGY, correct: PLATFORM_CORRECT }, seedsUpTo(20));
