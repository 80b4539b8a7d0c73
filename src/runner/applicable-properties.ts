/**
 * Which properties judge a check: those of the handler's regime, without the many-events ones when no
 * many-events scenario runs, narrowed by `properties` and `skip`. One function for the API (which
 * refuses a selection of nothing) and the CLI (which reports such a handler as skipped), so both
 * choose the same regime and the same properties.
 */
import type { Regime, Trigger } from '../../models/codes.js';
import { PROPERTIES, type PropertyId } from '../../properties/catalog.js';
import type { RetryProperty } from '../../properties/types.js';
import type { ResolvedOptions } from './resolved-options.js';

/** Many-events scenarios of `manyEvents: true` (and of `{ ignoreSelf }` without `runs`). */
export const MANY_EVENT_RUNS = 40;

/**
 * Many-events scenarios per single-event scenario when `manyEvents` is not given: a default check of 100
 * runs plays 10 of them. A passing many-events scenario costs 1-40 ms on the corpus (its serial references
 * included), about 2-8 single-event runs, so the share keeps a passing default check within a few hundred
 * ms of what it cost without them (bench section 8); `manyEvents: true` asks for 40, `{ runs }` for more.
 */
export const MANY_EVENTS_SHARE = 0.1;

/** The `manyEvents` option as the schema admits it. */
export type ManyEventsOption = boolean | { readonly runs?: number | undefined; readonly ignoreSelf?: boolean | undefined } | undefined;

/**
 * Whether a check plays many-events scenarios (and so selects the properties that judge them): by default
 * when the harness makes the payloads itself, since many-events scenarios deliver payloads of their own
 * issue; a user's `event` is delivered as given, so with one they play only when `manyEvents` asks for them.
 * `false` always turns them off.
 *
 * @example
 * manyEventsOn(undefined, false) // true
 * manyEventsOn(undefined, true)  // false: the user's event is delivered as given
 * manyEventsOn(false, false)     // false
 */
export const manyEventsOn = (value: ManyEventsOption, eventGiven: boolean): boolean => (value === undefined ? !eventGiven : value !== false);

/**
 * The many-events scenarios a check of `numRuns` runs plays. A trigger on one event type gets only that
 * type's events; without `eventType`, every issue event.
 *
 * @example
 * manyEventsOf(true, false, 100) // { runs: 40, ignoreSelf: false, eventTypes: undefined }
 * manyEventsOf(undefined, false, 100, 'avi:jira:updated:issue') // { runs: 10, ignoreSelf: false, eventTypes: ['avi:jira:updated:issue'] }
 */
export const manyEventsOf = (value: ManyEventsOption, eventGiven: boolean, numRuns: number, eventType?: string): ResolvedOptions['manyEvents'] => {
  const eventTypes = eventType === undefined ? undefined : [eventType];
  if (value === false || !manyEventsOn(value, eventGiven)) return { runs: 0, ignoreSelf: false, eventTypes };
  if (value === undefined) return { runs: Math.max(1, Math.round(numRuns * MANY_EVENTS_SHARE)), ignoreSelf: false, eventTypes };
  if (value === true) return { runs: MANY_EVENT_RUNS, ignoreSelf: false, eventTypes };
  return { runs: value.runs ?? MANY_EVENT_RUNS, ignoreSelf: value.ignoreSelf ?? false, eventTypes };
};

/**
 * The delivery regime of a handler. A @forge/resolver consumer is events v1: its own regime
 * (docs/platform.md#resolverconsumermaxretries).
 *
 * @example
 * regimeOf('async-event', 'resolver') // 'resolver-consumer'
 */
export const regimeOf = (trigger: Trigger, consumerShape: 'function' | 'resolver' | undefined): Regime =>
  trigger === 'async-event' && consumerShape === 'resolver' ? 'resolver-consumer' : trigger;

/** The options that choose the properties. */
export interface PropertyChoice {
  readonly manyEvents?: ManyEventsOption;
  /** Whether the user gave the payload (`event`): then many-events scenarios play only when asked for. */
  readonly eventGiven: boolean;
  readonly properties?: readonly PropertyId[] | undefined;
  readonly skip?: readonly PropertyId[] | undefined;
}

/**
 * The properties that apply to the regime (`applies`) and those the options select of them (`selected`).
 *
 * @example
 * propertySelection('resolver-consumer', { skip: ['bounded-invocation'], eventGiven: false }).selected.map((p) => p.id)
 */
export const propertySelection = (
  regime: Regime,
  o: PropertyChoice,
): { readonly applies: readonly RetryProperty<PropertyId>[]; readonly selected: readonly RetryProperty<PropertyId>[] } => {
  // The many-events properties judge only many-events scenarios: without them (manyEvents off) they do not apply.
  const manyEvents = manyEventsOn(o.manyEvents, o.eventGiven);
  const applies = PROPERTIES.filter((p) => (p.regimes as readonly string[]).includes(regime) && (manyEvents || p.checkEvents === undefined));
  const selected = applies.filter((p) => (o.properties === undefined || o.properties.includes(p.id)) && !(o.skip ?? []).includes(p.id));
  return { applies, selected };
};
