/**
 * Which module instance of the app serves a delivery (docs/platform.md "Cold starts"). Forge runs on AWS
 * Lambda, which reuses a warm execution environment, module-level variables and all, or starts a fresh one
 * (a cold start) that evaluates the app's modules anew: both are documented, neither is promised. Pure:
 * the scenario chooses for each redelivery, this decides what the choice can be.
 */
import type { DeliveryKind } from './delivery-types.js';
import type { Outcome } from './outcome.js';

/** The instance a delivery comes to: the one that served the delivery before it, or a freshly loaded one. */
export type Instance = 'warm' | 'cold';

/** The instances, warm first: a generated choice shrinks towards the warm one, what a check did before cold starts. */
export const INSTANCES = ['warm', 'cold'] as const satisfies readonly Instance[];

/**
 * The instance that serves a delivery.
 * - The first delivery of an event comes to a fresh instance: every simulated run starts from one, so
 *   nothing one run left in module variables can make another skip its work.
 * - A delivery after an invocation that crashed (timeout, out of memory) comes to a fresh one:
 *   Lambda resets the execution environment of an invocation that times out or crashes (D).
 * - Any other redelivery (app retry, platform retry after a refusal, duplicate) comes to the instance the
 *   scenario chose: warm or cold, both documented.
 *
 * @example
 * instanceFor('duplicate', { kind: 'success', value: undefined }, 'cold') // 'cold'
 * instanceFor('app-retry', { kind: 'platform-fault', fault: 'timeout' }, 'warm') // 'cold'
 */
export const instanceFor = (kind: DeliveryKind, previous: Outcome | undefined, chosen: Instance | undefined): Instance => {
  if (kind === 'first' || previous === undefined) return 'cold';
  if (previous.kind === 'platform-fault' && (previous.fault === 'timeout' || previous.fault === 'out-of-memory')) return 'cold';
  return chosen ?? 'warm';
};
