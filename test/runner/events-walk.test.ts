/**
 * The exhaustive walk of two events: every interleaving of two events over their first three requests
 * each, in a fixed order, finds every buggy handler of the many-events corpus, passes every correct one,
 * and replays what it reports by its `ew` path.
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { EVENTS_BUGGY, EVENTS_CORRECT } from '../handlers/events/index.js';
import * as counter from '../handlers/events/buggy/activity-counter.js';

// Depth 1 keeps the single-event walk short: the many-events walk is the same at every depth.
const WALK = { exhaustive: { depth: 1 } } as const;

describe('exhaustive walk of two events', () => {
  for (const c of EVENTS_BUGGY) {
    it(`${c.name}: fails "${c.property}" at an interleaving its walk path replays`, async () => {
      const result = await checkRetrySemantics(c.handler, { ...c.options, ...WALK, properties: [c.property] });
      expect(result.failures.map((f) => f.property)).toEqual([c.property]);
      const path = result.failures[0]!.replay.path;
      expect(path).toMatch(/^ew\d/);
      const again = await checkRetrySemantics(c.handler, { ...c.options, path, properties: [c.property] });
      expect(again.failures.map((f) => f.property)).toEqual([c.property]);
      expect(again.report.split('\n').slice(1)).toEqual(result.report.split('\n').slice(1));
    });
  }

  for (const c of EVENTS_CORRECT) {
    it(`${c.name}: passes every interleaving`, async () => {
      const result = await checkRetrySemantics(c.handler, { ...c.options, ...WALK });
      expect(result.report).toBe('');
      expect(result.verdict).toBe('passed');
    });
  }

  it('walks the interleavings in lexicographic order of their choices and finds the first lost update at ew0:0.1', async () => {
    // Two status updates, each a read then a write: [] runs them one after another, [0, 1] is the first
    // departure that lets both read before either writes.
    const result = await checkRetrySemantics(counter.handler, { ...counter.options, ...WALK, properties: ['no-lost-updates'] });
    expect(result.failures[0]?.replay.path).toBe('ew0:0.1');
    expect(result.failures[0]?.runs).toBe(2);
  });

  it('walks every interleaving of two read-then-write events: six per pair, none beyond the bound', async () => {
    const once = await checkRetrySemantics(counter.handler, { ...counter.options, ...WALK, properties: ['no-self-trigger-loop'] });
    const twice = await checkRetrySemantics(counter.handler, { ...counter.options, ...WALK, properties: ['no-self-trigger-loop'] });
    // C(4, 2) = 6 interleavings of two 2-request deliveries, for each of the two pairs, after the single-event walk.
    const single = await checkRetrySemantics(counter.handler, { ...counter.options, ...WALK, manyEvents: false });
    expect(once.runs - single.runs).toBe(12);
    expect(twice).toEqual(once);
  });

  it('plays no interleaving with manyEvents off', async () => {
    const result = await checkRetrySemantics(counter.handler, { ...counter.options, ...WALK, manyEvents: false });
    expect(result.properties.map((p) => p.property)).not.toContain('no-lost-updates');
    expect(result.passed).toBe(true);
  });
});
