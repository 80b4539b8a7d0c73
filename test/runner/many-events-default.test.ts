/**
 * Many-events scenarios are part of the default check: the one-line test judges the many-events
 * properties, a property that had nothing to judge is inconclusive on its own without making the check
 * inconclusive, and `manyEvents: false` leaves them out.
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { resolveOptions } from '../../src/api/options.js';
import { HarnessUsageError } from '../../src/messages/usage-error.js';
import * as counter from '../handlers/events/correct/activity-counter.js';
import * as welcome from '../handlers/correct/welcome-comment.js';

const EVENTS_ONLY = ['no-lost-updates', 'no-self-trigger-loop', 'no-stale-overwrite'] as const;
const verdicts = (result: Awaited<ReturnType<typeof checkRetrySemantics>>) =>
  Object.fromEntries(result.properties.filter((p) => (EVENTS_ONLY as readonly string[]).includes(p.property)).map((p) => [p.property, p.verdict]));

describe('many-events scenarios in the default check', () => {
  it('plays numRuns / 10 of them unless told otherwise', () => {
    const runs = (options: object) => resolveOptions(counter.handler, { trigger: 'product-event', ...options }).options.manyEvents.runs;
    expect([
      runs({}),
      runs({ numRuns: 300 }),
      runs({ numRuns: 3 }),
      runs({ manyEvents: true }),
      runs({ manyEvents: { runs: 7 } }),
      runs({ manyEvents: false }),
    ]).toEqual([10, 30, 1, 40, 7, 0]);
  });

  it('plays none when the user gives the event (it is delivered as given), unless manyEvents asks', () => {
    const resolved = (options: object) => resolveOptions(counter.handler, { trigger: 'product-event', event: { issue: { key: 'X-1' } }, ...options }).options;
    expect(resolved({}).manyEvents.runs).toBe(0);
    expect(resolved({}).properties.map((p) => p.id)).not.toContain('no-lost-updates');
    expect(resolved({ manyEvents: true }).manyEvents.runs).toBe(40);
  });

  it('judges the shared counter of a handler whose options say nothing about many events', async () => {
    const result = await checkRetrySemantics(counter.handler, { trigger: 'product-event', seed: 1 });
    expect(result.verdict).toBe('passed');
    expect(verdicts(result)).toEqual({ 'no-lost-updates': 'passed', 'no-self-trigger-loop': 'inconclusive', 'no-stale-overwrite': 'passed' });
  });

  it('keeps a check passed when only the many-events properties had nothing to judge, each inconclusive with its reason', async () => {
    const result = await checkRetrySemantics(welcome.handler, { ...welcome.options, seed: 1 });
    expect(result.verdict).toBe('passed');
    expect(result.inconclusive).toBeUndefined();
    const lost = result.properties.find((p) => p.property === 'no-lost-updates');
    expect(lost).toEqual({
      property: 'no-lost-updates',
      verdict: 'inconclusive',
      inconclusive: expect.objectContaining({ reason: expect.stringContaining('no two events') }),
    });
  });

  it('leaves the many-events properties out with manyEvents: false, and refuses to check only them then', async () => {
    const result = await checkRetrySemantics(counter.handler, { trigger: 'product-event', seed: 1, manyEvents: false });
    expect(verdicts(result)).toEqual({});
    expect(() => resolveOptions(counter.handler, { properties: ['no-lost-updates'], manyEvents: false })).toThrow(HarnessUsageError);
    expect(() => resolveOptions(counter.handler, { properties: ['no-lost-updates'], manyEvents: false })).toThrow(/judge only many-events scenarios/);
  });
});
