/** The many-events corpus swept on twenty seeds, and every buggy handler's shrunk report within three events. */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { EVENTS_BUGGY, EVENTS_CORRECT } from '../handlers/events/index.js';
import { seedsUpTo, sweepCorpus } from '../corpus/sweep.js';

sweepCorpus('many-events', { buggy: EVENTS_BUGGY, correct: EVENTS_CORRECT }, seedsUpTo(20));

describe('many-events findings shrink', () => {
  for (const c of EVENTS_BUGGY) {
    it(`${c.name}: the shrunk scenario has at most three events from outside on each of 20 seeds`, async () => {
      for (const seed of seedsUpTo(20)) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed, numRuns: 1, properties: [c.property] });
        const events = result.failures[0]?.events?.events.filter((e) => !e.selfGenerated).length;
        expect({ seed, events: events !== undefined && events <= 3 }).toEqual({ seed, events: true });
      }
    });
  }
});
