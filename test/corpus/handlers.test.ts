/** The main corpus on two seeds (test/full/handlers-20-seeds.test.ts sweeps twenty). */
import { BUGGY, BUGGY_RARE, CORRECT } from '../handlers/index.js';
import { QUICK_SEEDS, sweepCorpus } from './sweep.js';

sweepCorpus('corpus', { buggy: [...BUGGY, ...BUGGY_RARE], correct: CORRECT }, QUICK_SEEDS);
