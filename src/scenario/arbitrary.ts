/**
 * Scenarios for one run. Four shapes, mixed: calm (everything succeeds), random (independent
 * failures and faults per delivery), streaks (the first requests of every delivery fail), and streaks
 * without platform faults, because the bugs at the retry cap need five failing deliveries in a row
 * answered by app retries (platform retries leave retryCount alone) and would be rare by chance alone.
 */
import fc from 'fast-check';
import type { Regime } from '../../models/codes.js';
import { INSTANCES } from '../../models/instance.js';
import type { DeliveryPlan, PlannedResponse, Scenario } from './types.js';
import { injectedFault } from './faults.js';
import { latencyPlan } from './latency.js';
import { plannedFailure, plannedResponse } from './responses.js';

/** How many deliveries a scenario plans for: five product deliveries plus platform retries and a duplicate. */
const MAX_PLANNED_DELIVERIES = 8;

const storagePlan = (): fc.Arbitrary<PlannedResponse[]> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant<PlannedResponse[]>([]) }, { weight: 1, arbitrary: fc.array(plannedResponse(), { maxLength: 3 }) });

const randomDelivery = (): fc.Arbitrary<DeliveryPlan> =>
  fc
    .record({
      responses: fc.array(plannedResponse(), { maxLength: 4 }),
      storage: storagePlan(),
      fault: fc.option(injectedFault(), { freq: 6, nil: undefined }),
      latency: latency(),
    })
    .map(withoutUndefined);

const streakDelivery = (): fc.Arbitrary<DeliveryPlan> =>
  fc
    .record({
      responses: fc.tuple(plannedFailure(), fc.array(plannedResponse(), { maxLength: 2 })).map(([f, rest]) => [f, ...rest]),
      storage: fc.constant<PlannedResponse[]>([]),
      fault: fc.option(injectedFault(), { freq: 10, nil: undefined }),
      latency: latency(),
    })
    .map(withoutUndefined);

/**
 * A delivery whose first request fails and whose invocation the platform leaves alone. Platform retries
 * do not advance retryCount (docs/platform.md#platformretriescounttowardcap), so only app retries reach
 * the last permitted delivery: these streaks are how a bug at the cap shows.
 */
const appRetryStreakDelivery = (): fc.Arbitrary<DeliveryPlan> =>
  fc
    .tuple(plannedFailure(), fc.array(plannedResponse(), { maxLength: 2 }), latency())
    .map(([f, rest, latency]) => withoutUndefined({ responses: [f, ...rest], storage: [], fault: undefined, latency }));

/** Most deliveries take time (docs/platform.md#requestlatency); none shrinks to answers that arrive at once. */
const latency = (): fc.Arbitrary<DeliveryPlan['latency']> => fc.option(latencyPlan(), { freq: 4, nil: undefined });

const withoutUndefined = (plan: {
  responses: PlannedResponse[];
  storage: PlannedResponse[];
  fault: DeliveryPlan['fault'];
  latency: DeliveryPlan['latency'];
}): DeliveryPlan => ({
  responses: plan.responses,
  storage: plan.storage,
  ...(plan.fault !== undefined ? { fault: plan.fault } : {}),
  ...(plan.latency !== undefined ? { latency: plan.latency } : {}),
});

/** Options of the scenario generator. */
export interface ScenarioArbitraryOptions {
  readonly regime: Regime;
  /**
   * Choose for every redelivery whether it comes to the warm module instance or a freshly loaded one
   * (`Scenario.instances`). Only a check that can load the handler's module has a use for it; without it
   * the generated scenarios are exactly what they were before cold starts. @defaultValue false
   */
  readonly coldStarts?: boolean;
}

/**
 * One choice per possible redelivery, each warm or cold with even odds; a failing scenario shrinks
 * towards warm, so the reported one keeps only the cold starts the finding needs.
 */
const instanceChoices = fc.array(fc.constantFrom(...INSTANCES), { minLength: MAX_PLANNED_DELIVERIES + 1, maxLength: MAX_PLANNED_DELIVERIES + 1 });

/**
 * The scenario generator.
 *
 * @example
 * fc.sample(scenarioArbitrary({ regime: 'product-event' }), 1)
 */
export const scenarioArbitrary = (options: ScenarioArbitraryOptions): fc.Arbitrary<Scenario> => {
  const duplicate = fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  const scenarios = shapes(duplicate);
  // D: retentionWindow is optional on async retries ("Required: false"): sometimes it is left out.
  const sent = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const shaped =
    options.regime === 'product-event'
      ? // Only life-cycle events read it (the driver ignores it elsewhere): generated for every product event,
        // so that the arbitrary does not depend on the event, which is generated alongside.
        fc
          .tuple(scenarios, installPropagation())
          .map(([scenario, propagation]) => (propagation === undefined ? scenario : { ...scenario, installPropagation: propagation }))
      : fc.tuple(scenarios, sent).map(([scenario, retentionWindow]) => ({ ...scenario, retentionWindow }));
  if (options.coldStarts !== true) return shaped;
  return fc.tuple(shaped, instanceChoices).map(([scenario, instances]) => ({ ...scenario, instances }));
};

/**
 * How long an installed app's product calls are refused (docs/platform.md#life-cycle-events): "eventually
 * consistent", "minutes" on large sites. Seconds short enough for the first retry to find it done, and
 * long enough to outlast several; shrinks to none.
 */
const installPropagation = (): fc.Arbitrary<Scenario['installPropagation']> =>
  fc.option(
    fc.record({
      seconds: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(5, 30, 90, 300) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 900 }) }),
      status: fc.constantFrom(403 as const, 401 as const),
    }),
    { freq: 2, nil: undefined },
  );

const shapes = (duplicate: fc.Arbitrary<boolean>): fc.Arbitrary<Scenario> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.record({ deliveries: fc.constant([]), duplicate }) },
    { weight: 4, arbitrary: fc.record({ deliveries: fc.array(randomDelivery(), { maxLength: MAX_PLANNED_DELIVERIES }), duplicate }) },
    {
      weight: 3,
      arbitrary: fc.record({
        // Lengths are spread evenly up to the bound (so five-delivery streaks are common), yet shrink.
        deliveries: fc.array(streakDelivery(), { maxLength: MAX_PLANNED_DELIVERIES, size: 'max' }),
        duplicate,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        deliveries: fc.array(appRetryStreakDelivery(), { minLength: 5, maxLength: MAX_PLANNED_DELIVERIES }),
        duplicate,
      }),
    },
  );
