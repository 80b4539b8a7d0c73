/**
 * The driver: takes one event through the delivery model (`startEvent`/`step`) from its first delivery
 * to a terminal state, running the handler in the simulated runtime for every delivery the model
 * schedules, and returns the complete trace. Deterministic: the same inputs give a deep-equal trace.
 */
import { formatMessage } from '../messages/format.js';
import { thrownMessage } from '../../models/render-value.js';
import { describeUnserialisable, findUnserialisable } from '../payloads/json-member.js';
import { REGIMES, type Regime } from '../../models/codes.js';
import { startEvent, step } from '../../models/delivery.js';
import { instanceFor } from '../../models/instance.js';
import type { Outcome } from '../../models/outcome.js';
import { HarnessUsageError, usageError } from '../messages/usage-error.js';
import type { Problem } from '../messages/format.js';
import type { DeliveryEnvironment, DeliveryState } from '../../models/delivery-types.js';
import { utf8Length } from '../../models/retry-data.js';
import type { PlatformRules } from '../../models/rules.js';
import { VIRTUAL_EPOCH } from '../../models/time.js';
import type { DeliveryRecord, Trace, TraceEnd } from '../../models/trace.js';
import { CONSUMER_SHAPES, prepareCall, type ConsumerShape, type ForgeHandler } from '../runtime/handler-call.js';
import { currentSession, withHarnessLock } from '../runtime/lock.js';
import { loadInInvocation, type HandlerModule } from '../runtime/handler-module.js';
import { runInvocation } from '../runtime/run-invocation.js';
import type { HarnessSession } from '../runtime/session.js';
import { sequentialUuid } from '../runtime/uuid.js';
import { RunRandom } from '../runtime/seeded-random.js';
import type { DeliveryPlan, Scenario } from '../scenario/types.js';
import type { UpstreamFixture } from '../upstream/fixtures.js';
import { RunUpstream } from '../upstream/simulation.js';
import { runTiming } from '../upstream/timing.js';
import type { StorageSeed } from '../upstream/storage-seed.js';
import { runSeed } from '../world/event-seed.js';
import type { WorldSeed } from '../world/seed.js';

/** What `drive` needs. */
export interface DriveOptions {
  /** The handler under test, exactly as the app exports it. */
  readonly handler: ForgeHandler;
  readonly regime: Regime;
  readonly rules: PlatformRules;
  /** The event payload (product events: the event; async events: the pushed body). */
  readonly event: unknown;
  readonly scenario: Scenario;
  /** Answers for product, graph and external requests; the world and the defaults answer the rest. */
  readonly upstream?: UpstreamFixture;
  /** What the simulated Jira and Confluence hold when the event arrives (the event's issue and page are added). @defaultValue {} */
  readonly world?: WorldSeed;
  /** What the key-value store holds when the event arrives. @defaultValue empty */
  readonly storage?: StorageSeed;
  /** Function timeout. @defaultValue rules.productTimeoutSeconds (25) or rules.asyncTimeoutSeconds (55) */
  readonly timeoutSeconds?: number;
  /** The harness's own bound on deliveries; past it the trace ends `truncated`. @defaultValue 12 */
  readonly maxDeliveries?: number;
  /** How an async consumer is exported (see src/runtime/handler-call.ts). @defaultValue 'function' */
  readonly consumerShape?: ConsumerShape;
  /** The resolver function key, for `consumerShape: 'resolver'`. @defaultValue 'consumer' */
  readonly functionKey?: string;
  /** Record the handler's console output on each delivery record. @defaultValue false */
  readonly captureConsole?: boolean;
  /**
   * Loads fresh instances of the handler's module: the run starts on one, and every redelivery the model
   * sends to a cold instance (`instanceFor`) gets another. Without it `handler` serves every delivery.
   * @defaultValue none
   */
  readonly module?: HandlerModule;
}

const EMPTY_PLAN: DeliveryPlan = Object.freeze({ responses: [], storage: [] });

const fail = (message: string): never => {
  throw new TypeError(formatMessage(message));
};

const validate = (o: DriveOptions): void => {
  if (typeof o.handler !== 'function') fail(`drive(): handler is ${typeof o.handler}; pass the exported handler function`);
  if (!REGIMES.includes(o.regime)) fail(`drive(): regime is ${String(o.regime)}; use ${REGIMES.map((r) => `'${r}'`).join(', ')}`);
  if (o.consumerShape !== undefined && !CONSUMER_SHAPES.includes(o.consumerShape)) {
    fail(`drive(): consumerShape is ${String(o.consumerShape)}; use ${CONSUMER_SHAPES.map((s) => `'${s}'`).join(' or ')}`);
  }
  if (o.timeoutSeconds !== undefined && !(o.timeoutSeconds > 0)) fail(`drive(): timeoutSeconds is ${o.timeoutSeconds}; pass a positive number`);
  if (o.maxDeliveries !== undefined && !(Number.isInteger(o.maxDeliveries) && o.maxDeliveries > 0)) {
    fail(`drive(): maxDeliveries is ${o.maxDeliveries}; pass a positive integer`);
  }
};

const payloadBytes = (event: unknown): number => {
  try {
    return utf8Length(JSON.stringify(event) ?? '');
  } catch (error) {
    const member = findUnserialisable(event);
    // A generated event (from the user's arbitrary) reaches here; a given one is refused at the door.
    return usageError(
      `the event cannot be delivered: ${member !== undefined ? describeUnserialisable(member) : thrownMessage(error)}`,
      'Forge events are JSON: make the event (or the arbitrary that generates it) produce strings, numbers, booleans, null, arrays and plain objects only',
    );
  }
};

/**
 * Plays one event through the simulated platform and returns its trace. Takes the harness lock and
 * installs the simulated Forge globals unless the caller already holds the lock (then it reuses that
 * check's session, which is what keeps many runs cheap).
 *
 * @example
 * const trace = await drive({ handler: run, regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, event: { issue: { key: 'A-1' } }, scenario: CALM_SCENARIO });
 * trace.end.kind // 'completed'
 */
export const drive = (options: DriveOptions): Promise<Trace> => {
  validate(options);
  const session = currentSession();
  return session !== undefined ? driveIn(session, options) : withHarnessLock(() => driveIn(currentSession()!, options));
};

/** A resolver-style consumer is events v1, whichever way it was asked for (docs/platform.md#resolverconsumermaxretries). */
const regimeOf = (o: DriveOptions): Regime => (o.regime === 'async-event' && o.consumerShape === 'resolver' ? 'resolver-consumer' : o.regime);

const driveIn = async (session: HarnessSession, o: DriveOptions): Promise<Trace> => {
  const regime = regimeOf(o);
  const env: DeliveryEnvironment = {
    regime,
    rules: o.rules,
    payloadBytes: payloadBytes(o.event),
    enqueuedAt: VIRTUAL_EPOCH,
    ...(o.scenario.retentionWindow !== undefined ? { sendsRetentionWindow: o.scenario.retentionWindow } : {}),
  };
  const timeoutMs = 1000 * (o.timeoutSeconds ?? (regime === 'product-event' ? o.rules.productTimeoutSeconds : o.rules.asyncTimeoutSeconds));
  const maxDeliveries = o.maxDeliveries ?? 12;
  // A fresh world per run, holding what the event is about, so effects never leak from one run to the next.
  const run = new RunUpstream(
    o.upstream,
    { world: runSeed(o.world ?? {}, o.event), ...(o.storage !== undefined ? { storage: o.storage } : {}) },
    runTiming(regime, o.rules, o.scenario, o.event),
  );
  let uuids = 0;
  const nextUuid = (): string => sequentialUuid(++uuids);
  // Seeded by the scenario: a replay or a shrink step of the same scenario draws the same numbers.
  const random = new RunRandom(JSON.stringify(o.scenario));
  const deliveries: DeliveryRecord[] = [];
  let state: DeliveryState = startEvent(env);
  const instances = o.module === undefined ? undefined : new RunInstances(o.module, session);
  // The outcome of the last delivery that reached the handler: a crash there leaves no warm instance.
  let lastInvoked: Outcome | undefined;
  let duplicated = false;
  let end: TraceEnd | undefined;
  while (end === undefined) {
    if (state.kind === 'completed' && o.scenario.duplicate && !duplicated) {
      // At-least-once delivery: the completed event arrives once more, as it was.
      duplicated = true;
      state = step(state, { kind: 'redeliver', at: state.at }, env).state;
      continue;
    }
    if (state.kind === 'completed') end = { kind: 'completed', at: state.at };
    else if (state.kind === 'dropped') end = { kind: 'dropped', at: state.at, reason: state.reason };
    else if (deliveries.length >= maxDeliveries) end = { kind: 'truncated', at: state.next.at, deliveries: deliveries.length };
    else {
      const next = state.next;
      const plan = o.scenario.deliveries[next.number - 1] ?? EMPTY_PLAN;
      const timing = {
        number: next.number,
        kind: next.kind,
        startedAt: next.at,
        timeoutMs,
        ...(next.retryContext !== undefined ? { retryContext: next.retryContext } : {}),
        ...(plan.fault !== undefined ? { fault: plan.fault } : {}),
      };
      if (plan.fault?.kind === 'refused') {
        // The platform refuses the invocation before the handler runs.
        const outcome = { kind: 'platform-fault', fault: plan.fault.fault } as const;
        const t = step(state, { kind: 'delivered', outcome, endedAt: next.at }, env);
        deliveries.push({ ...timing, endedAt: next.at, requests: [], outcome, decision: t.decision, issues: [] });
        state = t.state;
        continue;
      }
      const instance = instanceFor(next.kind, lastInvoked, o.scenario.instances?.[next.number - 2]);
      const call = prepareCall(instances?.handlerFor(instance) ?? o.handler, {
        regime,
        payload: o.event,
        ...(next.retryContext !== undefined ? { retryContext: next.retryContext } : {}),
        consumerShape: o.consumerShape ?? 'function',
        functionKey: o.functionKey ?? 'consumer',
      });
      const result = await runInvocation({
        session,
        delivery: next.number,
        start: next.at,
        timeoutMs,
        openUpstream: (hooks) => run.delivery(next.number, plan, hooks),
        nextUuid,
        ...(o.captureConsole === true ? { captureConsole: true } : {}),
        random,
        call: call.invoke,
      }).finally(call.release);
      instances?.rethrowLoadProblem();
      lastInvoked = result.outcome;
      const mutation = call.mutationIssue();
      if (mutation !== undefined) result.issues.push(mutation);
      const t = step(state, { kind: 'delivered', outcome: result.outcome, endedAt: result.endedAt }, env);
      deliveries.push({
        ...timing,
        endedAt: result.endedAt,
        requests: result.requests,
        outcome: result.outcome,
        decision: t.decision,
        issues: result.issues,
        ...(result.console !== undefined ? { console: result.console } : {}),
        ...(instances !== undefined ? { instance } : {}),
      });
      state = t.state;
    }
  }
  return { regime, rules: o.rules, event: o.event, startedAt: VIRTUAL_EPOCH, deliveries, end };
};

/** A fresh instance could not be loaded; it ends the check as a usage error, never as the handler's outcome. */
class LoadProblem extends Error {
  override readonly name = 'LoadProblem';
  constructor(readonly problem: Problem) {
    super(problem.what);
  }
}

/**
 * The module instances of one run. An instance is loaded lazily, inside the first invocation it serves,
 * so that a run whose deliveries never reach the handler loads nothing, and its top-level code runs
 * contained like the handler's.
 */
class RunInstances {
  #current: Promise<ForgeHandler | Problem> | undefined;
  #problem: Problem | undefined;

  constructor(
    readonly module: HandlerModule,
    readonly session: HarnessSession,
  ) {}

  /** The handler of the instance that serves a delivery: a fresh one when it is `cold`. */
  handlerFor(instance: 'warm' | 'cold'): ForgeHandler {
    if (instance === 'cold') this.#current = undefined;
    return (event: unknown, context: unknown) => {
      this.#current ??= loadInInvocation(this.module, this.session.clock);
      return this.#current.then((handler) => {
        if (typeof handler === 'function') return handler(event, context);
        this.#problem ??= handler;
        throw new LoadProblem(handler);
      });
    };
  }

  /** After an invocation: a load that failed stops the check with its problem. */
  rethrowLoadProblem(): void {
    if (this.#problem !== undefined) throw new HarnessUsageError(this.#problem);
  }
}
