/**
 * Robust verdicts for latency (docs/platform.md#requestlatency): how slow Forge answers is undocumented,
 * so a timeout that only the generated latency brings about is re-judged under `requestLatency: 'fast'`
 * and, cleared there, is a warning naming the rule; work left running holds under both and stays a failure.
 */
import { describe, expect, it } from 'vitest';
import { ASSUMED_RULES, DEFAULT_PLATFORM_RULES, type PlatformRules } from '../../models/rules.js';
import { boundedInvocation } from '../../properties/bounded-invocation.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import { drive, type DriveOptions } from '../../src/runner/drive.js';
import { judgeUnderAssumptions } from '../../src/runner/robust.js';
import { LATENCY_FACTS, type LatencyPlan } from '../../src/scenario/latency.js';
import { labelsWithoutAwaiting, updatesOneByOne } from '../handlers/platform/latency.js';

const SLOWEST: LatencyPlan = { minMs: LATENCY_FACTS.ordinary.maxMs, maxMs: LATENCY_FACTS.ordinary.maxMs, slow: [], slowMs: 1000, storageMs: 10 };

const judged = async (handler: DriveOptions['handler']) => {
  const base = {
    handler,
    regime: 'product-event' as const,
    event: { issue: { key: 'SUP-7' } },
    // One slow delivery, then answers at once: the first invocation alone decides.
    scenario: { deliveries: [{ responses: [], storage: [], latency: SLOWEST }], duplicate: false },
  };
  const trace = await drive({ ...base, rules: DEFAULT_PLATFORM_RULES });
  const verdict = boundedInvocation.check(trace, DEFAULT_PROPERTY_SETTINGS);
  // The other assumptions stay pinned at their defaults: this is about latency alone (and keeps it to two replays).
  const pinned = ASSUMED_RULES.filter((rule) => rule !== 'requestLatency');
  const robust = await judgeUnderAssumptions(trace, boundedInvocation, DEFAULT_PROPERTY_SETTINGS, pinned, (rules: PlatformRules) => drive({ ...base, rules }));
  return { verdict, robust };
};

describe('robust verdicts: request latency', () => {
  it('reports a timeout that only the generated latency causes as resting on requestLatency', async () => {
    const { verdict, robust } = await judged(updatesOneByOne as never);
    expect(verdict).toMatchObject({ kind: 'fail', message: 'the invocation ran past the 25 s function timeout' });
    expect(robust?.rules).toEqual(['requestLatency']);
    expect(robust?.clearedUnder.some((c) => c['requestLatency'] === 'fast')).toBe(true);
    expect(robust?.holdsUnder.every((c) => c['requestLatency'] === 'generated')).toBe(true);
    expect(robust?.only).toContain('requestLatency is "generated"');
  });

  it('keeps an unawaited request a failure: it is left running at any plausible latency', async () => {
    const { verdict, robust } = await judged(labelsWithoutAwaiting as never);
    expect(verdict).toMatchObject({ kind: 'fail', message: 'the handler kept working after its invocation ended' });
    expect(robust?.rules).toEqual(['requestLatency']);
    expect(robust?.clearedUnder).toEqual([]);
    expect(robust?.only).toBe('');
  });
});
