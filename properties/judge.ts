/** Judging one trace against the selected properties, once per trace. */
import type { Trace } from '../models/trace.js';
import type { PropertyId } from './catalog.js';
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
