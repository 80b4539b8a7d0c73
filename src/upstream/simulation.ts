/**
 * The simulated upstreams of one run. `RunUpstream` holds what persists across the deliveries of one
 * event (the key-value store, the fixtures' state, id counters); `DeliveryUpstream` serves the
 * requests of one delivery against that delivery's plan and records each one exactly as answered.
 */
import type { InjectedFault, RequestRecord, RuntimeIssue, UpstreamSurface } from '../../models/trace.js';
import type { VirtualMs } from '../../models/time.js';
import type { DeliveryPlan, PlannedResponse } from '../scenario/types.js';
import { toRecord, type Answer } from './answer.js';
import type { DefaultsState } from './defaults.js';
import type { UpstreamFixture, UpstreamRequest } from './fixtures.js';
import { prepareHttp, prepareUnsupported } from './http-surfaces.js';
import { prepareKvs } from './kvs.js';
import { prepareLegacyStorage } from './legacy-storage.js';
import { plannedAnswer, STORAGE_SURFACES } from './planned.js';
import type { PreparedRequest } from './prepared.js';
import { preparePush } from './queue.js';
import { prepareSql } from './sql.js';
import { KeyValueStore } from './store.js';

/** A request as the runtime hands it over. */
export interface IncomingRequest {
  readonly surface: UpstreamSurface;
  /** Set when the surface is known not to be simulated. */
  readonly unsupported?: string;
  readonly method: string;
  /** Product path with query, or the full URL for external requests. */
  readonly path: string;
  readonly url?: string;
  /** Names in lower case. */
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What the delivery tells its invocation. */
export interface DeliveryHooks {
  readonly now: () => VirtualMs;
  readonly onCrash: (fault: Extract<InjectedFault, { kind: 'crash-at-request' }>) => void;
  readonly onIssue: (issue: RuntimeIssue) => void;
}

const OK: PlannedResponse = { kind: 'ok' };

/** Everything that persists across the deliveries of one run. */
export class RunUpstream {
  readonly store = new KeyValueStore();
  readonly fixtureState = new Map<string, unknown>();
  readonly counters: DefaultsState = { created: 0 };

  constructor(readonly fixture: UpstreamFixture | undefined) {}

  /**
   * Opens the upstreams of one delivery.
   *
   * @example
   * const upstream = run.delivery(1, scenario.deliveries[0] ?? EMPTY_PLAN, hooks);
   */
  delivery(number: number, plan: DeliveryPlan, hooks: DeliveryHooks): DeliveryUpstream {
    return new DeliveryUpstream(this, number, plan, hooks);
  }
}

/** The upstreams of one delivery. */
export class DeliveryUpstream {
  readonly requests: RequestRecord[] = [];
  #responses = 0;
  #storage = 0;

  constructor(
    private readonly run: RunUpstream,
    readonly number: number,
    private readonly plan: DeliveryPlan,
    private readonly hooks: DeliveryHooks,
  ) {}

  /**
   * Serves one request: an injected crash first, then a planned failure, else the simulated upstream.
   * The returned answer is exactly what gets recorded.
   *
   * @example
   * upstream.serve({ surface: 'jira', method: 'GET', path: '/rest/api/3/myself', headers: {} }).kind // 'http'
   */
  serve(req: IncomingRequest): Answer {
    const seq = this.requests.length + 1;
    const prepared = this.prepare(req);
    if (prepared.unsupported !== undefined) {
      this.hooks.onIssue({ kind: 'unsupported-surface', surface: req.surface, detail: prepared.unsupported });
    }
    const planned = STORAGE_SURFACES.has(req.surface) ? this.plan.storage[this.#storage++] : this.plan.responses[this.#responses++];
    const base = {
      delivery: this.number,
      seq,
      at: this.hooks.now(),
      surface: req.surface,
      method: req.method,
      path: req.path,
      ...(req.body !== undefined ? { body: req.body } : {}),
      requestHeaders: req.headers,
      ...(prepared.operation !== undefined ? { operation: prepared.operation } : {}),
    };
    const fault = this.plan.fault;
    if (fault?.kind === 'crash-at-request' && fault.request === seq) {
      // The process dies with the request in flight: the upstream may or may not have carried it out.
      let effect: RequestRecord['effect'] = 'not-applied';
      if (fault.effect === 'applied') {
        prepared.apply();
        if (prepared.mutates) effect = 'applied';
      }
      const lost: Answer = { kind: 'lost', fault: fault.fault };
      this.requests.push({ ...base, response: lost, effect, source: 'plan' });
      this.hooks.onCrash(fault);
      return lost;
    }
    const failure = plannedAnswer(planned ?? OK, req.surface);
    if (failure !== undefined) {
      this.requests.push({ ...base, response: toRecord(failure), effect: 'not-applied', source: 'plan' });
      return failure;
    }
    const { answer, source } = prepared.apply();
    const succeeded = answer.status >= 200 && answer.status < 300;
    this.requests.push({ ...base, response: toRecord(answer), effect: prepared.mutates && succeeded ? 'applied' : 'not-applied', source });
    return answer;
  }

  private prepare(req: IncomingRequest): PreparedRequest {
    const { store } = this.run;
    const now = this.hooks.now;
    switch (req.surface) {
      case 'kvs':
        return prepareKvs(req.path.split('?', 1)[0] ?? req.path, req.body, store, now);
      case 'storage':
        return prepareLegacyStorage(req.body, store, now);
      case 'queue':
        return preparePush(req.body);
      case 'sql':
        return prepareSql(req.body);
      case 'unsupported':
        return prepareUnsupported(req.unsupported ?? `${req.method} ${req.path}`);
      default:
        return prepareHttp(this.fixtureRequest(req), this.run.fixture, this.run.fixtureState, this.run.counters);
    }
  }

  private fixtureRequest(req: IncomingRequest): UpstreamRequest {
    const { body } = req;
    return {
      surface: req.surface,
      method: req.method,
      path: req.path,
      ...(req.url !== undefined ? { url: req.url } : {}),
      headers: { ...req.headers },
      ...(body !== undefined ? { body } : {}),
      json: () => {
        try {
          return body === undefined ? undefined : (JSON.parse(body) as unknown);
        } catch {
          return undefined;
        }
      },
      delivery: this.number,
    };
  }
}
