/**
 * How a run's requests behave in time: the `requestLatency` rule, and whether the event is a life-cycle
 * event whose app permissions are still propagating (docs/platform.md#life-cycle-events).
 */
import type { Regime } from '../../models/codes.js';
import type { PlatformRules } from '../../models/rules.js';
import type { Scenario } from '../scenario/types.js';
import type { RunTiming } from './simulation.js';

/** The life-cycle events after which the app's own permissions may not be granted yet (installed; upgraded, which may add scopes). */
export const PROPAGATING_EVENTS: readonly string[] = ['avi:forge:installed:app', 'avi:forge:upgraded:app'];

/**
 * Whether `event` is a life-cycle event whose product calls may be refused at first.
 *
 * @example
 * isPropagatingEvent({ eventType: 'avi:forge:installed:app' }) // true
 */
export const isPropagatingEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && PROPAGATING_EVENTS.includes(String((event as { eventType?: unknown }).eventType));

/**
 * The run's timing, from the rules, the scenario and the event.
 *
 * @example
 * runTiming('product-event', DEFAULT_PLATFORM_RULES, CALM_SCENARIO, event) // { latency: 'generated' }
 */
export const runTiming = (regime: Regime, rules: PlatformRules, scenario: Scenario, event: unknown): RunTiming => {
  const propagation = scenario.installPropagation;
  const applies = regime === 'product-event' && propagation !== undefined && propagation.seconds > 0 && isPropagatingEvent(event);
  return { latency: rules.requestLatency, ...(applies ? { installPropagation: propagation } : {}) };
};
