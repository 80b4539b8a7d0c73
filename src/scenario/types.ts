/**
 * A scenario: the upstream behaviour and platform faults one simulated run is subjected to. The
 * arbitraries generate scenarios; the driver plays them; a replay path names one.
 */
import type { Instance } from '../../models/instance.js';
import type { InjectedFault } from '../../models/trace.js';
import type { LatencyPlan } from './latency.js';

/** Statuses the generators use for upstream failures. */
export const FAILURE_STATUSES = [429, 500, 502, 503, 504] as const;
/** An upstream failure status. */
export type FailureStatus = (typeof FAILURE_STATUSES)[number];

/** What one upstream request gets. `ok` means: answer from the fixtures or the default. */
export type PlannedResponse =
  | { readonly kind: 'ok' }
  | { readonly kind: 'status'; readonly status: FailureStatus; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'network-error' };

/** The plan for one delivery. Requests past the end of a list are answered `ok`. */
export interface DeliveryPlan {
  /** Product, graph and external requests, in the order the handler makes them. */
  readonly responses: readonly PlannedResponse[];
  /** Forge KVS / storage / SQL requests, planned separately. */
  readonly storage: readonly PlannedResponse[];
  readonly fault?: InjectedFault;
  /** How long its requests take in virtual time (./latency.ts); absent: every answer arrives at once. */
  readonly latency?: LatencyPlan;
}

/** The whole plan for one run. Deliveries past the end of `deliveries` get an empty plan. */
export interface Scenario {
  readonly deliveries: readonly DeliveryPlan[];
  /** After the event completes, the platform delivers the last delivery once more (at-least-once). */
  readonly duplicate: boolean;
  /**
   * Async events: whether retries carry `retryContext.retentionWindow`, which the docs mark optional
   * ("Required: false"). Absent (product events) means the regime's usual shape.
   */
  readonly retentionWindow?: boolean;
  /**
   * Cold starts: the instance each redelivery comes to, `instances[0]` for delivery 2, `instances[1]` for
   * delivery 3 (past the end: warm). Generated only when the check loads the handler's module; the model
   * has the last word (`instanceFor`: a delivery after a crash is always cold).
   */
  readonly instances?: readonly Instance[];
  /**
   * Life-cycle events (`avi:forge:installed:app`, `avi:forge:upgraded:app`): for how many virtual seconds
   * after the event the app's product calls as the app answer 401 or 403 while its permissions propagate
   * (docs/platform.md#life-cycle-events), and which. Absent or 0: none. Ignored for other events.
   */
  readonly installPropagation?: InstallPropagation;
}

/** The permissions of a just-installed app still propagating: its product calls as the app are refused meanwhile. */
export interface InstallPropagation {
  /** Seconds after the event during which the calls are refused. */
  readonly seconds: number;
  /** What they answer. */
  readonly status: 401 | 403;
}

/** The empty plan: every request succeeds, no fault, no duplicate. */
export const CALM_SCENARIO: Scenario = Object.freeze({ deliveries: [], duplicate: false });
