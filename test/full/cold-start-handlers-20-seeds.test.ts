/** Item 10 (cold starts) on twenty seeds (`npm run test:full`; test/corpus/cold-start-handlers.test.ts sweeps two). */
import { COLD_START_BUGGY, COLD_START_CORRECT } from '../handlers/platform/cold-starts/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('cold-start', { buggy: COLD_START_BUGGY, correct: COLD_START_CORRECT }, seedsUpTo(20));
