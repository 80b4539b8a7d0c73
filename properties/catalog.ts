/**
 * The catalog of retry-semantics properties, in report order. Ids are stable: users select and skip
 * properties by them, and replays name them. Each entry holds the property's words (summary, doc,
 * rule), from which the README table, the CLI help, the vitest test names and the reports are made.
 */
import { boundedInvocation } from './bounded-invocation.js';
import { honoursRetryAfter } from './honours-retry-after.js';
import { noDuplicateEffects } from './no-duplicate-effects.js';
import { noLostUpdates } from './no-lost-updates.js';
import { noSelfTriggerLoop } from './no-self-trigger-loop.js';
import { noStaleOverwrite } from './no-stale-overwrite.js';
import { noSwallowedFailures } from './no-swallowed-failures.js';
import { reasonMatchesCause } from './reason-matches-cause.js';
import { reasonValid } from './reason-valid.js';
import { respectsRetryCap } from './respects-retry-cap.js';
import { retryAfterValid } from './retry-after-valid.js';
import { retryDataRoundTrips } from './retry-data-round-trips.js';
import { survivesEveryDelivery } from './survives-every-delivery.js';
import type { RetryProperty } from './types.js';

/** Every property, in report order. */
export const PROPERTIES = [
  retryAfterValid,
  honoursRetryAfter,
  reasonValid,
  reasonMatchesCause,
  retryDataRoundTrips,
  survivesEveryDelivery,
  respectsRetryCap,
  noDuplicateEffects,
  noSwallowedFailures,
  boundedInvocation,
  noLostUpdates,
  noSelfTriggerLoop,
  noStaleOverwrite,
] as const;

/** The id of a property in the catalog. */
export type PropertyId = (typeof PROPERTIES)[number]['id'];

/** Every property id, in report order. */
export const PROPERTY_IDS: readonly PropertyId[] = PROPERTIES.map((p) => p.id);

/** True when `id` names a property in the catalog. */
export const isPropertyId = (id: unknown): id is PropertyId => typeof id === 'string' && (PROPERTY_IDS as readonly string[]).includes(id);

/** The catalog entry of a property id. */
export const propertyById = (id: PropertyId): RetryProperty<PropertyId> => {
  const property = PROPERTIES.find((p) => p.id === id);
  // PropertyId is derived from PROPERTIES, so every id has its entry.
  if (property === undefined) throw new Error(`no property ${id} in the catalog`);
  return property;
};
