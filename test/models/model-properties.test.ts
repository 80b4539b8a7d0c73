/**
 * Properties of the delivery model itself, over arbitrary outcome sequences, both regimes and arbitrary
 * overrides of the platform rules. Random seeds on purpose: every run explores new sequences, and a
 * failure prints the seed and path to replay it.
 */
import { InvocationError, type RetryOptions } from '@forge/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_RETRY_REASONS,
  ASSUMED_RULES,
  DEFAULT_PLATFORM_RULES,
  PLATFORM_FAULTS,
  PLATFORM_RETRY_REASONS,
  REGIMES,
  VIRTUAL_EPOCH,
  at,
  classifyReturn,
  startEvent,
  step,
  type Decision,
  type DeliveryEnvironment,
  type DeliveryState,
  type Outcome,
  type PlatformFault,
  type PlatformRules,
  type ScheduledDelivery,
} from '../../models/index.js';
import { retryCapOf } from '../../models/codes.js';

const RUNS = 500;

// ---------------------------------------------------------------------------------------------------
// Arbitraries

const retryAfterArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -100, max: 2000 }),
  fc.double(),
  fc.constantFrom(0, -0, 1.5, 900, 901, 3600, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.string({ maxLength: 5 }),
  fc.constantFrom(undefined, null, '120', true, 5n),
);

const retryReasonArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...APP_RETRY_REASONS),
  fc.constantFrom(...PLATFORM_RETRY_REASONS),
  fc.string({ maxLength: 8 }),
  fc.constant(undefined),
);

const retryDataArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.object({ maxDepth: 3 }),
  fc.anything({
    maxDepth: 3,
    withDate: true,
    withMap: true,
    withSet: true,
    withBigInt: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.date({ noInvalidDate: false }), fc.constant(undefined), fc.integer(), fc.string(), fc.double())),
  fc.integer({ min: 0, max: 9000 }).map((n) => ({ big: 'x'.repeat(n) })),
  fc.date().map((d) => ({ nested: { at: d, list: [d, undefined] } })),
);

/** The retry options an app returns; any key may be missing. */
const retryOptionsArb = fc.record({ retryAfter: retryAfterArb, retryReason: retryReasonArb, retryData: retryDataArb }, { requiredKeys: [] });

const appRetryArb: fc.Arbitrary<Outcome> = fc.oneof(
  retryOptionsArb.map((retryOptions) => classifyReturn({ _retry: true, retryOptions })),
  // Through the real SDK, which mutates retryAfter <= 0 to 1 (comparing a BigInt with 0 is allowed).
  retryOptionsArb.map((retryOptions) => classifyReturn(new InvocationError(retryOptions as unknown as RetryOptions))),
);

const faultArb = fc.constantFrom(...(Object.keys(PLATFORM_FAULTS) as PlatformFault[]));

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  { arbitrary: fc.constant<Outcome>({ kind: 'success', value: true }), weight: 1 },
  { arbitrary: appRetryArb, weight: 6 },
  { arbitrary: fc.constant<Outcome>({ kind: 'legacy-retry' }), weight: 1 },
  { arbitrary: fc.constant<Outcome>({ kind: 'thrown', error: new Error('boom') }), weight: 1 },
  { arbitrary: faultArb.map((fault): Outcome => ({ kind: 'platform-fault', fault })), weight: 3 },
);

/** A failing outcome: anything but success. */
const failingOutcomeArb: fc.Arbitrary<Outcome> = outcomeArb.filter((o) => o.kind !== 'success');

type Step = { readonly kind: 'deliver'; readonly outcome: Outcome; readonly durationMs: number } | { readonly kind: 'redeliver'; readonly gapMs: number };

const stepArb = (outcomes: fc.Arbitrary<Outcome>, minDurationMs = 0): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('deliver' as const),
        outcome: outcomes,
        durationMs: fc.integer({ min: minDurationMs, max: 900_000 }),
      }),
      weight: 6,
    },
    { arbitrary: fc.record({ kind: fc.constant('redeliver' as const), gapMs: fc.integer({ min: 0, max: 600_000 }) }), weight: 1 },
  );

const rulesArb: fc.Arbitrary<PlatformRules> = fc
  .record(
    {
      maxRetries: fc.integer({ min: 0, max: 6 }),
      maxRetryAfterSeconds: fc.integer({ min: 1, max: 1800 }),
      minRetryAfterSeconds: fc.integer({ min: 0, max: 5 }),
      retentionWindowMs: fc.oneof(fc.integer({ min: 0, max: 2 * 3600_000 }), fc.integer({ min: 0, max: 96 * 3600_000 })),
      maxRetryDataBytes: fc.oneof(fc.constant(4096), fc.integer({ min: 0, max: 8192 })),
      maxPayloadPlusRetryDataBytes: fc.oneof(fc.constant(204_800), fc.integer({ min: 0, max: 300_000 })),
      platformRetriesCountTowardCap: fc.boolean(),
      maxPlatformRetries: fc.integer({ min: 0, max: 6 }),
      platformRetryCarriesRetryData: fc.boolean(),
      productThrownError: fc.constantFrom('not-retried' as const, 'retried-as-platform-error' as const),
      thrownErrorRetryReason: fc.constantFrom('FUNCTION_PLATFORM_UNKNOWN_ERROR' as const, 'FUNCTION_RETRY_REQUEST' as const),
      legacyRetry: fc.constantFrom('default-options' as const, 'success' as const),
      invalidRetryAfterSeconds: fc.double({ min: 0, max: 1000, noNaN: true }),
      nonObjectRetryData: fc.constantFrom('omit-data' as const, 'send-data' as const, 'drop-event' as const),
      degradedRetentionWindowMs: fc.integer({ min: 0, max: 72 * 3600_000 }),
      resolverConsumerMaxRetries: fc.integer({ min: 0, max: 6 }),
      oversizedRetryData: fc.constantFrom('drop-event' as const, 'omit-data' as const),
      platformBackoff: fc.record({
        initialSeconds: fc.integer({ min: 0, max: 120 }),
        factor: fc.double({ min: 1, max: 3, noNaN: true }),
        maxSeconds: fc.integer({ min: 0, max: 900 }),
      }),
    },
    { requiredKeys: [] },
  )
  .map((overrides) => ({ ...DEFAULT_PLATFORM_RULES, ...overrides }));

const envArb: fc.Arbitrary<DeliveryEnvironment> = fc.record({
  regime: fc.constantFrom(...REGIMES),
  rules: rulesArb,
  payloadBytes: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2000 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 250_000 }), weight: 1 }),
  enqueuedAt: fc.integer({ min: 0, max: 365 * 24 * 3600_000 }).map((ms) => at(VIRTUAL_EPOCH + ms)),
});

const stepsArb = fc.array(stepArb(outcomeArb), { maxLength: 30, size: 'medium' });

// ---------------------------------------------------------------------------------------------------
// Driver

type Entry =
  | {
      readonly kind: 'delivered';
      readonly delivery: ScheduledDelivery;
      readonly outcome: Outcome;
      readonly endedAt: number;
      readonly decision: Decision;
    }
  | { readonly kind: 'redelivered'; readonly at: number; readonly decision: Decision };

interface Run {
  readonly log: readonly Entry[];
  readonly state: DeliveryState;
  /** Successes fed after the sequence ran out with a delivery still scheduled. */
  readonly trailingSuccesses: number;
}

/**
 * Feeds the steps to the model: an outcome when a delivery is scheduled, a redelivery when the event has
 * completed (other steps do not apply and are skipped), then successes until the event is terminal.
 */
const drive = (env: DeliveryEnvironment, steps: readonly Step[], successLimit = 10): Run => {
  let state = startEvent(env);
  const log: Entry[] = [];
  const deliver = (s: Extract<DeliveryState, { kind: 'scheduled' }>, outcome: Outcome, durationMs: number): void => {
    const endedAt = at(s.next.at + durationMs);
    const t = step(s, { kind: 'delivered', outcome, endedAt }, env);
    log.push({ kind: 'delivered', delivery: s.next, outcome, endedAt, decision: t.decision });
    state = t.state;
  };
  for (const s of steps) {
    if (state.kind === 'dropped') break;
    if (s.kind === 'redeliver' && state.kind === 'completed') {
      const when = at(state.at + s.gapMs);
      const t = step(state, { kind: 'redeliver', at: when }, env);
      log.push({ kind: 'redelivered', at: when, decision: t.decision });
      state = t.state;
    } else if (s.kind === 'deliver' && state.kind === 'scheduled') {
      deliver(state, s.outcome, s.durationMs);
    }
  }
  let trailingSuccesses = 0;
  while (state.kind === 'scheduled' && trailingSuccesses < successLimit) {
    deliver(state, { kind: 'success', value: true }, 1000);
    trailingSuccesses++;
  }
  return { log, state, trailingSuccesses };
};

const deliveredOf = (run: Run) => run.log.filter((e): e is Extract<Entry, { kind: 'delivered' }> => e.kind === 'delivered');
const retryCountOf = (d: ScheduledDelivery): number => d.retryContext?.retryCount ?? 0;
const jsonRoundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** Independent oracle: NaN, Infinity (both `null` in JSON) and non-numbers do not say when to retry. */
const isInvalidRetryAfter = (requested: unknown): boolean => typeof requested !== 'number' || !(requested < Number.POSITIVE_INFINITY);

/** Independent oracle: the platform's delay for a requested retryAfter, in ms. */
const expectedDelayMs = (requested: unknown, rules: PlatformRules): number => {
  const s =
    typeof requested !== 'number' || isInvalidRetryAfter(requested)
      ? rules.invalidRetryAfterSeconds
      : requested <= 0
        ? rules.minRetryAfterSeconds
        : Math.min(requested, rules.maxRetryAfterSeconds);
  return Math.round(s * 1000);
};

/** Independent oracle: what JSON delivers of retryData, when it is a sendable object. */
const sendable = (data: unknown): { value: object; bytes: number } | undefined => {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  const value = JSON.parse(text) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return { value, bytes: Buffer.byteLength(text, 'utf8') };
};

const property = <Ts extends [unknown, ...unknown[]]>(arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, predicate: (...args: Ts) => void, numRuns = RUNS): void =>
  fc.assert(fc.property(...arbs, predicate), { numRuns });

// ---------------------------------------------------------------------------------------------------

const lastOf = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;

describe('delivery model properties', () => {
  it('deliveries never exceed 1 + maxRetries for product events whose platform retries count toward the cap, else 1 + maxRetries + maxPlatformRetries', () => {
    property([envArb, stepsArb], (env, steps) => {
      const run = drive(env, steps);
      const { rules } = env;
      const fresh = deliveredOf(run).filter((e) => e.delivery.kind !== 'duplicate').length;
      expect(run.state.counters.appRetries).toBeLessThanOrEqual(env.regime === 'product-event' ? rules.maxRetries : Infinity);
      if (env.regime !== 'product-event') return;
      const bound = rules.platformRetriesCountTowardCap ? 1 + rules.maxRetries : 1 + rules.maxRetries + rules.maxPlatformRetries;
      expect(fresh).toBeLessThanOrEqual(bound);
    });
  });

  it('with default rules a product event is delivered at most 1 + 4 app retries + 4 platform retries times, duplicates aside', () => {
    const env: DeliveryEnvironment = { regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, payloadBytes: 100, enqueuedAt: VIRTUAL_EPOCH };
    property([fc.array(stepArb(failingOutcomeArb), { maxLength: 30 })], (steps) => {
      const run = drive(env, steps);
      const delivered = deliveredOf(run).filter((e) => e.delivery.kind !== 'duplicate');
      expect(delivered.length).toBeLessThanOrEqual(9);
      expect(delivered.filter((e) => e.delivery.kind === 'app-retry').length).toBeLessThanOrEqual(4);
    });
  });

  it('with one shared counter a product event is delivered at most 5 times, duplicates aside', () => {
    const rules = { ...DEFAULT_PLATFORM_RULES, platformRetriesCountTowardCap: true };
    const env: DeliveryEnvironment = { regime: 'product-event', rules, payloadBytes: 100, enqueuedAt: VIRTUAL_EPOCH };
    property([fc.array(stepArb(failingOutcomeArb), { maxLength: 30 })], (steps) => {
      const run = drive(env, steps);
      expect(deliveredOf(run).filter((e) => e.delivery.kind !== 'duplicate').length).toBeLessThanOrEqual(5);
    });
  });

  it('retryCount never decreases and increases by at most 1 per delivery, by exactly the rule for each kind of retry', () => {
    property([envArb, stepsArb], (env, steps) => {
      const delivered = deliveredOf(drive(env, steps));
      for (let i = 1; i < delivered.length; i++) {
        const prev = delivered[i - 1]!;
        const cur = delivered[i]!;
        const diff = retryCountOf(cur.delivery) - retryCountOf(prev.delivery);
        expect(diff).toBeGreaterThanOrEqual(0);
        expect(diff).toBeLessThanOrEqual(1);
        const expected = (() => {
          switch (cur.delivery.kind) {
            case 'first':
              throw new Error('a first delivery after another delivery');
            case 'duplicate':
              return 0;
            case 'app-retry':
              return 1;
            case 'platform-retry':
              if (env.regime === 'product-event') return env.rules.platformRetriesCountTowardCap ? 1 : 0;
              return prev.outcome.kind === 'thrown' ||
                (prev.outcome.kind === 'platform-fault' && (prev.outcome.fault === 'timeout' || prev.outcome.fault === 'out-of-memory'))
                ? 1
                : 0;
          }
        })();
        expect(diff, `${prev.outcome.kind} -> ${cur.delivery.kind}`).toBe(expected);
      }
      const cap = retryCapOf(env.regime, env.rules);
      if (cap !== undefined) {
        for (const d of delivered) expect(retryCountOf(d.delivery)).toBeLessThanOrEqual(Math.max(cap, 0));
      }
    });
  });

  it('virtual time never goes backwards', () => {
    property([envArb, stepsArb], (env, steps) => {
      const run = drive(env, steps);
      let previous = env.enqueuedAt as number;
      for (const e of run.log) {
        if (e.kind === 'redelivered') {
          expect(e.at).toBeGreaterThanOrEqual(previous);
          previous = e.at;
          continue;
        }
        expect(e.delivery.at).toBeGreaterThanOrEqual(previous);
        expect(e.endedAt).toBeGreaterThanOrEqual(e.delivery.at);
        if (e.decision.kind === 'retry') expect(e.decision.next.at).toBeGreaterThanOrEqual(e.endedAt);
        previous = e.endedAt;
      }
      if (run.state.kind !== 'scheduled') expect(run.state.at).toBeGreaterThanOrEqual(previous);
    });
  });

  it('an app retry is scheduled exactly the normalised retryAfter after the delivery ended', () => {
    property([envArb, stepsArb], (env, steps) => {
      for (const e of deliveredOf(drive(env, steps))) {
        if (e.decision.kind !== 'retry' || e.decision.next.kind !== 'app-retry') continue;
        const requested = e.outcome.kind === 'app-retry' ? e.outcome.request.retryAfter : 1;
        expect(e.decision.next.at - e.endedAt).toBe(expectedDelayMs(requested, env.rules));
      }
    });
  });

  it('retryData delivered deep-equals JSON.parse(JSON.stringify(requested)) whenever it is delivered, and a sendable object within the limits is delivered', () => {
    property([envArb, stepsArb], (env, steps) => {
      const delivered = deliveredOf(drive(env, steps));
      for (const [i, e] of delivered.entries()) {
        if (e.decision.kind !== 'retry') continue;
        const context = e.decision.next.retryContext;
        if (e.decision.next.kind === 'platform-retry') {
          const previous = e.delivery.retryContext;
          if (env.rules.platformRetryCarriesRetryData && previous !== undefined && 'retryData' in previous) {
            expect(context?.retryData).toStrictEqual(previous.retryData);
          } else {
            expect(context).not.toHaveProperty('retryData');
          }
          continue;
        }
        if (e.outcome.kind !== 'app-retry') {
          expect(context).not.toHaveProperty('retryData');
          continue;
        }
        const { retryData } = e.outcome.request;
        if (context !== undefined && 'retryData' in context) {
          expect(context.retryData).toStrictEqual(jsonRoundTrip(retryData));
          expect(delivered[i + 1]?.delivery.retryContext?.retryData).toBe(context.retryData);
        }
        const oracle = sendable(retryData);
        if (oracle !== undefined && oracle.bytes <= env.rules.maxRetryDataBytes) {
          expect(context?.retryData).toStrictEqual(oracle.value);
        }
      }
    });
  });

  it('retryReason on an app retry is the requested reason after JSON; on a platform retry it is a platform reason', () => {
    property([envArb, stepsArb], (env, steps) => {
      for (const e of deliveredOf(drive(env, steps))) {
        if (e.decision.kind !== 'retry') continue;
        const reason = e.decision.next.retryContext?.retryReason;
        if (e.decision.next.kind === 'app-retry') {
          const requested = e.outcome.kind === 'app-retry' ? e.outcome.request.retryReason : 'FUNCTION_RETRY_REQUEST';
          expect(reason).toStrictEqual(requested === undefined || typeof requested === 'bigint' ? undefined : jsonRoundTrip(requested));
        } else {
          expect([...PLATFORM_RETRY_REASONS, env.rules.thrownErrorRetryReason]).toContain(reason);
        }
      }
    });
  });

  it('async: every scheduled delivery is within the retention window, and says how much of it is left', () => {
    const asyncEnv = envArb.map((env): DeliveryEnvironment => ({ ...env, regime: 'async-event' }));
    property([asyncEnv, stepsArb], (env, steps) => {
      const run = drive(env, steps);
      const base = env.enqueuedAt + env.rules.retentionWindowMs;
      for (const e of deliveredOf(run)) {
        if (e.decision.kind !== 'retry') continue;
        const { next } = e.decision;
        // Platform degradation (the platform's own errors) extends the window.
        const degraded = e.outcome.kind === 'platform-fault' && (e.outcome.fault === 'platform-rate-limited' || e.outcome.fault === 'platform-unknown-error');
        const deadline = base + (degraded ? env.rules.degradedRetentionWindowMs : 0);
        expect(next.at).toBeLessThanOrEqual(deadline);
        expect(next.retryContext?.retentionWindow).toEqual({
          startTime: new Date(env.enqueuedAt).toISOString(),
          remainingTimeMs: deadline - next.at,
        });
      }
      if (run.state.kind === 'dropped' && run.state.reason === 'retention-window-exceeded') {
        const wouldBe = Number(
          /the retry would be (\d+) ms after enqueue/.exec(
            lastOf(deliveredOf(run)).decision.kind === 'drop' ? (lastOf(deliveredOf(run)).decision as { detail: string }).detail : '',
          )?.[1],
        );
        expect(env.enqueuedAt + wouldBe).toBeGreaterThan(base);
      }
      expect(run.state.kind === 'dropped' && run.state.reason === 'retry-cap-reached').toBe(false);
    });
  });

  it('the machine reaches a terminal state when a finite outcome sequence is followed by success', () => {
    property([envArb, stepsArb], (env, steps) => {
      const run = drive(env, steps);
      expect(run.state.kind).not.toBe('scheduled');
      expect(run.trailingSuccesses).toBeLessThanOrEqual(1);
      expect(run.log.length).toBeLessThanOrEqual(steps.length + 1);
    });
  });

  it('a handler that never succeeds is given up on within a bound', () => {
    const boundedEnv = envArb.map((env): DeliveryEnvironment => ({
      ...env,
      rules: {
        ...env.rules,
        retentionWindowMs: env.rules.retentionWindowMs % (20 * 60_000),
        degradedRetentionWindowMs: env.rules.degradedRetentionWindowMs % (20 * 60_000),
      },
    }));
    property(
      [boundedEnv, fc.array(failingOutcomeArb, { minLength: 1, maxLength: 10 })],
      (env, cycle) => {
        const { rules } = env;
        // Product events: the caps. Async events: every delivery lasts at least 1 s inside the window.
        const bound =
          env.regime === 'product-event'
            ? 1 + rules.maxRetries + rules.maxPlatformRetries
            : 1 + Math.ceil((rules.retentionWindowMs + rules.degradedRetentionWindowMs) / 1000);
        const steps: Step[] = Array.from({ length: bound + 1 }, (_, i) => ({ kind: 'deliver', outcome: cycle[i % cycle.length]!, durationMs: 1000 }));
        const run = drive(env, steps, 0);
        expect(run.state.kind).not.toBe('scheduled');
        expect(run.log.length).toBeLessThanOrEqual(bound);
      },
      200,
    );
  });

  it('decisions carry the assumptions they rest on, and only assumed rules', () => {
    property([envArb, stepsArb], (env, steps) => {
      for (const e of drive(env, steps).log) {
        if (e.kind === 'redelivered') {
          expect(e.decision).not.toHaveProperty('assumptions');
          continue;
        }
        const { decision, outcome } = e;
        if (decision.kind === 'redeliver') throw new Error('a delivery led to a redelivery');
        for (const a of decision.assumptions) expect(ASSUMED_RULES).toContain(a);
        const has = (rule: (typeof ASSUMED_RULES)[number]) => expect(decision.assumptions, `${outcome.kind} -> ${decision.kind}`).toContain(rule);
        if (decision.kind === 'retry' && decision.next.kind === 'platform-retry') {
          has('platformRetryCarriesRetryData');
          has('platformBackoff');
          if (env.regime === 'product-event') has('platformRetriesCountTowardCap');
        }
        if (outcome.kind === 'legacy-retry') has('legacyRetry');
        if (outcome.kind === 'thrown') has(env.regime === 'product-event' ? 'productThrownError' : 'thrownErrorRetryReason');
        if (outcome.kind === 'platform-fault' && env.regime === 'product-event') has('platformRetriesCountTowardCap');
        if (decision.kind === 'drop' && decision.reason === 'retry-cap-reached' && (outcome.kind === 'app-retry' || outcome.kind === 'legacy-retry')) {
          has('finalRetryRequest');
        }
        if (decision.kind === 'drop' && decision.reason === 'retry-data-too-large') has('oversizedRetryData');
        if (decision.kind === 'retry' && outcome.kind === 'app-retry') {
          if (isInvalidRetryAfter(outcome.request.retryAfter)) has('invalidRetryAfterSeconds');
          else expect(decision.assumptions).not.toContain('invalidRetryAfterSeconds');
        }
        if (outcome.kind === 'success') expect(decision).toEqual({ kind: 'complete', assumptions: [] });
      }
    });
  });

  it('the model is deterministic', () => {
    property([envArb, stepsArb], (env, steps) => {
      expect(drive(env, steps)).toStrictEqual(drive(env, steps));
    });
  });
});
