import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunnerTestSuite } from 'vitest';
import { HarnessUsageError, checkRetrySemantics } from '../src/index.js';
import { PROPERTIES } from '../properties/catalog.js';

/** The properties an async consumer's check judges: every one but the many-events ones (product events only). */
const SINGLE_EVENT_IDS = PROPERTIES.filter((p) => p.checkEvents === undefined).map((p) => p.id);
/** A product-event check judges them all: many-events scenarios are on by default. */
const ALL_IDS = PROPERTIES.map((p) => p.id);
import { describeRetrySemantics } from '../src/vitest.js';
import { onIssueCreated, onWorklogCreated, crmSync } from '../examples/forge-app/src/index.js';

// The example handlers log every delivery; keep the test output to the results.
beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
});

// The suites under test: registered at collection time, exactly as a user's test file would.
describeRetrySemantics('onIssueCreated (correct)', onIssueCreated, { numRuns: 30 });
describeRetrySemantics('crmSync (correct consumer)', crmSync, { trigger: 'async-event', numRuns: 30 });
describeRetrySemantics('onWorklogCreated (sleeps past its timeout)', onWorklogCreated, {
  properties: ['bounded-invocation', 'reason-valid'],
  knownFailures: ['bounded-invocation'],
});

const suiteNamed = (file: { tasks: readonly { name: string }[] }, name: string): RunnerTestSuite => {
  const suite = file.tasks.find((t) => t.name === name);
  if (suite === undefined) throw new Error(`no suite ${name}`);
  return suite as RunnerTestSuite;
};

describe('describeRetrySemantics', () => {
  it('registers one test per property of the regime, named by id and what it demands', ({ task }) => {
    const product = suiteNamed(task.file, 'onIssueCreated (correct)').tasks.map((t) => t.name);
    expect(product.map((n) => n.split(':')[0])).toEqual(ALL_IDS);
    expect(product).toContain('retry-after-valid: a requested retryAfter is a finite number of seconds: not NaN, a string, or milliseconds');
    const consumer = suiteNamed(task.file, 'crmSync (correct consumer)').tasks.map((t) => t.name.split(':')[0]);
    expect(consumer).toEqual(SINGLE_EVENT_IDS.filter((id) => id !== 'respects-retry-cap'));
  });

  it('registers knownFailures with test.fails and honours `properties`', ({ task }) => {
    const tests = suiteNamed(task.file, 'onWorklogCreated (sleeps past its timeout)').tasks;
    expect(tests.map((t) => [t.name.split(':')[0], t.type === 'test' && t.fails === true])).toEqual([
      ['reason-valid', false],
      ['bounded-invocation', true],
    ]);
  });

  it('reports the violated property for the buggy handler (what the test.fails above relies on)', async () => {
    const result = await checkRetrySemantics(onWorklogCreated, { properties: ['bounded-invocation'] });
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.property)).toEqual(['bounded-invocation']);
  });

  it('validates options when the suite is collected', () => {
    expect(() => describeRetrySemantics('bad', onIssueCreated, { numRuns: 0 })).toThrow(HarnessUsageError);
    expect(() => describeRetrySemantics('bad', crmSync, { trigger: 'async-event', knownFailures: ['respects-retry-cap'] })).toThrow(/does not check/);
    // @ts-expect-error an unknown property id is a type error too
    expect(() => describeRetrySemantics('bad', onIssueCreated, { knownFailures: ['honors-retry-after'] })).toThrow(/unknown property id "honors-retry-after"/);
  });
});
