/** The many-events corpus swept on two seeds (test/full/ sweeps twenty). */
import { EVENTS_BUGGY, EVENTS_CORRECT } from '../handlers/events/index.js';
import { QUICK_SEEDS, sweepCorpus } from './sweep.js';

sweepCorpus('many-events', { buggy: EVENTS_BUGGY, correct: EVENTS_CORRECT }, QUICK_SEEDS);
