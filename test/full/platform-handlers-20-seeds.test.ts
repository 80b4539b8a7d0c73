/** The issue-10 platform corpus on twenty seeds and its time corpus (`npm run test:full`; test/corpus/platform-handlers.test.ts sweeps three and one). */
import { PLATFORM_BUGGY, PLATFORM_CORRECT, TIME_BUGGY, TIME_CORRECT } from '../handlers/platform/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('platform', { buggy: PLATFORM_BUGGY, correct: PLATFORM_CORRECT }, seedsUpTo(20));
sweepCorpus('time', { buggy: TIME_BUGGY, correct: TIME_CORRECT }, seedsUpTo(20));
