/** The many-events corpus swept on twenty seeds. */
import { EVENTS_BUGGY, EVENTS_CORRECT } from '../handlers/events/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('many-events', { buggy: EVENTS_BUGGY, correct: EVENTS_CORRECT }, seedsUpTo(20));
