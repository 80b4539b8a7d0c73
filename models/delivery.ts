/**
 * The delivery state machine: the single source of truth for what the Forge platform does with one
 * event. `startEvent` schedules the first delivery; `step` takes what a delivery came to and decides:
 * finish, schedule a retry, or drop. Pure: no I/O, no clock, no globals.
 */
import { match } from 'ts-pattern';
import { PLATFORM_FAULTS, isQueueRegime, retryCapOf, type PlatformFault, type RetryReason } from './codes.js';
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
import { describeNormalisation, normaliseRetryAfter, type NormalisedRetryAfter } from './retry-after.js';
import { transitRetryData } from './retry-data.js';
import type { AssumedRule, PlatformRules } from './rules.js';
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
      i.endedAt < s.next.at
        ? misuse(`delivery ${s.next.number} cannot end (${i.endedAt}) before it starts (${s.next.at})`)
        : afterDelivery(s, i.outcome, i.endedAt, env),
    )
    .with([{ kind: 'completed' }, { kind: 'redeliver' }], ([s, i]) =>
      i.at < s.at ? misuse(`a redelivery (${i.at}) cannot come before the event completed (${s.at})`) : redeliver(s.last, s.counters, i.at),
    )
    .with([{ kind: 'scheduled' }, { kind: 'redeliver' }], () => misuse('a scheduled delivery cannot be redelivered before it happens'))
    .with([{ kind: 'completed' }, { kind: 'delivered' }], () => misuse('a completed event has no delivery scheduled'))
    .with([{ kind: 'dropped' }, { kind: 'delivered' }], () => misuse('a dropped event has no delivery scheduled'))
    .with([{ kind: 'dropped' }, { kind: 'redeliver' }], () => misuse('a dropped event is not redelivered'))
    .exhaustive();

/** True when the state is terminal (nothing more is scheduled). */
export const isTerminal = (state: DeliveryState): state is Exclude<DeliveryState, { kind: 'scheduled' }> => state.kind !== 'scheduled';

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
      env.rules.legacyRetry === 'success' ? complete(['legacyRetry']) : appRetry(delivered, counters, LEGACY_REQUEST, endedAt, env, ['legacyRetry']),
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

/** A decision and the assumptions (undocumented rules) it rests on. */
interface Assumed<T> {
  readonly value: T;
  readonly assumes: readonly AssumedRule[];
}

const assuming = <T>(value: T, ...assumes: AssumedRule[]): Assumed<T> => ({ value, assumes });

/** A step that either goes on with a value or drops the event. */
type OrDrop<T> = T | { readonly kind: 'drop'; readonly reason: DropReason; readonly detail: string };

const appRetry = (
  delivered: ScheduledDelivery,
  counters: DeliveryCounters,
  request: RequestedRetry,
  endedAt: VirtualMs,
  env: DeliveryEnvironment,
  given: readonly AssumedRule[],
): Transition => {
  const { rules } = env;
  // Seed: "You can only retry an event for a maximum of four times"; events v1 (resolver consumers) were
  // retried at most four times too (docs/platform.md#resolverconsumermaxretries). What happens after is U.
  const cap = retryCapOf(env.regime, rules);
  if (cap !== undefined && counters.retryCount >= cap) {
    return drop(delivered, counters, endedAt, 'retry-cap-reached', `retry requested on retryCount ${counters.retryCount}; at most ${cap} retries are allowed`, [
      ...given,
      'finalRetryRequest',
    ]);
  }
  const delay = requestedDelay(request, rules);
  const data = retryDataToSend(request, env);
  const assumptions = [...given, ...delay.assumes, ...data.assumes];
  if (data.value.kind === 'drop') return drop(delivered, counters, endedAt, data.value.reason, data.value.detail, assumptions);
  const notes = [describeNormalisation(delay.value), data.value.kind === 'left-out' ? data.value.note : undefined].filter((n): n is string => n !== undefined);

  const retryCount = counters.retryCount + 1;
  const at = after(endedAt, seconds(delay.value.seconds));
  const context: RetryContext = {
    retryCount,
    // Seed: "retryReason and retryData will be populated with the same values as were given".
    retryReason: jsonValue(request.retryReason),
    ...(data.value.kind === 'sent' ? { retryData: data.value.value } : {}),
  };
  return schedule(delivered, { ...counters, appRetries: counters.appRetries + 1, retryCount }, 'app-retry', endedAt, at, context, notes, assumptions, env);
};

/** The delay the platform waits before a requested retry. */
const requestedDelay = (request: RequestedRetry, rules: PlatformRules): Assumed<NormalisedRetryAfter> => {
  const delay = normaliseRetryAfter(request.retryAfter, rules);
  return delay.kind === 'invalid' ? assuming(delay, 'invalidRetryAfterSeconds') : assuming(delay);
};

/** What the retry carries of the requested retryData, with a note when the platform left it out. */
type RetryDataPlan = { readonly kind: 'none' } | { readonly kind: 'left-out'; readonly note: string } | { readonly kind: 'sent'; readonly value: unknown };

/** What becomes of the requested retryData: sent, left out (with a note), or the event is dropped. */
const retryDataToSend = (request: RequestedRetry, env: DeliveryEnvironment): Assumed<OrDrop<RetryDataPlan>> => {
  const { rules } = env;
  // docs/platform.md "Limits on a retry request": retryData crosses the platform as JSON.
  const transit = transitRetryData(request.retryData, request.hasRetryData);
  switch (transit.kind) {
    case 'absent':
      return assuming({ kind: 'none' });
    case 'not-an-object':
      // U (ECO-734, marked fixed in 2025): retryData that is not an object is not sent, or is sent as JSON.
      if (rules.nonObjectRetryData === 'send-data' && transit.json !== undefined) {
        const sized = sizedRetryData(transit.json.delivered, transit.json.bytes, env);
        return { value: sized.value, assumes: ['nonObjectRetryData', ...sized.assumes] };
      }
      return assuming(
        rules.nonObjectRetryData === 'drop-event'
          ? { kind: 'drop', reason: 'retry-data-not-an-object', detail: `retryData was ${transit.type}` }
          : { kind: 'left-out', note: `retryData (${transit.type}) not sent: it is not an object` },
        'nonObjectRetryData',
      );
    case 'unserialisable':
      return assuming({ kind: 'drop', reason: 'retry-data-unserialisable', detail: `JSON.stringify failed: ${transit.why}` });
    case 'sent':
      return sizedRetryData(transit.delivered, transit.bytes, env);
  }
};

/** The size limits on retryData that will be sent, `bytes` of JSON. */
const sizedRetryData = (delivered: unknown, bytes: number, env: DeliveryEnvironment): Assumed<OrDrop<RetryDataPlan>> => {
  const { rules } = env;
  if (bytes > rules.maxRetryDataBytes) {
    return assuming(
      rules.oversizedRetryData === 'drop-event'
        ? { kind: 'drop', reason: 'retry-data-too-large', detail: `retryData is ${bytes} bytes of JSON; the limit is ${rules.maxRetryDataBytes}` }
        : { kind: 'left-out', note: `retryData (${bytes} bytes) not sent: over ${rules.maxRetryDataBytes} bytes` },
      'oversizedRetryData',
    );
  }
  // ECO-759 (component "Forge - Async Events"): payload plus retryData over 200 KB may not be retried.
  // Nothing documents it for product events.
  if (isQueueRegime(env.regime) && env.payloadBytes + bytes > rules.maxPayloadPlusRetryDataBytes) {
    return assuming({
      kind: 'drop',
      reason: 'payload-too-large',
      detail: `payload ${env.payloadBytes} + retryData ${bytes} bytes exceed ${rules.maxPayloadPlusRetryDataBytes}`,
    });
  }
  return assuming({ kind: 'sent', value: delivered });
};

const thrown = (delivered: ScheduledDelivery, counters: DeliveryCounters, endedAt: VirtualMs, env: DeliveryEnvironment): Transition => {
  if (isQueueRegime(env.regime)) {
    // docs/platform.md async consumers: thrown exceptions are app-level errors and are retried.
    return platformRetry(delivered, counters, 'thrown', endedAt, env, ['thrownErrorRetryReason']);
  }
  // U: whether a product event whose handler threw (FUNCTION_ERR) is retried.
  if (env.rules.productThrownError === 'not-retried') {
    return drop(delivered, counters, endedAt, 'handler-threw', 'the runtime reported FUNCTION_ERR', ['productThrownError']);
  }
  return platformRetry(delivered, counters, 'platform-unknown-error', endedAt, env, ['productThrownError']);
};

/** App-level errors of async events increment retryCount; platform-level ones do not (docs/platform.md). */
const ASYNC_APP_LEVEL: ReadonlySet<PlatformFault | 'thrown'> = new Set(['timeout', 'out-of-memory', 'thrown']);

const platformRetry = (
  delivered: ScheduledDelivery,
  counters: DeliveryCounters,
  fault: PlatformFault | 'thrown',
  endedAt: VirtualMs,
  env: DeliveryEnvironment,
  given: readonly AssumedRule[],
): Transition => {
  const { rules } = env;
  const reason: RetryReason = fault === 'thrown' ? rules.thrownErrorRetryReason : PLATFORM_FAULTS[fault];
  const count = platformRetryCount(counters, fault, env);
  if (count.value.kind === 'drop') {
    return drop(delivered, counters, endedAt, count.value.reason, count.value.detail, [...given, ...count.assumes]);
  }
  const backoff = platformBackoffSeconds(counters, rules);
  const carried = carriedRetryData(delivered, rules);
  const { retryCount } = count.value;
  const context: RetryContext = { retryCount, retryReason: reason, ...carried.value };
  return schedule(
    delivered,
    { ...counters, platformRetries: counters.platformRetries + 1, retryCount },
    'platform-retry',
    endedAt,
    after(endedAt, seconds(backoff.value)),
    context,
    [],
    [...given, ...count.assumes, ...backoff.assumes, ...carried.assumes],
    env,
    !ASYNC_APP_LEVEL.has(fault),
  );
};

/** The retryCount a platform retry carries, or the drop when no platform retry is left. */
const platformRetryCount = (
  counters: DeliveryCounters,
  fault: PlatformFault | 'thrown',
  env: DeliveryEnvironment,
): Assumed<OrDrop<{ readonly kind: 'count'; readonly retryCount: number }>> => {
  const { rules } = env;
  if (isQueueRegime(env.regime)) {
    if (!ASYNC_APP_LEVEL.has(fault)) return assuming({ kind: 'count', retryCount: counters.retryCount });
    // Events v1 (resolver consumers) were retried at most four times; v2+ only within the window.
    const cap = retryCapOf(env.regime, rules);
    return assuming(
      cap !== undefined && counters.retryCount >= cap
        ? { kind: 'drop', reason: 'retry-cap-reached', detail: `${describeFault(fault)} on retryCount ${counters.retryCount}; no retry is left` }
        : { kind: 'count', retryCount: counters.retryCount + 1 },
    );
  }
  // U: whether platform retries use up the four retries.
  if (rules.platformRetriesCountTowardCap) {
    return assuming(
      counters.retryCount >= rules.maxRetries
        ? { kind: 'drop', reason: 'retry-cap-reached', detail: `${describeFault(fault)} on retryCount ${counters.retryCount}; no retry is left` }
        : { kind: 'count', retryCount: counters.retryCount + 1 },
      'platformRetriesCountTowardCap',
    );
  }
  if (counters.platformRetries >= rules.maxPlatformRetries) {
    return assuming(
      { kind: 'drop', reason: 'platform-retries-exhausted', detail: `${describeFault(fault)} after ${counters.platformRetries} platform retries` },
      'platformRetriesCountTowardCap',
      'maxPlatformRetries',
    );
  }
  return assuming({ kind: 'count', retryCount: counters.retryCount }, 'platformRetriesCountTowardCap');
};

/** U: the platform's own backoff schedule (exponential, up to about 15 minutes), in seconds. */
const platformBackoffSeconds = (counters: DeliveryCounters, rules: PlatformRules): Assumed<number> => {
  const { initialSeconds, factor, maxSeconds } = rules.platformBackoff;
  // Never sooner than the SDK's minimum: a zero backoff would let a failing event be redelivered
  // forever without time passing, and no retry window would ever close.
  return assuming(Math.max(rules.minRetryAfterSeconds, Math.min(initialSeconds * factor ** counters.platformRetries, maxSeconds)), 'platformBackoff');
};

/** U: a platform retry is assumed not to carry the previous retryData. */
const carriedRetryData = (delivered: ScheduledDelivery, rules: PlatformRules): Assumed<{ readonly retryData?: unknown }> => {
  const previous = delivered.retryContext !== undefined && 'retryData' in delivered.retryContext ? { retryData: delivered.retryContext.retryData } : {};
  return assuming(rules.platformRetryCarriesRetryData ? previous : {}, 'platformRetryCarriesRetryData');
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
  /** The retry is the platform's answer to its own error (degradation), which extends the window. */
  degraded = false,
): Transition => {
  let retryContext = context;
  let assumes = assumptions;
  if (isQueueRegime(env.regime)) {
    // D: async events are retried until the retention window (24 h from enqueue) is exceeded; under
    // platform degradation it extends by up to 72 h (U how much: degradedRetentionWindowMs).
    const windowMs = env.rules.retentionWindowMs + (degraded ? env.rules.degradedRetentionWindowMs : 0);
    if (degraded) assumes = [...assumptions, 'degradedRetentionWindowMs'];
    const deadline = env.enqueuedAt + windowMs;
    if (at > deadline) {
      return drop(
        delivered,
        counters,
        endedAt,
        'retention-window-exceeded',
        `the retry would be ${at - env.enqueuedAt} ms after enqueue; the window is ${windowMs} ms` +
          // D: closed by platform errors the event is kept but no longer retried automatically.
          (degraded ? ' (closed by platform errors: kept, no longer retried automatically)' : ''),
        assumes,
      );
    }
    // D: retentionWindow is optional ("Required: false"); the scenario decides whether it is sent.
    if (env.sendsRetentionWindow !== false) {
      retryContext = {
        ...context,
        retentionWindow: { startTime: new Date(env.enqueuedAt).toISOString(), remainingTimeMs: deadline - at },
      };
    }
  }
  const next: ScheduledDelivery = { number: delivered.number + 1, kind, at, retryContext };
  return {
    state: { kind: 'scheduled', next, counters, last: delivered },
    decision: { kind: 'retry', next, notes, assumptions: assumes },
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
    .with(
      { kind: 'retry' },
      (d) =>
        `${d.next.kind === 'app-retry' ? 'schedules the requested retry' : 'retries on its own'} as delivery ${d.next.number}, retryCount ${d.next.retryContext?.retryCount ?? 0}` +
        (d.notes.length > 0 ? ` (${d.notes.join('; ')})` : ''),
    )
    .with({ kind: 'drop' }, (d) => `drops the event: ${d.detail}`)
    .with({ kind: 'redeliver' }, (d) => `delivers it again (at-least-once) as delivery ${d.next.number}`)
    .exhaustive();
