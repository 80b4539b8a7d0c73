/**
 * Many events in flight: the platform's freedom between events, made explicit. Each event keeps its own
 * delivery state machine (./delivery.ts, unchanged); this model only says which of them may run next.
 * - No order between events (FORGE_FACTS: "no ordering guarantee between events", D): any event that
 *   has arrived may begin, in any order, and late (lateness is the gap between enqueue and delivery).
 * - Async events run in parallel ("like SQS without FIFO", FORGE_FACTS, D), at most `limit` at a time
 *   per concurrency key when `Queue.push` set one; product events have no such limit.
 * - A redelivery (at-least-once) or a retry may overlap later events: it is one more delivery to run.
 * - The app's own writes produce events too (`selfGenerated: true`); the manifest filter `ignoreSelf`
 *   keeps them from the app (FORGE_FACTS, events `filter`).
 * The interleaving of running deliveries at their awaits is the runner's schedule; here a delivery is
 * `running` from `begin` to `delivered`. Pure: no I/O, no clock, no globals.
 */
import { match } from 'ts-pattern';
import type { Regime } from './codes.js';
import { ModelMisuseError, startEvent, step } from './delivery.js';
import type { Decision, DeliveryEnvironment, DeliveryState } from './delivery-types.js';
import type { Outcome } from './outcome.js';
import type { PlatformRules } from './rules.js';
import type { VirtualMs } from './time.js';

/** An event's 0-based number in the order the events were produced. */
export type EventId = number & { readonly __brand: 'EventId' };

/** Brands a number as an event id. */
export const eventId = (n: number): EventId => n as EventId;

/** An event as the platform receives it. */
export interface EventSpec {
  readonly id: EventId;
  readonly enqueuedAt: VirtualMs;
  readonly payloadBytes: number;
  /** True when the app's own write produced it. */
  readonly selfGenerated: boolean;
  /** 0 for an event from outside; one more than its parent's for a self-generated one. */
  readonly depth: number;
  /** The event whose delivery made the write that produced it. */
  readonly parent?: EventId;
  /** The async concurrency key (`Queue.push` option `concurrency.key`); absent: none. */
  readonly concurrencyKey?: string;
  /** False when the trigger does not list the event's type (manifest `events`): the platform never delivers it. */
  readonly subscribed?: boolean;
}

/** What the platform knows of the events of a run, and the rules between them. */
export interface EventsState {
  readonly regime: Regime;
  readonly rules: PlatformRules;
  /** The manifest's `filter.ignoreSelf`: self-generated events are not delivered. */
  readonly ignoreSelf: boolean;
  /** Most deliveries running at once per concurrency key (`Queue.push` option `concurrency.limit`). */
  readonly concurrencyLimit: number | undefined;
  readonly events: readonly EventSlot[];
}

/** One event: its spec, its delivery state, and whether its scheduled delivery is running. */
export interface EventSlot {
  readonly spec: EventSpec;
  readonly delivery: DeliveryState;
  readonly running: boolean;
}

/** What the platform is told or does between events. */
export type EventsInput =
  /** An event is produced (by the outside world or by the app's write). */
  | { readonly kind: 'arrive'; readonly spec: EventSpec }
  /** The platform starts the scheduled delivery of `event`. */
  | { readonly kind: 'begin'; readonly event: EventId }
  /** The running delivery of `event` ended. */
  | { readonly kind: 'delivered'; readonly event: EventId; readonly outcome: Outcome; readonly endedAt: VirtualMs }
  /** At-least-once: the completed `event` is delivered again at `at`. */
  | { readonly kind: 'redeliver'; readonly event: EventId; readonly at: VirtualMs };

/** What the platform decided. */
export type EventsDecision =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'filtered'; readonly why: string }
  | { readonly kind: 'began' }
  | { readonly kind: 'delivery'; readonly decision: Decision };

/**
 * No events yet.
 *
 * @example
 * const s = startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: undefined });
 */
export const startEvents = (config: Omit<EventsState, 'events'>): EventsState => ({ ...config, events: [] });

/** The delivery environment of one event (the single-event model's input). */
export const eventEnvironment = (state: Pick<EventsState, 'regime' | 'rules'>, spec: EventSpec): DeliveryEnvironment => ({
  regime: state.regime,
  rules: state.rules,
  payloadBytes: spec.payloadBytes,
  enqueuedAt: spec.enqueuedAt,
});

const misuse = (why: string): never => {
  throw new ModelMisuseError(`forge-retry-harness events model: ${why}`);
};

const slotOf = (state: EventsState, id: EventId): EventSlot => state.events[id] ?? misuse(`no event ${id}`);

const replace = (state: EventsState, slot: EventSlot): EventsState => ({
  ...state,
  events: state.events.map((s) => (s.spec.id === slot.spec.id ? slot : s)),
});

const runningWithKey = (state: EventsState, key: string | undefined): number =>
  state.events.filter((s) => s.running && s.spec.concurrencyKey === key && key !== undefined).length;

/**
 * The events whose scheduled delivery the platform may begin now, in id order: scheduled, not running,
 * and under the concurrency limit of their key. Which one begins is the platform's free choice.
 *
 * @example
 * runnableEvents(state) // [0, 2]
 */
export const runnableEvents = (state: EventsState): EventId[] =>
  state.events
    .filter((s) => s.delivery.kind === 'scheduled' && !s.running)
    .filter(
      (s) => state.regime !== 'async-event' || state.concurrencyLimit === undefined || runningWithKey(state, s.spec.concurrencyKey) < state.concurrencyLimit,
    )
    .map((s) => s.spec.id);

/** The events whose delivery is running. */
export const runningEvents = (state: EventsState): EventId[] => state.events.filter((s) => s.running).map((s) => s.spec.id);

/**
 * One transition between events. Each event's own transitions are the single-event model's `step`.
 *
 * @example
 * stepEvents(s, { kind: 'begin', event: eventId(0) }).decision.kind // 'began'
 */
export const stepEvents = (state: EventsState, input: EventsInput): { readonly state: EventsState; readonly decision: EventsDecision } =>
  match(input)
    .with({ kind: 'arrive' }, (i) => {
      if (i.spec.id !== state.events.length) misuse(`event ${i.spec.id} arrived as event ${state.events.length}`);
      if (i.spec.selfGenerated !== (i.spec.parent !== undefined)) misuse('a self-generated event names its parent, and only it does');
      const unsubscribed = i.spec.subscribed === false;
      if (unsubscribed || (i.spec.selfGenerated && state.ignoreSelf)) {
        // The filter drops it before any delivery; it still counts as produced, so ids stay dense.
        const dropped: DeliveryState = {
          kind: 'completed',
          at: i.spec.enqueuedAt,
          counters: { deliveries: 0, appRetries: 0, platformRetries: 0, retryCount: 0 },
          last: { number: 0, kind: 'first', at: i.spec.enqueuedAt },
        };
        return {
          state: { ...state, events: [...state.events, { spec: i.spec, delivery: dropped, running: false }] },
          decision: { kind: 'filtered', why: unsubscribed ? 'not a trigger event' : 'filter.ignoreSelf' } as const,
        };
      }
      const slot: EventSlot = { spec: i.spec, delivery: startEvent(eventEnvironment(state, i.spec)), running: false };
      return { state: { ...state, events: [...state.events, slot] }, decision: { kind: 'accepted' } as const };
    })
    .with({ kind: 'begin' }, (i) => {
      if (!runnableEvents(state).includes(i.event)) misuse(`event ${i.event} cannot begin now`);
      return { state: replace(state, { ...slotOf(state, i.event), running: true }), decision: { kind: 'began' } as const };
    })
    .with({ kind: 'delivered' }, (i) => {
      const slot = slotOf(state, i.event);
      if (!slot.running) misuse(`event ${i.event} has no running delivery`);
      const t = step(slot.delivery, { kind: 'delivered', outcome: i.outcome, endedAt: i.endedAt }, eventEnvironment(state, slot.spec));
      return { state: replace(state, { ...slot, delivery: t.state, running: false }), decision: { kind: 'delivery', decision: t.decision } as const };
    })
    .with({ kind: 'redeliver' }, (i) => {
      const slot = slotOf(state, i.event);
      const t = step(slot.delivery, { kind: 'redeliver', at: i.at }, eventEnvironment(state, slot.spec));
      return { state: replace(state, { ...slot, delivery: t.state }), decision: { kind: 'delivery', decision: t.decision } as const };
    })
    .exhaustive();

/** True when no event has anything scheduled or running. */
export const eventsSettled = (state: EventsState): boolean => state.events.every((s) => !s.running && s.delivery.kind !== 'scheduled');
