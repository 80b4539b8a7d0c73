/**
 * The vocabulary of the exhaustive small-scope mode: what can happen on one delivery. A schedule is a
 * list of these, and its replay path numbers them by their place here, so the order is part of every
 * schedule path a report has printed: add new steps at the end.
 */

/** What can happen on one delivery, in the small scope. `ok` is the calm delivery. */
export const SMALL_SCOPE_STEPS = [
  'ok',
  'rate-limited',
  'server-error',
  'network-error',
  'timeout-after-effect',
  'timeout-before-effect',
  'storage-error',
] as const;

/** One step of a fault schedule. */
export type SmallScopeStep = (typeof SMALL_SCOPE_STEPS)[number];
