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

/**
 * Runs of many-events scenarios when turned on. Off by default for now: 40 runs made the existing corpus
 * sweeps exceed their 60 s test timeout on this machine (see the issue 14 report).
 */
export const MANY_EVENT_RUNS = 40;

/** The `manyEvents` option as the schema admits it. */
export type ManyEventsOption = boolean | { readonly runs?: number | undefined; readonly ignoreSelf?: boolean | undefined } | undefined;

/**
 * The many-events scenarios a check plays.
 *
 * @example
 * manyEventsOf(true) // { runs: 40, ignoreSelf: false }
 */
export const manyEventsOf = (value: ManyEventsOption): ResolvedOptions['manyEvents'] =>
  value === true
    ? { runs: MANY_EVENT_RUNS, ignoreSelf: false }
    : value === undefined || value === false
      ? { runs: 0, ignoreSelf: false }
      : { runs: value.runs ?? MANY_EVENT_RUNS, ignoreSelf: value.ignoreSelf ?? false };

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
  readonly properties?: readonly PropertyId[] | undefined;
  readonly skip?: readonly PropertyId[] | undefined;
}

/**
 * The properties that apply to the regime (`applies`) and those the options select of them (`selected`).
 *
 * @example
 * propertySelection('resolver-consumer', { skip: ['bounded-invocation'] }).selected.map((p) => p.id)
 */
export const propertySelection = (
  regime: Regime,
  o: PropertyChoice,
): { readonly applies: readonly RetryProperty<PropertyId>[]; readonly selected: readonly RetryProperty<PropertyId>[] } => {
  // The many-events properties judge only many-events scenarios: without them (manyEvents off) they do not apply.
  const manyEvents = manyEventsOf(o.manyEvents).runs > 0;
  const applies = PROPERTIES.filter((p) => (p.regimes as readonly string[]).includes(regime) && (manyEvents || p.checkEvents === undefined));
  const selected = applies.filter((p) => (o.properties === undefined || o.properties.includes(p.id)) && !(o.skip ?? []).includes(p.id));
  return { applies, selected };
};
