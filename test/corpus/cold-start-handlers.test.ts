/** Item 10 (cold starts) on two seeds: loading a module per run costs time (test/full/ sweeps twenty). */
import { COLD_START_BUGGY, COLD_START_CORRECT } from '../handlers/platform/cold-starts/index.js';
import { QUICK_SEEDS, sweepCorpus } from './sweep.js';

sweepCorpus('cold-start', { buggy: COLD_START_BUGGY, correct: COLD_START_CORRECT }, QUICK_SEEDS);
