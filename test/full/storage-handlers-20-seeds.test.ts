/** The storage corpus on twenty seeds (`npm run test:full`; test/corpus/storage-handlers.test.ts sweeps one): every handler at the 300 runs its bug needs. */
import { STORAGE_BUGGY, STORAGE_CORRECT, STORAGE_RUNS } from '../handlers/storage/index.js';
import { seedsUpTo, sweepCorpus, withRuns } from '../corpus/sweep.js';

sweepCorpus('storage (20 seeds)', { buggy: withRuns(STORAGE_BUGGY, STORAGE_RUNS), correct: withRuns(STORAGE_CORRECT, STORAGE_RUNS) }, seedsUpTo(20));
