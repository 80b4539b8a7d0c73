/** The catalog of retry-semantics properties and the helpers to judge a trace with them. */
export { PROPERTIES, PROPERTY_IDS, isPropertyId } from './catalog.js';
export type { PropertyId } from './catalog.js';
export { DEFAULT_PROPERTY_SETTINGS, PASS, defineProperty } from './types.js';
export type { PropertySettings, RetryProperty, Unjudged, Verdict, Violation } from './types.js';
export { parseRetryAfter, retryDeadline } from './support/retry-after-header.js';
export type { RetryAfterHeader } from './support/retry-after-header.js';
