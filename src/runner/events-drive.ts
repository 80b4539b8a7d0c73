/**
 * The many-events driver: plays the events of a scenario on one issue through the events model
 * (models/events.ts) with one shared upstream, interleaving their deliveries request by request as the
 * scenario's schedule says. Each request is one atomic step against the shared store; between steps,
 * any delivery that may go on can be the next. The runtime runs one invocation at a time, so a paused
 * delivery is resumed by running its handler again from the start with the answers it already had
 * (handlers are deterministic under the harness, which the replay checks request by request) and
 * serving its next request live. Serial references (the external events one after another, in every
 * order) are played the same way when two events wrote one key.
 */
import { eventId, runnableEvents, startEvents, stepEvents, type EventId, type EventsState } from '../../models/events.js';
import type { EventRecord, EventsTrace, SerialReference, ServedStep, StoredValues } from '../../models/events-trace.js';
import type { ScheduledDelivery } from '../../models/delivery-types.js';
import { utf8Length } from '../../models/retry-data.js';
import { after, seconds, VIRTUAL_EPOCH, type VirtualMs } from '../../models/time.js';
import type { DeliveryRecord, RequestRecord } from '../../models/trace.js';
import { formatMessage } from '../messages/format.js';
import { prepareCall, type ForgeHandler } from '../runtime/handler-call.js';
import { runInvocation } from '../runtime/run-invocation.js';
import type { HarnessSession } from '../runtime/session.js';
import { sequentialUuid } from '../runtime/uuid.js';
import type { Answer } from '../upstream/answer.js';
import { DeliveryUpstream, RunUpstream, type DeliveryHooks } from '../upstream/simulation.js';
import type { IncomingRequest } from '../upstream/simulator.js';
import { RunRandom } from '../runtime/seeded-random.js';
import type { DeliveryPlan } from '../scenario/types.js';
import { changeKind, type EventsScenario } from '../scenario/events.js';
import type { ResolvedOptions } from './resolved-options.js';
import { changedAt, EventsIssue, type FieldChange } from './events-issue.js';

/** What an events run needs from the check. */
export interface EventsDriveOptions {
  readonly handler: ForgeHandler;
  readonly options: ResolvedOptions;
  /** The manifest's `filter.ignoreSelf`. */
  readonly ignoreSelf: boolean;
  /** Self-generated events past this depth are not produced (the no-self-trigger-loop bound). */
  readonly selfTriggerDepth: number;
}

const EMPTY_PLAN: DeliveryPlan = Object.freeze({ responses: [], storage: [] });
/** The harness's own bound on steps of one run (requests plus delivery ends). */
const MAX_STEPS = 400;

/** A request already served live, with the answer the handler got. */
interface Served {
  readonly record: RequestRecord;
  readonly answer: Answer;
}

/** A delivery under way: what it was given so far. */
interface Task {
  readonly event: EventId;
  readonly delivery: ScheduledDelivery;
  readonly served: Served[];
}

/**
 * The upstream of one replayed invocation: the answers it had, then live requests, then a pause. It
 * serves one live request, or (`steady`) as many as the handler makes until one of them writes the
 * issue (which produces an event and so changes the choices) or the delivery ends.
 */
class StepUpstream extends DeliveryUpstream {
  paused = false;
  readonly live: Served[] = [];
  readonly #known: readonly Served[];
  readonly #hooks: DeliveryHooks;
  readonly #steady: boolean;
  readonly #wrote: () => boolean;

  constructor(run: RunUpstream, number: number, hooks: DeliveryHooks, known: readonly Served[], steady: boolean, wrote: () => boolean) {
    super(run, number, EMPTY_PLAN, hooks);
    this.#known = known;
    this.#hooks = hooks;
    this.#steady = steady;
    this.#wrote = wrote;
  }

  override serve(req: IncomingRequest): Answer {
    const seq = this.requests.length + 1;
    const known = this.#known[seq - 1];
    if (known !== undefined) {
      const r = known.record;
      if (r.method !== req.method || r.path !== req.path || r.body !== req.body) {
        throw new Error(
          formatMessage(
            `the handler made request ${seq} as ${req.method} ${req.path} when run again with the same answers, where it had made ${r.method} ${r.path}; ` +
              'it is not deterministic under the harness (does it keep state in module variables, or read real time?)',
          ),
        );
      }
      this.requests.push(r);
      return known.answer;
    }
    if (!this.paused && (this.live.length === 0 || (this.#steady && !this.#wrote()))) {
      const answer = super.serve(req);
      this.live.push({ record: this.requests[this.requests.length - 1]!, answer });
      return answer;
    }
    // The next request waits for the schedule: this run of the handler ends here and is discarded.
    this.paused = true;
    this.#hooks.onCrash({ kind: 'crash-at-request', fault: 'timeout', request: seq, effect: 'not-applied' });
    return { kind: 'lost', fault: 'timeout' };
  }
}

const payloadBytes = (payload: unknown): number => utf8Length(JSON.stringify(payload) ?? '');

const storedValues = (run: RunUpstream, now: VirtualMs): StoredValues =>
  Object.fromEntries(run.store.allEntries(now).map(([name, entry]) => [name, JSON.stringify(entry.value) ?? 'undefined']));

/** One delivery that may go on at a step. */
interface Choice {
  readonly event: EventId;
  readonly running: boolean;
  readonly external: boolean;
}

/**
 * How the next step is chosen: from the running and runnable events (ids ascending), the index to take.
 * `steady(step)` says that from this step on the chooser takes the same delivery for as long as the
 * choices stay the same (a schedule past its end, a serial order): the driver then lets that delivery
 * make its requests in one invocation instead of one replay per request, which gives the same trace.
 */
interface Chooser {
  readonly pick: (step: number, choices: readonly Choice[]) => number;
  readonly steady: (step: number) => boolean;
}

interface RunResult {
  readonly events: EventRecord[];
  readonly served: ServedStep[];
  readonly finalValues: StoredValues;
  readonly selfChainCut?: { readonly depth: number; readonly event: EventId };
}

/** Told, at every step of a run, how many deliveries could have gone on (1 for each step of a one-choice run of requests). */
export type StepObserver = (step: number, choices: number) => void;

const playOnce = async (
  session: HarnessSession,
  o: EventsDriveOptions,
  scenario: EventsScenario,
  choose: Chooser,
  onStep?: StepObserver,
): Promise<RunResult> => {
  // One seeded generator per play, from the scenario: a paused delivery replayed from its start draws the same.
  const random = new RunRandom(JSON.stringify(scenario));
  const { options } = o;
  const issue = new EventsIssue();
  // What the last live request changed on the issue (set by the issue's fixture, read after each step).
  let pendingWrite: readonly FieldChange[];
  const run = new RunUpstream(
    issue.fixture(options.upstream, (changes) => {
      pendingWrite = changes;
    }),
  );
  let state: EventsState = startEvents({ regime: 'product-event', rules: options.rules, ignoreSelf: o.ignoreSelf, concurrencyLimit: undefined });
  const events: { record: Omit<EventRecord, 'deliveries'>; deliveries: DeliveryRecord[] }[] = [];
  const types = options.manyEvents.eventTypes;
  const arrive = (record: Omit<EventRecord, 'deliveries' | 'filtered' | 'id' | 'unsubscribed'>, enqueuedAt: VirtualMs): void => {
    const id = eventId(events.length);
    const type = (record.payload as { readonly eventType?: unknown }).eventType;
    const subscribed = types === undefined || (typeof type === 'string' && types.includes(type));
    const t = stepEvents(state, {
      kind: 'arrive',
      spec: {
        id,
        enqueuedAt,
        payloadBytes: payloadBytes(record.payload),
        selfGenerated: record.selfGenerated,
        depth: record.depth,
        ...(record.parent !== undefined ? { parent: record.parent } : {}),
        ...(subscribed ? {} : { subscribed }),
      },
    });
    state = t.state;
    events.push({
      record: { ...record, id, filtered: t.decision.kind === 'filtered', ...(subscribed ? {} : { unsubscribed: true as const }) },
      deliveries: [],
    });
  };
  scenario.changes.forEach((c, i) => {
    const happened = changedAt(VIRTUAL_EPOCH, i);
    arrive(
      { change: changeKind(c), payload: issue.change(c, happened), timestamp: happened, selfGenerated: false, depth: 0 },
      after(happened, seconds(scenario.lateness[i] ?? 0)),
    );
  });
  const timeoutMs = 1000 * options.timeoutSeconds;
  const tasks = new Map<EventId, Task>();
  const served: ServedStep[] = [];
  let duplicated = false;
  let selfChainCut: RunResult['selfChainCut'];
  const external = scenario.changes.length;

  for (let stepNo = 0; stepNo < MAX_STEPS; stepNo++) {
    const runnable = runnableEvents(state);
    const ids = [...new Set([...tasks.keys(), ...runnable])].sort((a, b) => a - b);
    if (ids.length === 0) break;
    const choices = ids.map((event) => ({ event, running: tasks.has(event), external: event < external }));
    const picked = choices[choose.pick(stepNo, choices) % choices.length]!.event;
    // The choices change only when a delivery ends or a write produces an event: until then, one choice
    // (or a steady chooser) takes this delivery at every step.
    const steady = choices.length === 1 || choose.steady(stepNo);
    let task = tasks.get(picked);
    if (task === undefined) {
      const slot = state.events[picked]!;
      if (slot.delivery.kind !== 'scheduled') throw new Error(formatMessage(`event ${picked} has nothing scheduled`));
      state = stepEvents(state, { kind: 'begin', event: picked }).state;
      task = { event: picked, delivery: slot.delivery.next, served: [] };
      tasks.set(picked, task);
    }
    const entry = events[picked]!;
    const next = task.delivery;
    const startAt = next.at;
    const known = task.served;
    let upstream: StepUpstream | undefined;
    let uuids = 0;
    const call = prepareCall(o.handler, {
      regime: 'product-event',
      payload: entry.record.payload,
      ...(next.retryContext !== undefined ? { retryContext: next.retryContext } : {}),
      consumerShape: options.consumerShape,
      functionKey: options.functionKey,
    });
    pendingWrite = [];
    const result = await runInvocation({
      session,
      delivery: next.number,
      start: startAt,
      timeoutMs,
      openUpstream: (hooks) => (upstream = new StepUpstream(run, next.number, hooks, known, steady, () => pendingWrite.length > 0)),
      nextUuid: () => sequentialUuid(1000 * (picked + 1) + 100 * next.number + ++uuids),
      random,
      call: call.invoke,
    });
    const up = upstream!;
    onStep?.(stepNo, choices.length);
    // Each live request is one step of the schedule, as if served by a replay of its own.
    for (let extra = 1; extra < up.live.length; extra++) onStep?.(stepNo + extra, choices.length);
    stepNo += Math.max(0, up.live.length - 1);
    for (const live of up.live) {
      known.push(live);
      served.push({ event: picked, delivery: next.number, seq: live.record.seq });
    }
    const last = up.live[up.live.length - 1];
    if (last !== undefined && pendingWrite.length > 0) {
      const depth = entry.record.depth + 1;
      if (depth > o.selfTriggerDepth) selfChainCut ??= { depth, event: picked };
      else {
        // The product records the change once the write is done: a moment after the request, never at it.
        const at = after(last.record.at, seconds(1));
        arrive(
          {
            change: 'updated',
            payload: issue.payload('avi:jira:updated:issue', at, true, pendingWrite),
            timestamp: at,
            selfGenerated: true,
            depth,
            parent: picked,
          },
          at,
        );
      }
    }
    if (up.paused) continue;
    const t = stepEvents(state, { kind: 'delivered', event: picked, outcome: result.outcome, endedAt: result.endedAt < startAt ? startAt : result.endedAt });
    state = t.state;
    tasks.delete(picked);
    const decision = t.decision.kind === 'delivery' ? t.decision.decision : { kind: 'complete' as const, assumptions: [] };
    entry.deliveries.push({
      number: next.number,
      kind: next.kind,
      startedAt: startAt,
      endedAt: result.endedAt,
      ...(next.retryContext !== undefined ? { retryContext: next.retryContext } : {}),
      timeoutMs,
      requests: known.map((s) => s.record),
      outcome: result.outcome,
      decision,
      issues: result.issues,
    });
    const done = state.events[picked]!.delivery;
    if (picked === scenario.duplicate && !duplicated && done.kind === 'completed') {
      // At-least-once: the event arrives once more, and may overlap the events after it.
      duplicated = true;
      state = stepEvents(state, { kind: 'redeliver', event: picked, at: done.at }).state;
    }
    // The harness's own bound on deliveries per event, as for one event.
    if (entry.deliveries.length >= options.maxDeliveries && state.events[picked]!.delivery.kind === 'scheduled') break;
  }
  return {
    events: events.map((e) => ({ ...e.record, deliveries: e.deliveries })),
    served,
    finalValues: storedValues(run, after(VIRTUAL_EPOCH, seconds(86_400))),
    ...(selfChainCut !== undefined ? { selfChainCut } : {}),
  };
};

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1 ? [[...items]] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

/** Runs every delivery to its end before the next; external events in `order`, others as they come. */
const serialChooser = (order: readonly number[]): Chooser => ({
  pick: (_, choices) => {
    const running = choices.findIndex((c) => c.running);
    if (running >= 0) return running;
    const internal = choices.findIndex((c) => !c.external);
    if (internal >= 0) return internal;
    const ranked = choices.map((c, i) => ({ i, rank: order.indexOf(c.event) })).sort((a, b) => a.rank - b.rank);
    return ranked[0]!.i;
  },
  // A running delivery goes on to its end.
  steady: () => true,
});

/** Follows the scenario's schedule; past its end every step takes the first choice. */
const scheduleChooser = (schedule: readonly number[]): Chooser => ({
  pick: (step) => schedule[step] ?? 0,
  steady: (step) => step >= schedule.length,
});

/** Keys (of stored values) that requests of two or more events wrote. */
const sharedWrites = (events: readonly EventRecord[]): boolean => {
  const writers = new Map<string, Set<number>>();
  for (const e of events)
    for (const d of e.deliveries)
      for (const r of d.requests) {
        if (r.effect !== 'applied' || r.operation === undefined) continue;
        for (const key of [r.operation.key, ...(r.operation.keys ?? [])]) {
          if (key === undefined) continue;
          const set = writers.get(key) ?? new Set<number>();
          set.add(e.id);
          writers.set(key, set);
        }
      }
  return [...writers.values()].some((s) => s.size > 1);
};

/**
 * Plays one many-events scenario and returns its trace; `onStep` sees how many choices each step had
 * (the exhaustive walk branches on them). Must run inside the harness lock.
 *
 * @example
 * const trace = await driveEvents(session, { handler, options, ignoreSelf: false, selfTriggerDepth: 3 }, scenario);
 */
export const driveEvents = async (session: HarnessSession, o: EventsDriveOptions, scenario: EventsScenario, onStep?: StepObserver): Promise<EventsTrace> => {
  const result = await playOnce(session, o, scenario, scheduleChooser(scenario.schedule), onStep);
  const serial: SerialReference[] = [];
  if (sharedWrites(result.events)) {
    for (const order of permutations(scenario.changes.map((_, i) => i))) {
      const ref = await playOnce(session, o, scenario, serialChooser(order));
      serial.push({ order: order.map(eventId), values: ref.finalValues });
    }
  }
  return {
    rules: o.options.rules,
    startedAt: VIRTUAL_EPOCH,
    events: result.events,
    served: result.served,
    finalValues: result.finalValues,
    serial,
    ...(result.selfChainCut !== undefined ? { selfChainCut: result.selfChainCut } : {}),
  };
};
