/** Judging one trace against the selected properties, once per trace. */
import { ASSUMED_RULES, type AssumedRule } from '../models/rules.js';
import type { Trace } from '../models/trace.js';
import type { PropertyId } from './catalog.js';
import { tookTime } from './support/requests.js';
import type { PropertySettings, RetryProperty, Violation } from './types.js';

/** A property's violation on one trace. */
export interface Finding {
  readonly property: PropertyId;
  readonly violation: Violation;
}

/** Every violation of `properties` in `trace`, in catalog order. */
export const judge = (trace: Trace, properties: readonly RetryProperty<PropertyId>[], settings: PropertySettings): Finding[] => {
  const findings: Finding[] = [];
  // A truncated trace stopped at the harness's own bound: what it shows happened, so it is judged as
  // far as it goes; properties only look at deliveries that took place.
  for (const property of properties) {
    const verdict = property.check(trace, settings);
    if (verdict.kind === 'fail') findings.push({ property: property.id, violation: verdict });
  }
  return findings;
};

/** The properties of `properties` that had something to judge in `trace`. */
export const judgedBy = (trace: Trace, properties: readonly RetryProperty<PropertyId>[], settings: PropertySettings): PropertyId[] =>
  properties.filter((p) => p.judged(trace, settings)).map((p) => p.id);

/**
 * The assumed rules a finding of `property` on `trace` rests on, in catalog order: those the platform's
 * decisions used (each decision in models/delivery.ts returns its assumptions) and those the property
 * itself reads.
 *
 * @example
 * findingAssumptions(trace, survivesEveryDelivery) // ['productThrownError'] for a thrown product-event handler
 */
export const findingAssumptions = (trace: Trace, property: RetryProperty<PropertyId>): AssumedRule[] => {
  const used = new Set<AssumedRule>(property.assumes?.(trace) ?? []);
  for (const d of trace.deliveries) {
    if (d.decision.kind === 'redeliver') continue;
    for (const a of d.decision.assumptions) used.add(a);
  }
  // A timeout the scenario did not inject, in a run whose requests took time: the latency may be what ran
  // the invocation out of time, and every finding that follows from the retry rests on it.
  if (timedOutWithLatency(trace)) used.add('requestLatency');
  return ASSUMED_RULES.filter((rule) => used.has(rule));
};

const timedOutWithLatency = (trace: Trace): boolean =>
  tookTime(trace) && trace.deliveries.some((d) => d.fault === undefined && d.outcome.kind === 'platform-fault' && d.outcome.fault === 'timeout');
