/**
 * The delivery state machine: the single source of truth for what the Forge platform does with one
 * event. `startEvent` schedules the first delivery; `step` takes what a delivery came to and decides:
 * finish, schedule a retry, or drop. Pure: no I/O, no clock, no globals.
 */
import { match } from 'ts-pattern';
import { PLATFORM_FAULTS, type PlatformFault, type RetryReason } from './codes.js';
import type {
  Decision,
  DeliveryCounters,
  DeliveryEnvironment,
  DeliveryInput,
  DeliveryState,
  DropReason,
  RetryContext,
  ScheduledDelivery,
  Transition,
} from './delivery-types.js';
import type { Outcome, RequestedRetry } from './outcome.js';
import { describeNormalisation, normaliseRetryAfter } from './retry-after.js';
import { transitRetryData } from './retry-data.js';
import type { AssumedRule } from './rules.js';
import { after, seconds, type VirtualMs } from './time.js';

/** Thrown when the model is driven with an input its state cannot take (a harness bug, not a finding). */
export class ModelMisuseError extends Error {
  override readonly name = 'ModelMisuseError';
}

/**
 * The state of an event that has just been produced: its first delivery is scheduled at `enqueuedAt`.
 *
 * @example
 * const state = startEvent({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, payloadBytes: 120, enqueuedAt: VIRTUAL_EPOCH });
 */
export const startEvent = (env: DeliveryEnvironment): DeliveryState => ({
  kind: 'scheduled',
  next: { number: 1, kind: 'first', at: env.enqueuedAt },
  counters: { deliveries: 0, appRetries: 0, platformRetries: 0, retryCount: 0 },
});

/**
 * One transition of the delivery state machine.
 *
 * @example
 * const { state, decision } = step(startEvent(env), { kind: 'delivered', outcome: { kind: 'success', value: true }, endedAt }, env);
 * decision.kind // 'complete'
 */
export const step = (state: DeliveryState, input: DeliveryInput, env: DeliveryEnvironment): Transition =>
  match([state, input] as const)
    .with([{ kind: 'scheduled' }, { kind: 'delivered' }], ([s, i]) =>
      i.endedAt < s.next.at ? misuse(`delivery ${s.next.number} cannot end (${i.endedAt}) before it starts (${s.next.at})`) : afterDelivery(s, i.outcome, i.endedAt, env))
    .with([{ kind: 'completed' }, { kind: 'redeliver' }], ([s, i]) =>
      i.at < s.at ? misuse(`a redelivery (${i.at}) cannot come before the event completed (${s.at})`) : redeliver(s.last, s.counters, i.at))
    .with([{ kind: 'scheduled' }, { kind: 'redeliver' }], () => misuse('a scheduled delivery cannot be redelivered before it happens'))
    .with([{ kind: 'completed' }, { kind: 'delivered' }], () => misuse('a completed event has no delivery scheduled'))
    .with([{ kind: 'dropped' }, { kind: 'delivered' }], () => misuse('a dropped event has no delivery scheduled'))
    .with([{ kind: 'dropped' }, { kind: 'redeliver' }], () => misuse('a dropped event is not redelivered'))
    .exhaustive();

/** True when the state is terminal (nothing more is scheduled). */
export const isTerminal = (state: DeliveryState): state is Exclude<DeliveryState, { kind: 'scheduled' }> =>
  state.kind !== 'scheduled';

const misuse = (why: string): never => {
  throw new ModelMisuseError(`forge-retry-harness model: ${why}`);
};

type Scheduled = Extract<DeliveryState, { kind: 'scheduled' }>;

const afterDelivery = (s: Scheduled, outcome: Outcome, endedAt: VirtualMs, env: DeliveryEnvironment): Transition => {
  const delivered = s.next;
  const counters: DeliveryCounters = { ...s.counters, deliveries: s.counters.deliveries + 1 };
  const complete = (assumptions: readonly AssumedRule[] = []): Transition => ({
    state: { kind: 'completed', at: endedAt, counters, last: delivered },
    decision: { kind: 'complete', assumptions },
  });
  return match(outcome)
    .with({ kind: 'success' }, () => complete())
    .with({ kind: 'app-retry' }, (o) => appRetry(delivered, counters, o.request, endedAt, env, []))
    .with({ kind: 'legacy-retry' }, () =>
      env.rules.legacyRetry === 'success'
        ? complete(['legacyRetry'])
        : appRetry(delivered, counters, LEGACY_REQUEST, endedAt, env, ['legacyRetry']),
    )
    .with({ kind: 'thrown' }, () => thrown(delivered, counters, endedAt, env))
    .with({ kind: 'platform-fault' }, (o) => platformRetry(delivered, counters, o.fault, endedAt, env, []))
    .exhaustive();
};

/** The SDK's DEFAULT_RETRY_OPTIONS, which the legacy `{ _retry: true }` is assumed to mean. */
const LEGACY_REQUEST: RequestedRetry = {
  retryAfter: 1,
  retryReason: 'FUNCTION_RETRY_REQUEST',
  retryData: undefined,
  hasRetryData: false,
};

const drop = (
  delivered: ScheduledDelivery,
  counters: DeliveryCounters,
  at: VirtualMs,
  reason: DropReason,
  detail: string,
  assumptions: readonly AssumedRule[],
): Transition => ({
  state: { kind: 'dropped', at, reason, counters, last: delivered },
  decision: { kind: 'drop', reason, detail, assumptions },
});

const appRetry = (
  delivered: ScheduledDelivery,
  counters: DeliveryCounters,
  request: RequestedRetry,
  endedAt: VirtualMs,
  env: DeliveryEnvironment,
  assumptions: AssumedRule[],
): Transition => {
  const { rules } = env;
  // Seed: "You can only retry an event for a maximum of four times"; what happens after is U.
  if (env.regime === 'product-event' && counters.retryCount >= rules.maxRetries) {
    return drop(delivered, counters, endedAt, 'retry-cap-reached',
      `retry requested on retryCount ${counters.retryCount}; at most ${rules.maxRetries} retries are allowed`,
      [...assumptions, 'finalRetryRequest']);
  }
  const notes: string[] = [];
  const delay = normaliseRetryAfter(request.retryAfter, rules);
  const note = describeNormalisation(delay);
  if (note !== undefined) notes.push(note);
  if (delay.kind === 'invalid') assumptions.push('invalidRetryAfterSeconds');

  // FORGE_FACTS.md "Limits on a retry request": retryData crosses the platform as JSON.
  let retryData: { present: false } | { present: true; value: unknown } = { present: false };
  const transit = transitRetryData(request.retryData, request.hasRetryData);
  switch (transit.kind) {
    case 'absent':
      break;
    case 'not-an-object':
      // ECO-734: retryData that is not an object is not sent.
      if (rules.nonObjectRetryData === 'drop-event') {
        return drop(delivered, counters, endedAt, 'retry-data-not-an-object', `retryData was ${transit.type}`, assumptions);
      }
      notes.push(`retryData (${transit.type}) not sent: it is not an object`);
      break;
    case 'unserialisable':
      return drop(delivered, counters, endedAt, 'retry-data-unserialisable', `JSON.stringify failed: ${transit.why}`, assumptions);
    case 'sent':
      if (transit.bytes > rules.maxRetryDataBytes) {
        assumptions.push('oversizedRetryData');
        if (rules.oversizedRetryData === 'drop-event') {
          return drop(delivered, counters, endedAt, 'retry-data-too-large',
            `retryData is ${transit.bytes} bytes of JSON; the limit is ${rules.maxRetryDataBytes}`, assumptions);
        }
        notes.push(`retryData (${transit.bytes} bytes) not sent: over ${rules.maxRetryDataBytes} bytes`);
        break;
      }
      // ECO-759: payload plus retryData over 200 KB may not be retried.
      if (env.payloadBytes + transit.bytes > rules.maxPayloadPlusRetryDataBytes) {
        return drop(delivered, counters, endedAt, 'payload-too-large',
          `payload ${env.payloadBytes} + retryData ${transit.bytes} bytes exceed ${rules.maxPayloadPlusRetryDataBytes}`, assumptions);
      }
      retryData = { present: true, value: transit.delivered };
      break;
  }

  const retryCount = counters.retryCount + 1;
  const at = after(endedAt, seconds(delay.seconds));
  const context: RetryContext = {
    retryCount,
    // Seed: "retryReason and retryData will be populated with the same values as were given".
    retryReason: jsonValue(request.retryReason),
    ...(retryData.present ? { retryData: retryData.value } : {}),
  };
  return schedule(delivered, { ...counters, appRetries: counters.appRetries + 1, retryCount }, 'app-retry', endedAt, at, context, notes, assumptions, env);
};

const thrown = (delivered: ScheduledDelivery, counters: DeliveryCounters, endedAt: VirtualMs, env: DeliveryEnvironment): Transition => {
  if (env.regime === 'async-event') {
    // FORGE_FACTS.md async consumers: thrown exceptions are app-level errors and are retried.
    return platformRetry(delivered, counters, 'thrown', endedAt, env, ['thrownErrorRetryReason']);
  }
  // U: whether a product event whose handler threw (FUNCTION_ERR) is retried.
  if (env.rules.productThrownError === 'not-retried') {
    return drop(delivered, counters, endedAt, 'handler-threw', 'the runtime reported FUNCTION_ERR', ['productThrownError']);
  }
  return platformRetry(delivered, counters, 'platform-unknown-error', endedAt, env, ['productThrownError']);
};

/** App-level errors of async events increment retryCount; platform-level ones do not (FORGE_FACTS.md). */
const ASYNC_APP_LEVEL: ReadonlySet<PlatformFault | 'thrown'> = new Set(['timeout', 'out-of-memory', 'thrown']);

const platformRetry = (
  delivered: ScheduledDelivery,
  counters: DeliveryCounters,
  fault: PlatformFault | 'thrown',
  endedAt: VirtualMs,
  env: DeliveryEnvironment,
  assumptions: AssumedRule[],
): Transition => {
  const { rules } = env;
  const reason: RetryReason = fault === 'thrown' ? rules.thrownErrorRetryReason : PLATFORM_FAULTS[fault];
  let retryCount = counters.retryCount;
  if (env.regime === 'product-event') {
    // U: whether platform retries use up the four retries.
    assumptions.push('platformRetriesCountTowardCap');
    if (rules.platformRetriesCountTowardCap) {
      if (counters.retryCount >= rules.maxRetries) {
        return drop(delivered, counters, endedAt, 'retry-cap-reached',
          `${describeFault(fault)} on retryCount ${counters.retryCount}; no retry is left`, assumptions);
      }
      retryCount += 1;
    } else if (counters.platformRetries >= rules.maxPlatformRetries) {
      assumptions.push('maxPlatformRetries');
      return drop(delivered, counters, endedAt, 'platform-retries-exhausted',
        `${describeFault(fault)} after ${counters.platformRetries} platform retries`, assumptions);
    }
  } else if (ASYNC_APP_LEVEL.has(fault)) {
    retryCount += 1;
  }
  // U: the platform's own backoff schedule (exponential, up to about 15 minutes).
  assumptions.push('platformBackoff');
  const { initialSeconds, factor, maxSeconds } = rules.platformBackoff;
  // Never sooner than the SDK's minimum: a zero backoff would let a failing event be redelivered
  // forever without time passing, and no retry window would ever close.
  const delaySeconds = Math.max(rules.minRetryAfterSeconds, Math.min(initialSeconds * factor ** counters.platformRetries, maxSeconds));
  // U: a platform retry is assumed not to carry the previous retryData.
  assumptions.push('platformRetryCarriesRetryData');
  const previousData = delivered.retryContext !== undefined && 'retryData' in delivered.retryContext
    ? { retryData: delivered.retryContext.retryData }
    : {};
  const context: RetryContext = {
    retryCount,
    retryReason: reason,
    ...(rules.platformRetryCarriesRetryData ? previousData : {}),
  };
  return schedule(delivered, { ...counters, platformRetries: counters.platformRetries + 1, retryCount },
    'platform-retry', endedAt, after(endedAt, seconds(delaySeconds)), context, [], assumptions, env);
};

const describeFault = (fault: PlatformFault | 'thrown'): string => (fault === 'thrown' ? 'a thrown error' : fault);

const schedule = (
  delivered: ScheduledDelivery,
  counters: DeliveryCounters,
  kind: 'app-retry' | 'platform-retry',
  endedAt: VirtualMs,
  at: VirtualMs,
  context: RetryContext,
  notes: readonly string[],
  assumptions: readonly AssumedRule[],
  env: DeliveryEnvironment,
): Transition => {
  let retryContext = context;
  if (env.regime === 'async-event') {
    // D: async events are retried until the retention window (24 h from enqueue) is exceeded.
    const deadline = env.enqueuedAt + env.rules.retentionWindowMs;
    if (at > deadline) {
      return drop(delivered, counters, endedAt, 'retention-window-exceeded',
        `the retry would be ${at - env.enqueuedAt} ms after enqueue; the window is ${env.rules.retentionWindowMs} ms`, assumptions);
    }
    retryContext = {
      ...context,
      retentionWindow: { startTime: new Date(env.enqueuedAt).toISOString(), remainingTimeMs: deadline - at },
    };
  }
  const next: ScheduledDelivery = { number: delivered.number + 1, kind, at, retryContext };
  return {
    state: { kind: 'scheduled', next, counters, last: delivered },
    decision: { kind: 'retry', next, notes, assumptions },
  };
};

const redeliver = (last: ScheduledDelivery, counters: DeliveryCounters, at: VirtualMs): Transition => {
  // D (EAP announcement): delivery is at least once; the same delivery may arrive again.
  const next: ScheduledDelivery = {
    number: last.number + 1,
    kind: 'duplicate',
    at,
    ...(last.retryContext !== undefined ? { retryContext: last.retryContext } : {}),
  };
  return { state: { kind: 'scheduled', next, counters, last }, decision: { kind: 'redeliver', next } };
};

/** A value as it arrives after the platform's JSON round trip (undefined when JSON drops it). */
const jsonValue = (value: unknown): unknown => {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
};

/** Exported for reports: the decision's one-line description. */
export const describeDecision = (decision: Decision): string =>
  match(decision)
    .with({ kind: 'complete' }, () => 'marks the event done')
    .with({ kind: 'retry' }, (d) =>
      `${d.next.kind === 'app-retry' ? 'schedules the requested retry' : 'retries on its own'} as delivery ${d.next.number}, retryCount ${d.next.retryContext?.retryCount ?? 0}` +
      (d.notes.length > 0 ? ` (${d.notes.join('; ')})` : ''))
    .with({ kind: 'drop' }, (d) => `drops the event: ${d.detail}`)
    .with({ kind: 'redeliver' }, (d) => `delivers it again (at-least-once) as delivery ${d.next.number}`)
    .exhaustive();
