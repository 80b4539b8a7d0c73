import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import {
  assertRetrySemantics,
  checkRetrySemantics,
  HarnessUsageError,
  PROPERTY_IDS,
  RetrySemanticsError,
  type CheckOptions,
  type CheckResult,
  type PropertyId,
} from '../src/index.js';
import { BUGGY, CORRECT } from './handlers/index.js';
import { resolveOptions } from '../src/api/options.js';
import { DEFAULT_PLATFORM_RULES, RULE_NAMES } from '../models/rules.js';
import { renderValue } from '../models/render-value.js';

const quiet = async () => true;
const usageError = (options: unknown, handler: unknown = quiet) =>
  checkRetrySemantics(handler as never, options as never).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('options are validated at the door', () => {
  it('rejects a handler that is not a function, saying what to pass', async () => {
    const error = await usageError({}, { run: quiet });
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect((error as Error).message).toContain('the handler is an object, not a function');
    expect((error as Error).message).toContain('fix  pass the exported handler itself');
  });

  it('rejects an unknown option and lists the valid ones', async () => {
    const error = (await usageError({ numruns: 5 })) as Error;
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect(error.message).toContain('unknown option "numruns"');
    expect(error.message).toContain('numRuns');
  });

  it('rejects an unknown property id and lists the valid ones', async () => {
    const error = (await usageError({ properties: ['retry-after'] })) as Error;
    expect(error.message).toContain('unknown property id "retry-after" in "properties"');
    for (const id of PROPERTY_IDS) expect(error.message).toContain(id);
    expect(((await usageError({ skip: ['nope'] })) as Error).message).toContain('in "skip"');
  });

  it.each([
    [{ numRuns: 0 }, 'option "numRuns" is number 0'],
    [{ numRuns: 1.5 }, 'option "numRuns" is number 1.5'],
    [{ seed: 'abc' }, 'option "seed" is "abc"'],
    [{ trigger: 'webtrigger' }, 'use one of: product-event, async-event'],
    [{ consumerShape: 'class' }, 'use "function" or "resolver"'],
    [{ path: 'not a path' }, 'option "path" is "not a path"'],
    [{ rules: { maxRetry: 3 } }, 'unknown rule "maxRetry"'],
    [{ rules: { maxRetries: '4' } }, 'rule "maxRetries" is "4"'],
    [{ settings: { maxRequests: 3 } }, 'unknown setting "maxRequests"'],
    [{ settings: { maxRequestsPerInvocation: 10_000 } }, 'settings.maxRequestsPerInvocation'],
    [{ upstream: 'yes' }, 'option "upstream" is "yes"'],
    [{ upstream: { '/rest/api/3/issue': {} } }, 'option "upstream" has a bad route'],
    [{ exhaustive: 'yes' }, 'option "exhaustive" is "yes"'],
    [{ timeoutSeconds: 901 }, 'option "timeoutSeconds" is number 901'],
  ])('rejects %j', async (options, message) => {
    const error = (await usageError(options)) as Error;
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect(error.message).toContain(message);
  });

  it.each([
    [{ rules: { maxRetries: -3 } }, 'rule "maxRetries" is number -3', 'pass a whole number from 0 to 10 (default 4)'],
    [{ rules: { maxRetries: 2.5 } }, 'rule "maxRetries" is number 2.5', 'pass a whole number from 0 to 10 (default 4)'],
    [{ rules: { legacyRetry: 'anything' } }, 'rule "legacyRetry" is "anything"', 'pass "default-options" or "success" (default "default-options")'],
    [{ rules: { platformBackoff: { initialSeconds: 'x' } } }, 'rule "platformBackoff.initialSeconds" is "x"', 'pass a number from 0 to 86400 (default 60)'],
    [{ rules: { maxRetryAfterSeconds: Number.NaN } }, 'rule "maxRetryAfterSeconds" is number NaN', 'pass a number from 1 to 86400 (default 900)'],
    [
      { rules: { invalidRetryAfterSeconds: Number.POSITIVE_INFINITY } },
      'rule "invalidRetryAfterSeconds" is number Infinity',
      'pass a number from 1 to 900 (default 1)',
    ],
    [
      { rules: { platformBackoff: { factor: Number.NEGATIVE_INFINITY } } },
      'rule "platformBackoff.factor" is number -Infinity',
      'pass a number from 1 to 10 (default 2)',
    ],
    [{ rules: { platformRetriesCountTowardCap: 'yes' } }, 'rule "platformRetriesCountTowardCap" is "yes"', 'pass true or false (default false)'],
    [{ rules: { finalRetryRequest: 'retry' } }, 'rule "finalRetryRequest" is "retry"', 'pass "drop-event" (default "drop-event")'],
    [{ rules: { nope: 1 } }, 'unknown rule "nope" in "rules"', 'use one of: maxRetries, maxRetryAfterSeconds, '],
    [{ rules: { platformBackoff: { initial: 1 } } }, 'unknown field "initial" in rule "platformBackoff"', 'use one of: initialSeconds, factor, maxSeconds'],
    [
      { rules: { platformBackoff: 60 } },
      'rule "platformBackoff" is number 60',
      'pass an object with some of initialSeconds, factor and maxSeconds (default {"initialSeconds":60,"factor":2,"maxSeconds":900})',
    ],
    [{ rules: [] }, 'option "rules" is an array', 'pass an object with some of the PlatformRules fields'],
  ])('refuses the bad rule value in %j, stating the allowed values and the default', async (options, what, fix) => {
    const error = (await usageError(options)) as HarnessUsageError;
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect(error.what).toBe(what);
    expect(error.fix.startsWith(fix)).toBe(true);
  });

  it('refuses a wrong type for every rule, and every fix names the default', async () => {
    for (const name of RULE_NAMES) {
      const error = (await usageError({ rules: { [name]: 'not-a-value' } })) as HarnessUsageError;
      expect(error.what).toBe(`rule "${name}" is "not-a-value"`);
      expect(error.fix).toMatch(/^pass /);
      expect(error.fix).toContain(`(default ${renderValue(DEFAULT_PLATFORM_RULES[name])})`);
    }
  });

  it('accepts every default, and overriding some fields of platformBackoff keeps the others', () => {
    expect(resolveOptions(quiet, { rules: { ...DEFAULT_PLATFORM_RULES } }).options.rules).toEqual(DEFAULT_PLATFORM_RULES);
    const { rules } = resolveOptions(quiet, { rules: { maxRetries: 2, platformBackoff: { factor: 3 } } }).options;
    expect(rules).toEqual({ ...DEFAULT_PLATFORM_RULES, maxRetries: 2, platformBackoff: { initialSeconds: 60, factor: 3, maxSeconds: 900 } });
    expect(Object.isFrozen(rules) && Object.isFrozen(rules.platformBackoff)).toBe(true);
  });

  it.each([
    [
      { settings: { nonIdempotentMethods: 'POST' } },
      'option "settings.nonIdempotentMethods" is "POST"',
      'pass an array of HTTP methods, e.g. ["POST", "PATCH"]',
    ],
    [{ settings: { readOnlyPaths: ['/search'] } }, 'option "settings.readOnlyPaths[0]" is "/search"', 'pass an array of regular expressions'],
    [{ exhaustive: { depth: 9 } }, 'option "exhaustive.depth" is number 9', 'pass a whole number from 1 to 8'],
    [{ exhaustive: {} }, 'option "exhaustive.depth" is missing', 'pass true, false or { depth: 1..8 }'],
    [{ path: 'x9' }, 'option "path" is "x9"', 'copy the schedule path from a report, like "x1.3.0"'],
    [{ path: '01:2' }, 'option "path" is "01:2"', 'copy the path from a report, like "13:2:0"'],
    [null, 'options is null', 'pass an object, e.g. { numRuns: 200 }'],
  ])('names the nested option in %j', async (options, what, fix) => {
    const error = (await usageError(options)) as HarnessUsageError;
    expect(error.what).toBe(what);
    expect(error.fix.startsWith(fix)).toBe(true);
  });

  it('an option, a rule or a setting given as undefined keeps its default', () => {
    const { options } = resolveOptions(quiet, { numRuns: undefined, rules: { maxRetries: undefined }, settings: { maxRequestsPerInvocation: undefined } });
    expect(options.numRuns).toBe(100);
    expect(options.rules.maxRetries).toBe(4);
    expect(options.settings.maxRequestsPerInvocation).toBeUndefined();
  });

  it('resolves the check mode: sample, exhaustive with its depth, or the replay a path names', () => {
    const mode = (o: CheckOptions, trigger?: 'async-event') => resolveOptions(quiet, { ...o, ...(trigger ? { trigger } : {}) }).options.mode;
    expect(mode({})).toEqual({ kind: 'sample' });
    expect(mode({ exhaustive: false })).toEqual({ kind: 'sample' });
    expect(mode({ exhaustive: true })).toEqual({ kind: 'exhaustive', depth: 5 });
    expect(mode({ exhaustive: true }, 'async-event')).toEqual({ kind: 'exhaustive', depth: 4 });
    expect(mode({ exhaustive: { depth: 2 } })).toEqual({ kind: 'exhaustive', depth: 2 });
    expect(mode({ path: '13:2:0' })).toEqual({ kind: 'replay', path: { kind: 'sampled', run: 13, shrinks: [2, 0] } });
    expect(mode({ path: 'x1.0d', exhaustive: true })).toEqual({ kind: 'replay', path: { kind: 'schedule', steps: ['rate-limited', 'ok'], duplicate: true } });
  });

  it('rejects selecting only properties that do not apply to the regime', async () => {
    const error = (await usageError({ trigger: 'async-event', properties: ['respects-retry-cap'] })) as Error;
    expect(error.message).toContain('none of the selected properties applies to async-event handlers');
  });
});

describe('the one-line API', () => {
  it('assertRetrySemantics resolves for a correct handler', async () => {
    const c = CORRECT[0]!;
    await expect(assertRetrySemantics(c.handler, c.options)).resolves.toBeUndefined();
  });

  it('assertRetrySemantics rejects with RetrySemanticsError carrying the failures and the report', async () => {
    const b = BUGGY.find((x) => x.property === 'respects-retry-cap')!;
    const error = await assertRetrySemantics(b.handler, b.options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetrySemanticsError);
    const { failures, message } = error as RetrySemanticsError;
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(message).toContain(f.report);
      expect(f.replay.seed).toBe(20250101);
      expect(f.trace.deliveries.length).toBeGreaterThan(0);
      expect(f.expected).not.toBe('');
      expect(f.received).not.toBe('');
    }
  });

  it('checkRetrySemantics never rejects for a failing handler', async () => {
    const result = await checkRetrySemantics(
      () => {
        throw new Error('boom');
      },
      { strictAssumptions: true },
    );
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.property)).toContain('survives-every-delivery');
  });

  it('skips properties by id', async () => {
    const throws = () => {
      throw new Error('boom');
    };
    const result = await checkRetrySemantics(throws, { skip: ['survives-every-delivery'] });
    expect(result.failures.map((f) => f.property)).not.toContain('survives-every-delivery');
  });

  it('a rules override changes the verdict: with two retries allowed, retrying on retryCount 2 is past the cap', async () => {
    const alwaysRetry = (event: { retryContext?: { retryCount: number } }) =>
      (event.retryContext?.retryCount ?? 0) < 2 ? new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }) : 'done';
    expect((await checkRetrySemantics(alwaysRetry, { properties: ['respects-retry-cap'] })).passed).toBe(true);
    const capped = await checkRetrySemantics(alwaysRetry, { properties: ['respects-retry-cap'], rules: { maxRetries: 1 } });
    expect(capped.passed).toBe(false);
    expect(capped.failures[0]?.expected).toBe('no retry request when retryContext.retryCount >= 1');
  });

  it('an event arbitrary is sampled; a plain payload is delivered as is', async () => {
    const seen: unknown[] = [];
    await checkRetrySemantics((event: unknown) => void seen.push(event), { event: { issue: { key: 'X-1' } }, numRuns: 3 });
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) expect(e).toMatchObject({ issue: { key: 'X-1' } });
  });
});

describe('exhaustive small-scope mode', () => {
  it('walks every schedule for a handler without upstream calls and passes it', async () => {
    const result = await checkRetrySemantics(quiet, { exhaustive: true });
    expect(result.passed).toBe(true);
    expect(result.runs).toBeGreaterThan(1);
  });

  it('finds the shortest failing schedule and replays it from its path', async () => {
    const b = BUGGY.find((x) => x.property === 'honours-retry-after')!;
    const result = await checkRetrySemantics(b.handler, { ...b.options, exhaustive: { depth: 3 } });
    expect(result.passed).toBe(false);
    const failure = result.failures[0]!;
    expect(failure.replay.path).toMatch(/^x[\d.]*d?$/);
    const again = await checkRetrySemantics(b.handler, { ...b.options, ...failure.replay });
    expect(again.failures.map((f) => f.report)).toEqual(result.failures.map((f) => f.report));
  });
});

describe('public types', () => {
  it('exposes the documented shapes', () => {
    expectTypeOf(checkRetrySemantics).returns.resolves.toEqualTypeOf<CheckResult>();
    expectTypeOf<CheckResult['failures'][number]['property']>().toEqualTypeOf<PropertyId>();
    expectTypeOf<CheckResult['failures'][number]['replay']['seed']>().toEqualTypeOf<number>();
    expectTypeOf<CheckResult['failures'][number]['replay']['path']>().toEqualTypeOf<string>();
    expectTypeOf<CheckResult['failures'][number]['replay']['properties']>().toEqualTypeOf<readonly PropertyId[] | undefined>();
    // A replay is options: spread into a check's options, it replays the finding.
    expectTypeOf<CheckResult['failures'][number]['replay']>().toMatchTypeOf<CheckOptions>();
    expectTypeOf<CheckOptions['trigger']>().toEqualTypeOf<'product-event' | 'async-event' | undefined>();
    expectTypeOf(assertRetrySemantics).returns.resolves.toBeVoid();
  });
});
