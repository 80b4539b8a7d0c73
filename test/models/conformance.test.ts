/**
 * Conformance table: one test per rule of docs/platform.md and Atlassian's "Product events" page
 * (events-reference/product_events, "Retry product events"), named after the rule, asserting what the
 * delivery model does. The model is driven through a list of outcomes by `drive`.
 */
import { InvocationError, InvocationErrorCode, QueueResponse } from '@forge/events';
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_RULES,
  DEFAULT_PLATFORM_RULES,
  ModelMisuseError,
  PLATFORM_FAULTS,
  VIRTUAL_EPOCH,
  at,
  classifyReturn,
  describeDecision,
  isTerminal,
  startEvent,
  step,
  type Decision,
  type DeliveryEnvironment,
  type DeliveryState,
  type Outcome,
  type PlatformFault,
  type PlatformRules,
  type Regime,
  type ScheduledDelivery,
} from '../../models/index.js';

// ---------------------------------------------------------------------------------------------------
// Driver

type Step = Outcome | { readonly kind: 'redeliver' };

interface Run {
  /** Every delivery that happened, in order. */
  readonly deliveries: ScheduledDelivery[];
  /** The decision after each step (one per element of `steps`). */
  readonly decisions: Decision[];
  /** When each delivery ended. */
  readonly endedAt: number[];
  readonly state: DeliveryState;
  readonly env: DeliveryEnvironment;
}

interface DriveOptions {
  readonly regime?: Regime;
  readonly rules?: Partial<PlatformRules>;
  readonly payloadBytes?: number;
  /** How long each delivery runs, in ms. */
  readonly durationMs?: number;
  readonly sendsRetentionWindow?: boolean;
}

const envOf = (opts: DriveOptions = {}): DeliveryEnvironment => ({
  regime: opts.regime ?? 'product-event',
  rules: { ...DEFAULT_PLATFORM_RULES, ...opts.rules },
  payloadBytes: opts.payloadBytes ?? 100,
  enqueuedAt: VIRTUAL_EPOCH,
  ...(opts.sendsRetentionWindow !== undefined ? { sendsRetentionWindow: opts.sendsRetentionWindow } : {}),
});

/** Feeds `steps` to the model, one delivery (or redelivery) each. */
const drive = (steps: readonly Step[], opts: DriveOptions = {}): Run => {
  const env = envOf(opts);
  const duration = opts.durationMs ?? 1000;
  let state = startEvent(env);
  const deliveries: ScheduledDelivery[] = [];
  const decisions: Decision[] = [];
  const endedAt: number[] = [];
  for (const s of steps) {
    if (s.kind === 'redeliver') {
      const t = state.kind === 'scheduled' ? state.next.at : state.at;
      ({ state } = applyStep(state, { kind: 'redeliver', at: at(t + 60_000) }, env, decisions));
      continue;
    }
    if (state.kind !== 'scheduled') throw new Error(`drive: step ${s.kind} given to a ${state.kind} event`);
    deliveries.push(state.next);
    const end = at(state.next.at + duration);
    endedAt.push(end);
    ({ state } = applyStep(state, { kind: 'delivered', outcome: s, endedAt: end }, env, decisions));
  }
  return { deliveries, decisions, endedAt, state, env };
};

const applyStep = (state: DeliveryState, input: Parameters<typeof step>[1], env: DeliveryEnvironment, decisions: Decision[]): { state: DeliveryState } => {
  const t = step(state, input, env);
  decisions.push(t.decision);
  return { state: t.state };
};

const last = <T>(xs: readonly T[]): T => {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error('empty');
  return x;
};

/** The decision after the last step, narrowed to `kind`. */
const lastDecision = <K extends Decision['kind']>(run: Run, kind: K): Extract<Decision, { kind: K }> => {
  const d = last(run.decisions);
  expect(d.kind, `decision ${JSON.stringify(d)}`).toBe(kind);
  return d as Extract<Decision, { kind: K }>;
};

/** The delay between the end of the last delivery and the retry it led to, in ms. */
const lastDelayMs = (run: Run): number => lastDecision(run, 'retry').next.at - last(run.endedAt);

// Outcomes

const ok: Outcome = { kind: 'success', value: true };
/** A retry request of exactly this shape, not passed through the SDK. */
const request = (retryOptions: Record<string, unknown>): Outcome => classifyReturn({ _retry: true, retryOptions });
const retry = (retryAfter: unknown = 1, extra: Record<string, unknown> = {}): Outcome =>
  request({ retryAfter, retryReason: 'FUNCTION_RETRY_REQUEST', ...extra });
const withData = (retryData: unknown): Outcome => retry(1, { retryData });
const fault = (f: PlatformFault): Outcome => ({ kind: 'platform-fault', fault: f });
const thrown: Outcome = { kind: 'thrown', error: new Error('boom') };
const legacy: Outcome = { kind: 'legacy-retry' };
const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

// ---------------------------------------------------------------------------------------------------

describe('product events: the four-retry cap (Atlassian: "a maximum of four times")', () => {
  it('the first delivery carries no retryContext and happens at enqueue time', () => {
    const run = drive([ok]);
    expect(run.deliveries[0]).toEqual({ number: 1, kind: 'first', at: VIRTUAL_EPOCH });
    expect(run.state.kind).toBe('completed');
  });

  it('drops the event when a fifth retry is requested', () => {
    const run = drive(times(5, retry()));
    expect(run.deliveries).toHaveLength(5);
    const drop = lastDecision(run, 'drop');
    expect(drop.reason).toBe('retry-cap-reached');
    expect(drop.assumptions).toContain('finalRetryRequest');
    expect(run.state).toMatchObject({ kind: 'dropped', reason: 'retry-cap-reached' });
  });

  it('retryCount is 1 on the first retry and 4 on the last', () => {
    const run = drive([...times(4, retry()), ok]);
    expect(run.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2, 3, 4]);
    expect(run.state.kind).toBe('completed');
  });

  it('an event gets at most 5 deliveries when only the app requests retries', () => {
    const run = drive(times(5, retry()));
    expect(run.state.counters).toMatchObject({ deliveries: 5, appRetries: 4, platformRetries: 0, retryCount: 4 });
  });

  it('the maxRetries override changes the cap', () => {
    const run = drive(times(3, retry()), { rules: { maxRetries: 2 } });
    expect(lastDecision(run, 'drop').reason).toBe('retry-cap-reached');
    expect(run.deliveries).toHaveLength(3);
  });
});

describe('product events: what a retry carries (Atlassian: "populated with the same values")', () => {
  it('retryReason and retryData arrive as the app gave them', () => {
    const run = drive([
      request({ retryAfter: 5, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { userName: 'john', page: 2 } }),
      request({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { nested: { list: [1, 'a', null] } } }),
      ok,
    ]);
    expect(run.deliveries[1]?.retryContext).toEqual({
      retryCount: 1,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      retryData: { userName: 'john', page: 2 },
    });
    expect(run.deliveries[2]?.retryContext).toEqual({
      retryCount: 2,
      retryReason: 'FUNCTION_RETRY_REQUEST',
      retryData: { nested: { list: [1, 'a', null] } },
    });
  });

  it('a retry without retryData has no retryData key', () => {
    const run = drive([retry(), ok]);
    expect(run.deliveries[1]?.retryContext).not.toHaveProperty('retryData');
  });

  it('retryData: undefined is the same as no retryData', () => {
    const run = drive([withData(undefined), ok]);
    expect(run.deliveries[1]?.retryContext).not.toHaveProperty('retryData');
  });

  it('retryData of the earlier retry is not repeated on a later retry without it', () => {
    const run = drive([withData({ a: 1 }), retry(), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toEqual({ a: 1 });
    expect(run.deliveries[2]?.retryContext).not.toHaveProperty('retryData');
  });
});

describe('retryAfter (docs/platform.md "maxRetryAfterSeconds")', () => {
  it('retryAfter 0 is delivered after 1 s', () => {
    const run = drive([retry(0)]);
    expect(lastDelayMs(run)).toBe(1000);
    expect(lastDecision(run, 'retry').notes.join()).toMatch(/raised/);
  });

  it('a negative retryAfter is delivered after 1 s', () => {
    expect(lastDelayMs(drive([retry(-30)]))).toBe(1000);
  });

  it('retryAfter 3600 is lowered to 900 s', () => {
    const run = drive([retry(3600)]);
    expect(lastDelayMs(run)).toBe(900_000);
    expect(lastDecision(run, 'retry').notes.join()).toMatch(/lowered to 900/);
  });

  it('retryAfter 900 is delivered after exactly 900 s', () => {
    const run = drive([retry(900)]);
    expect(lastDelayMs(run)).toBe(900_000);
    expect(lastDecision(run, 'retry').notes).toEqual([]);
  });

  it('fractional retryAfter 1.5 is delivered after 1.5 s', () => {
    expect(lastDelayMs(drive([retry(1.5)]))).toBe(1500);
  });

  it('NaN retryAfter uses the invalidRetryAfterSeconds assumption', () => {
    const run = drive([retry(Number.NaN)]);
    expect(lastDelayMs(run)).toBe(DEFAULT_PLATFORM_RULES.invalidRetryAfterSeconds * 1000);
    expect(lastDecision(run, 'retry').assumptions).toContain('invalidRetryAfterSeconds');
    expect(lastDelayMs(drive([retry(Number.NaN)], { rules: { invalidRetryAfterSeconds: 30 } }))).toBe(30_000);
  });

  it('a string retryAfter (e.g. "120") uses the invalidRetryAfterSeconds assumption', () => {
    const run = drive([retry('120')], { rules: { invalidRetryAfterSeconds: 7 } });
    expect(lastDelayMs(run)).toBe(7000);
    expect(lastDecision(run, 'retry').assumptions).toContain('invalidRetryAfterSeconds');
  });

  it('Infinity retryAfter, which JSON turns into null like NaN, uses the invalidRetryAfterSeconds assumption', () => {
    const run = drive([retry(Number.POSITIVE_INFINITY)], { rules: { invalidRetryAfterSeconds: 7 } });
    expect(lastDelayMs(run)).toBe(7000);
    expect(lastDecision(run, 'retry').assumptions).toContain('invalidRetryAfterSeconds');
  });

  it('a missing retryAfter uses the invalidRetryAfterSeconds assumption', () => {
    const run = drive([request({ retryReason: 'FUNCTION_RETRY_REQUEST' })], { rules: { invalidRetryAfterSeconds: 3 } });
    expect(lastDelayMs(run)).toBe(3000);
  });

  it('a valid retryAfter rests on no assumption', () => {
    expect(lastDecision(drive([retry(5)]), 'retry').assumptions).toEqual([]);
  });
});

describe('retryData crosses the platform as JSON', () => {
  it('a Date in retryData arrives as an ISO string', () => {
    const run = drive([withData({ since: new Date(Date.UTC(2024, 5, 1)) }), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toEqual({ since: '2024-06-01T00:00:00.000Z' });
  });

  it('undefined members of retryData vanish', () => {
    const run = drive([withData({ a: 1, b: undefined, c: { d: undefined } }), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toStrictEqual({ a: 1, c: {} });
  });

  it('undefined in a retryData array arrives as null', () => {
    const run = drive([withData({ list: [1, undefined] }), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toStrictEqual({ list: [1, null] });
  });

  it('Map and Set arrive as {}', () => {
    const run = drive([withData({ m: new Map([['k', 1]]), s: new Set([1, 2]) }), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toStrictEqual({ m: {}, s: {} });
  });

  it('a class instance in retryData arrives as a plain object', () => {
    class Cursor {
      constructor(readonly page: number) {}
    }
    const run = drive([withData({ cursor: new Cursor(3) }), ok]);
    const data = run.deliveries[1]?.retryContext?.retryData as { cursor: object };
    expect(data).toStrictEqual({ cursor: { page: 3 } });
    expect(Object.getPrototypeOf(data.cursor)).toBe(Object.prototype);
  });

  it('a BigInt in retryData drops the event as unserialisable', () => {
    const run = drive([withData({ id: 10n })]);
    expect(lastDecision(run, 'drop').reason).toBe('retry-data-unserialisable');
  });

  it('a top-level BigInt retryData drops the event as unserialisable (the runtime cannot serialise the return value)', () => {
    const run = drive([withData(10n)]);
    expect(lastDecision(run, 'drop').reason).toBe('retry-data-unserialisable');
  });

  it('a cycle in retryData drops the event as unserialisable', () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = data;
    expect(lastDecision(drive([withData(data)]), 'drop').reason).toBe('retry-data-unserialisable');
  });

  it('the delivered retryData is a fresh copy, not the object the app returned', () => {
    const data = { a: { b: 1 } };
    const run = drive([withData(data), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toEqual(data);
    expect(run.deliveries[1]?.retryContext?.retryData).not.toBe(data);
  });
});

describe('retryData limits', () => {
  /** `{"s":"…"}` is 8 bytes plus the string. */
  const ofBytes = (n: number, ch = 'x'): { s: string } => ({ s: ch.repeat(n - 8) });

  it('retryData over 4 KB drops the event (assumption oversizedRetryData)', () => {
    const run = drive([withData(ofBytes(4097))]);
    const drop = lastDecision(run, 'drop');
    expect(drop.reason).toBe('retry-data-too-large');
    expect(drop.assumptions).toContain('oversizedRetryData');
  });

  it('retryData of exactly 4096 bytes is sent', () => {
    const run = drive([withData(ofBytes(4096)), ok]);
    expect(run.deliveries[1]?.retryContext?.retryData).toEqual(ofBytes(4096));
  });

  it('retryData size is counted in UTF-8 bytes', () => {
    expect(lastDecision(drive([withData({ s: 'é'.repeat(2044) })]), 'retry').next.retryContext).toHaveProperty('retryData');
    expect(lastDecision(drive([withData({ s: 'é'.repeat(2045) })]), 'drop').reason).toBe('retry-data-too-large');
  });

  it('oversizedRetryData: omit-data retries without the retryData', () => {
    const run = drive([withData(ofBytes(5000)), ok], { rules: { oversizedRetryData: 'omit-data' } });
    expect(run.deliveries[1]?.retryContext).not.toHaveProperty('retryData');
    expect(run.decisions[0]).toMatchObject({ kind: 'retry', assumptions: expect.arrayContaining(['oversizedRetryData']) });
  });

  it('non-object retryData is not sent (ECO-734)', () => {
    for (const data of ['text', 42, true, null, [1, 2]]) {
      const run = drive([withData(data), ok]);
      expect(run.deliveries[1]?.retryContext, JSON.stringify(data)).not.toHaveProperty('retryData');
      expect(run.decisions[0]?.kind).toBe('retry');
      expect((run.decisions[0] as Extract<Decision, { kind: 'retry' }>).notes.join()).toMatch(/not an object/);
    }
  });

  it('a top-level Date retryData, which arrives as a string, is not sent (ECO-734)', () => {
    const run = drive([withData(new Date(0)), ok]);
    expect(run.deliveries[1]?.retryContext).not.toHaveProperty('retryData');
  });

  it('nonObjectRetryData is an assumption (ECO-734 is marked fixed) and send-data sends the value as JSON', () => {
    const omitted = drive([withData('text'), ok]);
    expect(omitted.decisions[0]).toMatchObject({ assumptions: ['nonObjectRetryData'] });
    for (const data of ['text', 42, true, null, [1, 2]]) {
      const run = drive([withData(data), ok], { rules: { nonObjectRetryData: 'send-data' } });
      expect(run.deliveries[1]?.retryContext?.retryData, JSON.stringify(data)).toEqual(data);
      expect(run.decisions[0]).toMatchObject({ assumptions: ['nonObjectRetryData'] });
    }
    const date = drive([withData(new Date(0)), ok], { rules: { nonObjectRetryData: 'send-data' } });
    expect(date.deliveries[1]?.retryContext?.retryData).toBe('1970-01-01T00:00:00.000Z');
  });

  it('nonObjectRetryData: drop-event drops the event instead', () => {
    const run = drive([withData('text')], { rules: { nonObjectRetryData: 'drop-event' } });
    expect(lastDecision(run, 'drop').reason).toBe('retry-data-not-an-object');
  });

  it('async events: payload + retryData over 200 KB drops (ECO-759)', () => {
    // `{"a":1}` is 7 bytes.
    for (const regime of ['async-event', 'resolver-consumer'] as const) {
      const run = drive([withData({ a: 1 })], { regime, payloadBytes: 204_800 - 7 + 1 });
      expect(lastDecision(run, 'drop').reason).toBe('payload-too-large');
    }
  });

  it('async events: payload + retryData of exactly 200 KB is retried', () => {
    const run = drive([withData({ a: 1 }), ok], { regime: 'async-event', payloadBytes: 204_800 - 7 });
    expect(run.deliveries[1]?.retryContext?.retryData).toEqual({ a: 1 });
  });

  it('product events: the 200 KB rule is an async-events rule and does not apply', () => {
    const run = drive([withData({ a: 1 }), ok], { payloadBytes: 204_800 });
    expect(run.deliveries[1]?.retryContext?.retryData).toEqual({ a: 1 });
  });
});

describe('product events: platform retries (Atlassian: "2. Retry for platform level errors")', () => {
  it('a timeout is retried by the platform with FUNCTION_TIME_OUT and without retryData', () => {
    const run = drive([withData({ a: 1 }), fault('timeout'), ok]);
    const retried = run.deliveries[2];
    expect(retried?.kind).toBe('platform-retry');
    expect(retried?.retryContext).toEqual({ retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' });
    expect(run.decisions[1]).toMatchObject({ assumptions: expect.arrayContaining(['platformRetryCarriesRetryData']) });
  });

  it('OOM is retried by the platform with FUNCTION_OUT_OF_MEMORY and without retryData', () => {
    const run = drive([withData({ a: 1 }), fault('out-of-memory'), ok]);
    expect(run.deliveries[2]?.retryContext).toEqual({ retryCount: 1, retryReason: 'FUNCTION_OUT_OF_MEMORY' });
  });

  it('every platform fault is retried with its own reason', () => {
    for (const [f, reason] of Object.entries(PLATFORM_FAULTS)) {
      const run = drive([fault(f as PlatformFault), ok]);
      expect(run.deliveries[1]).toMatchObject({ kind: 'platform-retry', retryContext: { retryCount: 0, retryReason: reason } });
    }
  });

  it('platformRetryCarriesRetryData: true carries the previous retryData onto the platform retry', () => {
    const run = drive([withData({ a: 1 }), fault('timeout'), ok], { rules: { platformRetryCarriesRetryData: true } });
    expect(run.deliveries[2]?.retryContext).toEqual({ retryCount: 1, retryReason: 'FUNCTION_TIME_OUT', retryData: { a: 1 } });
  });

  it('platform retries do not count toward the cap by default (retryCount counts app requests) and the override shares one counter', () => {
    const apart = drive([...times(4, fault('timeout')), ...times(4, retry()), ok]);
    expect(apart.deliveries).toHaveLength(9);
    expect(apart.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 0, 0, 0, 0, 1, 2, 3, 4]);
    expect(apart.state.kind).toBe('completed');
    expect(apart.decisions[0]).toMatchObject({ assumptions: expect.arrayContaining(['platformRetriesCountTowardCap']) });

    const shared = drive([fault('timeout'), fault('out-of-memory'), retry(), retry(), retry()], { rules: { platformRetriesCountTowardCap: true } });
    expect(shared.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2, 3, 4]);
    expect(lastDecision(shared, 'drop').reason).toBe('retry-cap-reached');
  });

  it('a timeout on the last permitted retry is still retried by default, and drops the event with one shared counter', () => {
    const byDefault = drive([...times(4, retry()), fault('timeout'), ok]);
    expect(byDefault.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2, 3, 4, 4]);
    const run = drive([...times(4, retry()), fault('timeout')], { rules: { platformRetriesCountTowardCap: true } });
    const drop = lastDecision(run, 'drop');
    expect(drop.reason).toBe('retry-cap-reached');
    expect(drop.assumptions).toContain('platformRetriesCountTowardCap');
  });

  it('with platform retries apart from the cap, maxPlatformRetries bounds them', () => {
    const run = drive(times(5, fault('timeout')), { rules: { platformRetriesCountTowardCap: false, maxPlatformRetries: 4 } });
    const drop = lastDecision(run, 'drop');
    expect(drop.reason).toBe('platform-retries-exhausted');
    expect(drop.assumptions).toEqual(expect.arrayContaining(['platformRetriesCountTowardCap', 'maxPlatformRetries']));
  });

  it('the platform backs off exponentially from 60 s (assumption platformBackoff)', () => {
    const run = drive([...times(4, fault('timeout')), ok]);
    const delays = run.deliveries.slice(1).map((d, i) => d.at - (run.endedAt[i] ?? 0));
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(run.decisions[0]).toMatchObject({ assumptions: expect.arrayContaining(['platformBackoff']) });
  });

  it('a platform retry never comes sooner than 1 s, even with a zero backoff', () => {
    const run = drive([...times(2, fault('timeout')), ok], { rules: { platformBackoff: { initialSeconds: 0, factor: 2, maxSeconds: 0 } } });
    const delays = run.deliveries.slice(1).map((d, i) => d.at - (run.endedAt[i] ?? 0));
    expect(delays).toEqual([1000, 1000]);
  });

  it('a thrown product-event handler drops the event by default (FUNCTION_ERR) and retried-as-platform-error overrides', () => {
    const byDefault = drive([thrown]);
    const drop = lastDecision(byDefault, 'drop');
    expect(drop.reason).toBe('handler-threw');
    expect(drop.assumptions).toEqual(['productThrownError']);

    const retried = drive([thrown, ok], { rules: { productThrownError: 'retried-as-platform-error' } });
    expect(retried.deliveries[1]).toMatchObject({
      kind: 'platform-retry',
      retryContext: { retryCount: 0, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' },
    });
    expect(retried.decisions[0]).toMatchObject({ assumptions: expect.arrayContaining(['productThrownError']) });
  });

  it('product events carry no retentionWindow', () => {
    const run = drive([retry(), fault('timeout'), ok]);
    for (const d of run.deliveries.slice(1)) expect(d.retryContext).not.toHaveProperty('retentionWindow');
  });
});

describe('legacy retry shape (QueueResponse.retry())', () => {
  it('a legacy {_retry:true} is treated as the SDK defaults', () => {
    expect(classifyReturn({ _retry: true })).toEqual({ kind: 'legacy-retry' });
    const run = drive([legacy, ok]);
    expect(run.deliveries[1]?.at).toBe((run.endedAt[0] ?? 0) + 1000);
    expect(run.deliveries[1]).toMatchObject({ kind: 'app-retry', retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } });
    expect(run.deliveries[1]?.retryContext).not.toHaveProperty('retryData');
    expect(run.decisions[0]).toMatchObject({ assumptions: ['legacyRetry'] });
  });

  it('QueueResponse.retry() from the real @forge/events is a legacy retry', () => {
    const response = new QueueResponse();
    response.retry();
    expect(classifyReturn(response)).toEqual({ kind: 'legacy-retry' });
    expect(classifyReturn(new QueueResponse()).kind).toBe('success');
  });

  it('legacyRetry: success completes the event', () => {
    const run = drive([legacy], { rules: { legacyRetry: 'success' } });
    expect(lastDecision(run, 'complete').assumptions).toEqual(['legacyRetry']);
  });

  it('a legacy retry counts toward the four and is dropped on the fifth', () => {
    const run = drive(times(5, legacy));
    expect(lastDecision(run, 'drop').assumptions).toEqual(['legacyRetry', 'finalRetryRequest']);
  });
});

describe('async events (events v2)', () => {
  const async = { regime: 'async-event' } as const;

  it('async events: no four-retry cap', () => {
    const run = drive([...times(10, retry()), ok], async);
    expect(run.deliveries).toHaveLength(11);
    expect(last(run.deliveries).retryContext?.retryCount).toBe(10);
    expect(run.state.kind).toBe('completed');
  });

  it('async events: retention window 24 h drops', () => {
    // Each delivery takes 1 s and asks for 900 s: delivery k+1 is at k * 901 s; 95 * 901 <= 86 400 < 96 * 901.
    const run = drive(times(96, retry(900)), async);
    expect(run.deliveries).toHaveLength(96);
    expect(last(run.deliveries).at - VIRTUAL_EPOCH).toBe(95 * 901_000);
    const drop = lastDecision(run, 'drop');
    expect(drop.reason).toBe('retention-window-exceeded');
    // The drop is recorded when the last delivery ended, not at the retry that will never happen.
    expect(run.state).toMatchObject({ kind: 'dropped', at: VIRTUAL_EPOCH + 95 * 901_000 + 1000 });
    expect(drop.detail).toContain(`${96 * 901_000} ms after enqueue`);
  });

  it('async events: a retry due exactly at the end of the retention window is still delivered', () => {
    const run = drive([retry(900), ok], { ...async, rules: { retentionWindowMs: 901_000 } });
    expect(run.deliveries[1]?.retryContext?.retentionWindow?.remainingTimeMs).toBe(0);
    expect(run.state.kind).toBe('completed');
  });

  it('async events: platform rate limit does not increment retryCount', () => {
    const run = drive([retry(), fault('platform-rate-limited'), fault('platform-unknown-error'), ok], async);
    expect(run.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 1, 1]);
    expect(run.deliveries[2]?.retryContext?.retryReason).toBe('FUNCTION_PLATFORM_RATE_LIMITED');
    expect(run.deliveries[3]?.retryContext?.retryReason).toBe('FUNCTION_PLATFORM_UNKNOWN_ERROR');
  });

  it('async events: timeouts and OOM are app-level errors, retried, and increment retryCount', () => {
    const run = drive([fault('timeout'), fault('out-of-memory'), ok], async);
    expect(run.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2]);
    expect(run.deliveries.map((d) => d.retryContext?.retryReason)).toEqual([undefined, 'FUNCTION_TIME_OUT', 'FUNCTION_OUT_OF_MEMORY']);
  });

  it('async events: thrown errors retried and increment retryCount', () => {
    const run = drive([thrown, thrown, ok], async);
    expect(run.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2]);
    expect(run.deliveries[1]?.retryContext?.retryReason).toBe(DEFAULT_PLATFORM_RULES.thrownErrorRetryReason);
    expect(run.decisions[0]).toMatchObject({ assumptions: expect.arrayContaining(['thrownErrorRetryReason']) });

    const overridden = drive([thrown, ok], { ...async, rules: { thrownErrorRetryReason: 'FUNCTION_RETRY_REQUEST' } });
    expect(overridden.deliveries[1]?.retryContext?.retryReason).toBe('FUNCTION_RETRY_REQUEST');
  });

  it('async events: retentionWindow.startTime/remainingTimeMs correct', () => {
    const run = drive([retry(10), fault('timeout'), ok], async);
    const deadline = VIRTUAL_EPOCH + 24 * 3600 * 1000;
    expect(run.deliveries[1]?.retryContext?.retentionWindow).toEqual({
      startTime: '2025-01-01T00:00:00.000Z',
      remainingTimeMs: deadline - (VIRTUAL_EPOCH + 11_000),
    });
    const third = run.deliveries[2];
    expect(third?.retryContext?.retentionWindow).toEqual({ startTime: '2025-01-01T00:00:00.000Z', remainingTimeMs: deadline - (third?.at ?? 0) });
  });

  it('async events: the platform backoff is capped at 900 s (about 15 minutes)', () => {
    const run = drive([...times(6, fault('platform-rate-limited')), ok], async);
    const delays = run.deliveries.slice(1).map((d, i) => d.at - (run.endedAt[i] ?? 0));
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
  });
});

describe('resolver-style consumers (events v1, docs/platform.md#resolverconsumermaxretries)', () => {
  const v1 = { regime: 'resolver-consumer' } as const;

  it('are retried at most four times: a fifth retry request drops the event', () => {
    const run = drive(times(5, retry()), v1);
    expect(run.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2, 3, 4]);
    expect(lastDecision(run, 'drop').detail).toBe('retry requested on retryCount 4; at most 4 retries are allowed');
  });

  it('thrown errors and timeouts count toward the four; platform-level errors do not', () => {
    const run = drive([thrown, fault('timeout'), fault('platform-rate-limited'), retry(), retry(), thrown], v1);
    expect(run.deliveries.map((d) => d.retryContext?.retryCount)).toEqual([undefined, 1, 2, 2, 3, 4]);
    expect(lastDecision(run, 'drop').reason).toBe('retry-cap-reached');
  });

  it('resolverConsumerMaxRetries changes the cap', () => {
    expect(lastDecision(drive(times(3, retry()), { ...v1, rules: { resolverConsumerMaxRetries: 2 } }), 'drop').reason).toBe('retry-cap-reached');
  });
});

describe('the retention window (docs/platform.md#retentionwindowms)', () => {
  it('is optional on async retries: a scenario may leave it out', () => {
    const run = drive([retry(), fault('timeout'), ok], { regime: 'async-event', sendsRetentionWindow: false });
    for (const d of run.deliveries.slice(1)) expect(d.retryContext).not.toHaveProperty('retentionWindow');
  });

  it('extends by degradedRetentionWindowMs when the platform retries its own errors', () => {
    const rules = { retentionWindowMs: 30_000, degradedRetentionWindowMs: 120_000, platformBackoff: { initialSeconds: 60, factor: 1, maxSeconds: 60 } };
    const degraded = drive([fault('platform-unknown-error'), ok], { regime: 'async-event', rules });
    expect(degraded.deliveries).toHaveLength(2);
    expect(degraded.decisions[0]).toMatchObject({ assumptions: expect.arrayContaining(['degradedRetentionWindowMs']) });
    const appLevel = drive([fault('timeout')], { regime: 'async-event', rules });
    expect(lastDecision(appLevel, 'drop').reason).toBe('retention-window-exceeded');
    const none = drive([fault('platform-unknown-error')], { regime: 'async-event', rules: { ...rules, degradedRetentionWindowMs: 0 } });
    expect(lastDecision(none, 'drop').detail).toMatch(/closed by platform errors: kept, no longer retried automatically/);
  });
});

describe('at-least-once delivery', () => {
  it('a duplicate delivery repeats the last retryContext', () => {
    const run = drive([withData({ a: 1 }), ok, { kind: 'redeliver' }, ok]);
    const [, second, duplicate] = run.deliveries;
    expect(duplicate?.kind).toBe('duplicate');
    expect(duplicate?.number).toBe(3);
    expect(duplicate?.retryContext).toEqual(second?.retryContext);
    expect(run.state.kind).toBe('completed');
  });

  it('a duplicate of the first delivery has no retryContext', () => {
    const run = drive([ok, { kind: 'redeliver' }, ok]);
    expect(run.deliveries[1]).toMatchObject({ kind: 'duplicate', number: 2 });
    expect(run.deliveries[1]).not.toHaveProperty('retryContext');
  });

  it('a duplicate does not reset the four-retry cap', () => {
    const run = drive([...times(4, retry()), ok, { kind: 'redeliver' }, retry()]);
    expect(lastDecision(run, 'drop').reason).toBe('retry-cap-reached');
  });
});

describe('model misuse', () => {
  const env = envOf();
  const completed = drive([ok]).state;
  const dropped = drive([thrown]).state;
  const delivered = { kind: 'delivered', outcome: ok, endedAt: at(VIRTUAL_EPOCH + 1) } as const;

  it('misusing the model (delivering to a completed event) throws ModelMisuseError', () => {
    expect(() => step(completed, delivered, env)).toThrow(ModelMisuseError);
  });

  it('delivering to or redelivering a dropped event throws ModelMisuseError', () => {
    expect(() => step(dropped, delivered, env)).toThrow(ModelMisuseError);
    expect(() => step(dropped, { kind: 'redeliver', at: at(VIRTUAL_EPOCH) }, env)).toThrow(ModelMisuseError);
  });

  it('redelivering a delivery that has not happened yet throws ModelMisuseError', () => {
    expect(() => step(startEvent(env), { kind: 'redeliver', at: at(VIRTUAL_EPOCH) }, env)).toThrow(ModelMisuseError);
  });

  it('isTerminal is true exactly for completed and dropped', () => {
    expect(isTerminal(startEvent(env))).toBe(false);
    expect(isTerminal(completed)).toBe(true);
    expect(isTerminal(dropped)).toBe(true);
  });

  const misuse = (f: () => unknown): ModelMisuseError => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelMisuseError);
      return error as ModelMisuseError;
    }
    throw new Error('expected ModelMisuseError');
  };
  const deliveredAt = (endedAt: number) => ({ kind: 'delivered', outcome: ok, endedAt: at(endedAt) }) as const;

  it('a delivery cannot end before it starts', () => {
    const error = misuse(() => step(startEvent(env), deliveredAt(VIRTUAL_EPOCH - 1), env));
    expect(error.name).toBe('ModelMisuseError');
    expect(error.message).toBe(`forge-retry-harness model: delivery 1 cannot end (${VIRTUAL_EPOCH - 1}) before it starts (${VIRTUAL_EPOCH})`);
  });

  it('a delivery may end the instant it starts', () => {
    expect(step(startEvent(env), deliveredAt(VIRTUAL_EPOCH), env).decision.kind).toBe('complete');
  });

  it('a redelivery cannot come before the event completed, but may come the same instant', () => {
    if (completed.kind !== 'completed') throw new Error('expected completed');
    const error = misuse(() => step(completed, { kind: 'redeliver', at: at(completed.at - 1) }, env));
    expect(error.message).toBe(`forge-retry-harness model: a redelivery (${completed.at - 1}) cannot come before the event completed (${completed.at})`);
    expect(step(completed, { kind: 'redeliver', at: completed.at }, env).decision.kind).toBe('redeliver');
  });

  it('each impossible input names its own reason', () => {
    expect(misuse(() => step(startEvent(env), { kind: 'redeliver', at: at(VIRTUAL_EPOCH) }, env)).message).toBe(
      'forge-retry-harness model: a scheduled delivery cannot be redelivered before it happens',
    );
    expect(misuse(() => step(completed, deliveredAt(VIRTUAL_EPOCH + 10_000), env)).message).toBe(
      'forge-retry-harness model: a completed event has no delivery scheduled',
    );
    expect(misuse(() => step(dropped, deliveredAt(VIRTUAL_EPOCH + 10_000), env)).message).toBe(
      'forge-retry-harness model: a dropped event has no delivery scheduled',
    );
    expect(misuse(() => step(dropped, { kind: 'redeliver', at: at(VIRTUAL_EPOCH + 10_000) }, env)).message).toBe(
      'forge-retry-harness model: a dropped event is not redelivered',
    );
  });
});

describe('what a report says about each decision', () => {
  it('a fifth app retry names the retryCount and the cap', () => {
    expect(lastDecision(drive(times(5, retry())), 'drop').detail).toBe('retry requested on retryCount 4; at most 4 retries are allowed');
  });

  it('a platform fault on the last permitted retry names the fault and the retryCount', () => {
    const shared = { rules: { platformRetriesCountTowardCap: true } };
    expect(lastDecision(drive([...times(4, retry()), fault('out-of-memory')], shared), 'drop').detail).toBe('out-of-memory on retryCount 4; no retry is left');
  });

  it('platform retries apart from the cap name how many there were', () => {
    const run = drive([fault('timeout'), fault('platform-unknown-error')], { rules: { platformRetriesCountTowardCap: false, maxPlatformRetries: 1 } });
    expect(lastDecision(run, 'drop').detail).toBe('platform-unknown-error after 1 platform retries');
  });

  it('a thrown product-event handler is reported as FUNCTION_ERR', () => {
    expect(lastDecision(drive([thrown]), 'drop').detail).toBe('the runtime reported FUNCTION_ERR');
  });

  it('retryData drops name the type, the error, or the sizes', () => {
    expect(lastDecision(drive([withData('text')], { rules: { nonObjectRetryData: 'drop-event' } }), 'drop').detail).toBe('retryData was string');
    expect(lastDecision(drive([withData({ n: 1n })]), 'drop').detail).toBe('JSON.stringify failed: Do not know how to serialize a BigInt');
    expect(lastDecision(drive([withData({ s: 'x'.repeat(5000) })]), 'drop').detail).toBe('retryData is 5008 bytes of JSON; the limit is 4096');
    expect(lastDecision(drive([withData({ a: 1 })], { regime: 'async-event', payloadBytes: 200 * 1024 }), 'drop').detail).toBe(
      'payload 204800 + retryData 7 bytes exceed 204800',
    );
  });

  it('omitted oversized retryData is noted on the retry', () => {
    const d = lastDecision(drive([withData({ s: 'x'.repeat(5000) })], { rules: { oversizedRetryData: 'omit-data' } }), 'retry');
    expect(d.notes).toEqual(['retryData (5008 bytes) not sent: over 4096 bytes']);
    expect(d.next.retryContext).not.toHaveProperty('retryData');
  });

  it('a platform retry makes no adjustment, so it has no notes', () => {
    for (const f of ['timeout', 'out-of-memory', 'platform-rate-limited', 'platform-unknown-error'] as const) {
      expect(lastDecision(drive([fault(f)]), 'retry').notes).toEqual([]);
    }
  });

  it('a redelivery decision is exactly { kind: "redeliver", next }', () => {
    const env = envOf();
    const t = step(drive([ok]).state, { kind: 'redeliver', at: at(VIRTUAL_EPOCH + 5000) }, env);
    expect(t.decision).toEqual({ kind: 'redeliver', next: { number: 2, kind: 'duplicate', at: VIRTUAL_EPOCH + 5000 } });
    expect(t.state).toMatchObject({ kind: 'scheduled', next: t.decision.kind === 'redeliver' ? t.decision.next : undefined });
  });

  it('describeDecision describes each kind of decision for the platform column of the timeline', () => {
    expect(describeDecision(last(drive([ok]).decisions))).toBe('marks the event done');
    expect(describeDecision(last(drive([retry()]).decisions))).toBe('schedules the requested retry as delivery 2, retryCount 1');
    expect(describeDecision(last(drive([retry(), retry(0)]).decisions))).toBe(
      'schedules the requested retry as delivery 3, retryCount 2 (retryAfter 0 raised to 1 s)',
    );
    expect(describeDecision(last(drive([fault('timeout')]).decisions))).toBe('retries on its own as delivery 2, retryCount 0');
    expect(describeDecision(last(drive([thrown]).decisions))).toBe('drops the event: the runtime reported FUNCTION_ERR');
    const redelivered = step(drive([ok]).state, { kind: 'redeliver', at: at(VIRTUAL_EPOCH + 5000) }, envOf()).decision;
    expect(describeDecision(redelivered)).toBe('delivers it again (at-least-once) as delivery 2');
  });

  it('describeDecision joins several notes with semicolons', () => {
    expect(describeDecision(last(drive([retry(5000, { retryData: 'text' })]).decisions))).toBe(
      'schedules the requested retry as delivery 2, retryCount 1 (retryAfter 5000 lowered to 900 s; retryData (string) not sent: it is not an object)',
    );
  });

  it('describeDecision says retryCount 0 for a retry whose context has none', () => {
    const d: Decision = { kind: 'retry', next: { number: 2, kind: 'platform-retry', at: VIRTUAL_EPOCH }, notes: [], assumptions: [] };
    expect(describeDecision(d)).toBe('retries on its own as delivery 2, retryCount 0');
  });
});

describe('classifyReturn and the real @forge/events 3.0.8', () => {
  it('new InvocationError() from the real @forge/events is recognised by shape, not instanceof', () => {
    const returned = new InvocationError({
      retryAfter: 30,
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      retryData: { userName: 'john' },
    });
    expect(returned instanceof InvocationError).toBe(false);
    expect(Object.getPrototypeOf(returned)).toBe(Object.prototype);
    expect(classifyReturn(returned)).toEqual({
      kind: 'app-retry',
      request: { retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { userName: 'john' }, hasRetryData: true },
    });
  });

  it('new InvocationError() with no argument is a retry after 1 s with FUNCTION_RETRY_REQUEST', () => {
    const run = drive([classifyReturn(new InvocationError()), ok]);
    expect(run.deliveries[1]?.at).toBe((run.endedAt[0] ?? 0) + 1000);
    expect(run.deliveries[1]?.retryContext).toEqual({ retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' });
  });

  it('InvocationError mutates retryAfter <= 0 to 1', () => {
    const options = { retryAfter: 0, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST };
    const returned = new InvocationError(options);
    expect(options.retryAfter).toBe(1);
    expect(classifyReturn(returned)).toMatchObject({ kind: 'app-retry', request: { retryAfter: 1 } });
    const negative = { retryAfter: -5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST };
    new InvocationError(negative);
    expect(negative.retryAfter).toBe(1);
  });

  it('InvocationError lets NaN through (it is not <= 0), and the model treats it as invalid', () => {
    const returned = new InvocationError({ retryAfter: Number.NaN, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    expect(returned.retryOptions.retryAfter).toBeNaN();
    const run = drive([classifyReturn(returned)]);
    expect(lastDecision(run, 'retry').assumptions).toContain('invalidRetryAfterSeconds');
  });

  it('the model knows every InvocationErrorCode of the real package', () => {
    const platformReasons = new Set(Object.values(PLATFORM_FAULTS));
    const appReasons = ['FUNCTION_UPSTREAM_RATE_LIMITED', 'FUNCTION_RETRY_REQUEST'];
    expect(new Set(Object.values(InvocationErrorCode))).toEqual(new Set([...platformReasons, ...appReasons]));
  });

  it('classifyReturn never throws on a Proxy whose traps throw', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('get');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('gOPD');
        },
        has: () => {
          throw new Error('has');
        },
        ownKeys: () => {
          throw new Error('ownKeys');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
      },
    );
    expect(() => classifyReturn(hostile)).not.toThrow();
    expect(classifyReturn(hostile)).toMatchObject({ kind: 'success' });
    expect(() => classifyReturn({ _retry: true, retryOptions: hostile })).not.toThrow();
  });

  it('classifyReturn never throws on getters that throw', () => {
    const value = {
      _retry: true,
      retryOptions: {
        get retryAfter(): number {
          throw new Error('getter');
        },
        retryReason: 'FUNCTION_RETRY_REQUEST',
      },
    };
    expect(() => classifyReturn(value)).not.toThrow();
    expect(classifyReturn(value).kind).toBe('app-retry');
  });

  it('retryOptions: undefined is the legacy shape, as JSON drops the key', () => {
    expect(classifyReturn({ _retry: true, retryOptions: undefined })).toEqual({ kind: 'legacy-retry' });
  });

  it('retryOptions that are not an object make a retry request without options', () => {
    const empty = { retryAfter: undefined, retryReason: undefined, retryData: undefined, hasRetryData: false };
    expect(classifyReturn({ _retry: true, retryOptions: null })).toEqual({ kind: 'app-retry', request: empty });
    expect(classifyReturn({ _retry: true, retryOptions: 'soon' })).toEqual({ kind: 'app-retry', request: empty });
  });

  it('hasRetryData is true only for an own, defined retryData', () => {
    const has = (retryOptions: object) => {
      const o = classifyReturn({ _retry: true, retryOptions });
      return o.kind === 'app-retry' && o.request.hasRetryData;
    };
    expect(has({ retryAfter: 1 })).toBe(false);
    expect(has({ retryAfter: 1, retryData: undefined })).toBe(false);
    expect(has(Object.create({ retryData: { inherited: true } }) as object)).toBe(false);
    expect(has({ retryAfter: 1, retryData: null })).toBe(true);
    expect(has({ retryAfter: 1, retryData: {} })).toBe(true);
  });

  it('anything but an own _retry: true is success', () => {
    for (const value of [undefined, null, true, 0, 'retry', [], {}, { _retry: false }, { _retry: 'true' }, Object.create({ _retry: true })]) {
      expect(classifyReturn(value).kind, String(value)).toBe('success');
    }
  });
});

describe('platform rule defaults', () => {
  it('documented rules have their documented values', () => {
    expect(DEFAULT_PLATFORM_RULES).toMatchObject({
      maxRetries: 4,
      maxRetryAfterSeconds: 900,
      minRetryAfterSeconds: 1,
      retentionWindowMs: 24 * 60 * 60 * 1000,
      maxRetryDataBytes: 4096,
      maxPayloadPlusRetryDataBytes: 200 * 1024,
      resolverConsumerMaxRetries: 4,
      productTimeoutSeconds: 25,
      asyncTimeoutSeconds: 55,
    });
  });

  const assumed: Record<(typeof ASSUMED_RULES)[number], unknown> = {
    platformRetriesCountTowardCap: false,
    requestLatency: 'generated',
    degradedRetentionWindowMs: 72 * 60 * 60 * 1000,
    nonObjectRetryData: 'omit-data',
    maxPlatformRetries: 4,
    platformRetryCarriesRetryData: false,
    finalRetryRequest: 'drop-event',
    productThrownError: 'not-retried',
    thrownErrorRetryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
    legacyRetry: 'default-options',
    invalidRetryAfterSeconds: 1,
    oversizedRetryData: 'drop-event',
    platformBackoff: { initialSeconds: 60, factor: 2, maxSeconds: 900 },
  };

  for (const [rule, value] of Object.entries(assumed)) {
    it(`U rule ${rule} defaults to ${JSON.stringify(value)} and is listed in ASSUMED_RULES`, () => {
      expect(DEFAULT_PLATFORM_RULES[rule as keyof PlatformRules]).toEqual(value);
      expect(ASSUMED_RULES).toContain(rule);
    });
  }

  it('ASSUMED_RULES lists exactly the U rules, and none of the documented ones', () => {
    expect([...ASSUMED_RULES].sort()).toEqual(Object.keys(assumed).sort());
  });

  it('the defaults cannot be changed in place', () => {
    expect(Object.isFrozen(DEFAULT_PLATFORM_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PLATFORM_RULES.platformBackoff)).toBe(true);
  });
});
