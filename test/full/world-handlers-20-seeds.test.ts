/** The issue-11 world corpus on twenty seeds (`npm run test:full`; test/corpus/world-handlers.test.ts sweeps three). */
import { WORLD_BUGGY, WORLD_CORRECT } from '../handlers/world/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('world (20 seeds)', { buggy: WORLD_BUGGY, correct: WORLD_CORRECT }, seedsUpTo(20));
