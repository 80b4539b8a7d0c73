/**
 * The simulated upstreams of one run. `RunUpstream` holds what persists across the deliveries of one
 * event (the key-value store, the fixtures' state, id counters); `DeliveryUpstream` serves the
 * requests of one delivery against that delivery's plan and records each one exactly as answered.
 */
import type { InjectedFault, RequestRecord, RuntimeIssue } from '../../models/trace.js';
import { surfaceFamily } from '../../models/surfaces.js';
import { VIRTUAL_EPOCH, type VirtualMs } from '../../models/time.js';
import { requestLatencyMs, type LatencyMode } from '../scenario/latency.js';
import type { DeliveryPlan, InstallPropagation, PlannedResponse } from '../scenario/types.js';
import { httpAnswer, toRecord, type Answer } from './answer.js';
import type { DefaultsState } from './defaults.js';
import type { UpstreamFixture } from './fixtures.js';
import { plannedAnswer, productFailure } from './planned.js';
import type { Applied, Refusal } from './prepared.js';
import type { IncomingRequest, SimulationContext } from './simulator.js';
import { PlatformState } from './platform-state.js';
import { SqlRunState } from './sql-database.js';
import { seedStore, type StorageSeed } from './storage-seed.js';
import { KeyValueStore } from './store.js';
import { simulatorOf } from './surfaces.js';
import { createWorld, type World, type WorldSeed } from '../world/index.js';

/** What the delivery tells its invocation. */
export interface DeliveryHooks {
  readonly now: () => VirtualMs;
  readonly onCrash: (fault: Extract<InjectedFault, { kind: 'crash-at-request' }>) => void;
  readonly onIssue: (issue: RuntimeIssue) => void;
}

const OK: PlannedResponse = { kind: 'ok' };

const partFailed = (applied: Applied): Pick<RequestRecord, 'partialFailure'> =>
  applied.partialFailure === undefined ? {} : { partialFailure: applied.partialFailure };

/** What a run starts from besides the user's fixture. */
export interface RunSeeds {
  /** The simulated Jira and Confluence (already joined with the event's issue and page). */
  readonly world?: WorldSeed;
  /** The key-value store's entries. */
  readonly storage?: StorageSeed;
}

/** How the run's requests behave in time, beyond what each delivery plans. */
export interface RunTiming {
  /** The `requestLatency` rule: the planned latency as generated, a tenth of it, or none. @defaultValue 'generated' */
  readonly latency?: LatencyMode;
  /**
   * A life-cycle event's permissions still propagating (docs/platform.md#life-cycle-events): until this
   * many seconds after the event, the app's product calls answer this status. Absent for other events.
   */
  readonly installPropagation?: InstallPropagation;
}

/** The message of a 401/403 while an installed app's permissions propagate, so a report reader can tell it from a real one. */
const PROPAGATION_MESSAGE = 'The app is not yet permitted on this site: its installation is still propagating (planned by forge-retry-harness)';

/** Everything that persists across the deliveries of one run. */
export class RunUpstream {
  readonly store = new KeyValueStore();
  readonly fixtureState = new Map<string, unknown>();
  readonly counters: DefaultsState = { created: 0 };
  readonly sql = new SqlRunState();
  readonly platform = new PlatformState();
  /** The stateful Jira and Confluence of this run, built fresh from the seeds. */
  readonly world: World;
  // The world's timestamps follow the virtual clock of whichever delivery is serving.
  #now: () => number = () => VIRTUAL_EPOCH;

  constructor(
    readonly fixture: UpstreamFixture | undefined,
    seeds: RunSeeds = {},
    readonly timing: RunTiming = {},
  ) {
    this.world = createWorld(seeds.world, { now: () => this.#now() });
    seedStore(this.store, seeds.storage);
  }

  /**
   * Opens the upstreams of one delivery.
   *
   * @example
   * const upstream = run.delivery(1, scenario.deliveries[0] ?? EMPTY_PLAN, hooks);
   */
  delivery(number: number, plan: DeliveryPlan, hooks: DeliveryHooks): DeliveryUpstream {
    this.#now = hooks.now;
    return new DeliveryUpstream(this, number, plan, hooks);
  }
}

/** The upstreams of one delivery. */
export class DeliveryUpstream {
  readonly requests: RequestRecord[] = [];
  #responses = 0;
  #storage = 0;
  readonly #ctx: SimulationContext;
  readonly #timing: RunTiming;

  constructor(
    run: RunUpstream,
    readonly number: number,
    private readonly plan: DeliveryPlan,
    private readonly hooks: DeliveryHooks,
  ) {
    this.#timing = run.timing;
    this.#ctx = {
      delivery: number,
      now: hooks.now,
      store: run.store,
      fixture: run.fixture,
      fixtureState: run.fixtureState,
      counters: run.counters,
      sql: run.sql,
      platform: run.platform,
      world: run.world,
    };
  }

  /**
   * Serves one request: an injected crash first, then a planned failure, else the simulated upstream.
   * The returned answer is exactly what gets recorded.
   *
   * @example
   * upstream.serve({ surface: 'jira', method: 'GET', path: '/rest/api/3/myself', headers: {} }).kind // 'http'
   */
  serve(req: IncomingRequest): Answer {
    const seq = this.requests.length + 1;
    const simulator = simulatorOf(req.surface);
    const prepared = simulator.prepare(req, this.#ctx);
    const refuse = (refusal: string | Refusal | undefined): void => {
      if (refusal === undefined) return;
      const { detail, fix } = typeof refusal === 'string' ? { detail: refusal, fix: undefined } : refusal;
      this.hooks.onIssue({ kind: 'unsupported-surface', surface: req.surface, detail, ...(fix !== undefined ? { fix } : {}) });
    };
    refuse(prepared.unsupported);
    const carryOut = (): Applied => {
      const applied = prepared.apply();
      refuse(applied.unsupported);
      return applied;
    };
    // Storage-family calls draw their planned failures from their own list, DeliveryPlan.storage.
    const planned = surfaceFamily(req.surface) === 'storage' ? this.plan.storage[this.#storage++] : this.plan.responses[this.#responses++];
    const base = {
      delivery: this.number,
      seq,
      at: this.hooks.now(),
      surface: req.surface,
      method: req.method,
      path: req.path,
      ...(req.body !== undefined ? { body: req.body } : {}),
      ...(req.effectBody !== undefined ? { effectBody: req.effectBody } : {}),
      requestHeaders: req.headers,
      ...(prepared.operation !== undefined ? { operation: prepared.operation } : {}),
      ...(req.inFlight !== undefined && req.inFlight.length > 0 ? { inFlight: req.inFlight } : {}),
      ...(req.principal !== undefined ? { principal: req.principal } : {}),
    };
    const effectOf = (applied: Applied): RequestRecord['effect'] => {
      const { status } = applied.answer;
      return prepared.mutates && applied.changed !== false && status >= 200 && status < 300 ? 'applied' : 'not-applied';
    };
    const fault = this.plan.fault;
    if (fault?.kind === 'crash-at-request' && fault.request === seq) {
      // The process dies with the request in flight: the upstream may or may not have carried it out.
      let effect: RequestRecord['effect'] = 'not-applied';
      if (fault.effect === 'applied') effect = effectOf(carryOut());
      const lost: Answer = { kind: 'lost', fault: fault.fault };
      this.requests.push({ ...base, response: lost, effect, source: 'plan' });
      this.hooks.onCrash(fault);
      return lost;
    }
    const latency = requestLatencyMs(this.plan.latency, surfaceFamily(req.surface), seq, this.#timing.latency ?? 'generated');
    const timed = latency > 0 ? { ...base, latencyMs: latency } : base;
    const propagation = this.#timing.installPropagation;
    if (
      propagation !== undefined &&
      surfaceFamily(req.surface) === 'product' &&
      req.principal?.as !== 'user' &&
      base.at < VIRTUAL_EPOCH + propagation.seconds * 1000
    ) {
      // The app's account is still being granted its permissions: refused, nothing carried out.
      const refused = httpAnswer(propagation.status, productFailure(propagation.status, PROPAGATION_MESSAGE));
      this.requests.push({ ...timed, response: toRecord(refused), effect: 'not-applied', source: 'plan', transient: 'install-propagation' });
      return refused;
    }
    const plan = planned ?? OK;
    // A request with its own answer to a planned failure: a batch or multi-event push fails part-way.
    const partial = plan.kind === 'status' ? prepared.plannedFailure?.(plan.status) : undefined;
    if (partial !== undefined) {
      this.requests.push({ ...timed, response: toRecord(partial.answer), effect: effectOf(partial), source: 'plan', ...partFailed(partial) });
      return partial.answer;
    }
    const failure = plannedAnswer(plan, simulator);
    if (failure !== undefined) {
      this.requests.push({ ...timed, response: toRecord(failure), effect: 'not-applied', source: 'plan' });
      return failure;
    }
    const applied = carryOut();
    this.requests.push({ ...timed, response: toRecord(applied.answer), effect: effectOf(applied), source: applied.source, ...partFailed(applied) });
    return applied.answer;
  }
}
