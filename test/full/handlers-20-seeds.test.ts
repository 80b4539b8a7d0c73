/** The main corpus on twenty seeds (`npm run test:full`; test/corpus/handlers.test.ts sweeps three in `npm test`). */
import { BUGGY, BUGGY_RARE, CORRECT } from '../handlers/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('corpus', { buggy: [...BUGGY, ...BUGGY_RARE], correct: CORRECT }, seedsUpTo(20));
