/**
 * Conformance of the many-events model (models/events.ts): random platform choices drive it, and each
 * event's history must be exactly the single-event model's, the concurrency limit must hold, and the
 * `ignoreSelf` filter must keep every self-generated event from the app.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLATFORM_RULES,
  ModelMisuseError,
  VIRTUAL_EPOCH,
  after,
  seconds,
  startEvent,
  step,
  type DeliveryState,
  type Outcome,
} from '../../models/index.js';
import {
  eventEnvironment,
  eventId,
  eventsSettled,
  runnableEvents,
  runningEvents,
  startEvents,
  stepEvents,
  type EventSpec,
  type EventsState,
} from '../../models/events.js';

const OUTCOMES: readonly Outcome[] = [
  { kind: 'success', value: undefined },
  { kind: 'app-retry', request: { retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: undefined, hasRetryData: false } },
  { kind: 'platform-fault', fault: 'timeout' },
];

const spec = (id: number, extra: Partial<EventSpec> = {}): EventSpec => ({
  id: eventId(id),
  enqueuedAt: after(VIRTUAL_EPOCH, seconds(id)),
  payloadBytes: 100,
  selfGenerated: false,
  depth: 0,
  ...extra,
});

/** A random walk: at each step a choice among what the platform may do now. */
const walk = (choices: readonly number[], config: { regime: 'product-event' | 'async-event'; limit?: number; ignoreSelf: boolean; keys: number }) => {
  let state: EventsState = startEvents({ regime: config.regime, rules: DEFAULT_PLATFORM_RULES, ignoreSelf: config.ignoreSelf, concurrencyLimit: config.limit });
  // Each event's inputs, replayed through the single-event model to compare.
  const projected = new Map<number, { state: DeliveryState }>();
  let now = VIRTUAL_EPOCH;
  let maxRunning = 0;
  for (const [i, c] of choices.entries()) {
    const runnable = runnableEvents(state);
    const running = runningEvents(state);
    const options = [...runnable.map((e) => ['begin', e] as const), ...running.map((e) => ['deliver', e] as const), ['arrive', -1] as const];
    const [what, e] = options[c % options.length]!;
    now = after(now, seconds(1));
    if (what === 'arrive') {
      const id = state.events.length;
      const parent = id > 0 && c % 3 === 0 ? eventId(c % id) : undefined;
      const s = spec(id, { concurrencyKey: `k${c % config.keys}`, ...(parent !== undefined ? { selfGenerated: true, parent, depth: 1 } : {}) });
      state = stepEvents(state, { kind: 'arrive', spec: s }).state;
      if (!(s.selfGenerated && config.ignoreSelf)) projected.set(id, { state: startEvent(eventEnvironment(state, s)) });
    } else if (what === 'begin') {
      state = stepEvents(state, { kind: 'begin', event: e }).state;
    } else {
      const outcome = OUTCOMES[(c + i) % OUTCOMES.length]!;
      const slot = state.events[e]!;
      const endedAt = slot.delivery.kind === 'scheduled' && slot.delivery.next.at > now ? slot.delivery.next.at : now;
      state = stepEvents(state, { kind: 'delivered', event: e, outcome, endedAt }).state;
      const p = projected.get(e)!;
      p.state = step(p.state, { kind: 'delivered', outcome, endedAt }, eventEnvironment(state, slot.spec)).state;
    }
    for (const key of new Set(state.events.map((s) => s.spec.concurrencyKey))) {
      maxRunning = Math.max(maxRunning, state.events.filter((s) => s.running && s.spec.concurrencyKey === key).length);
    }
  }
  return { state, projected, maxRunning };
};

const configs = fc.record({
  regime: fc.constantFrom('product-event' as const, 'async-event' as const),
  limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  ignoreSelf: fc.boolean(),
  keys: fc.integer({ min: 1, max: 2 }),
});

describe('events model', () => {
  it("keeps each event's delivery history exactly as the single-event model decides it", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 60 }), configs, (choices, config) => {
        const { state, projected } = walk(choices, config);
        for (const [id, p] of projected) expect(state.events[id]!.delivery).toEqual(p.state);
      }),
    );
  });

  it('never runs more async deliveries of one concurrency key than the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 60 }), configs, (choices, config) => {
        const { maxRunning } = walk(choices, { ...config, regime: 'async-event' });
        if (config.limit !== undefined) expect(maxRunning).toBeLessThanOrEqual(config.limit);
      }),
    );
  });

  it('lets product events run all at once: no limit applies', () => {
    let s = startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: 1 });
    for (const id of [0, 1, 2]) s = stepEvents(s, { kind: 'arrive', spec: spec(id, { concurrencyKey: 'k' }) }).state;
    for (const id of [0, 1, 2]) s = stepEvents(s, { kind: 'begin', event: eventId(id) }).state;
    expect(runningEvents(s)).toEqual([0, 1, 2]);
  });

  it('holds an async event back while its key is at the limit, and lets it begin once one ends', () => {
    let s = startEvents({ regime: 'async-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: 1 });
    for (const id of [0, 1]) s = stepEvents(s, { kind: 'arrive', spec: spec(id, { concurrencyKey: 'k' }) }).state;
    s = stepEvents(s, { kind: 'begin', event: eventId(1) }).state;
    expect(runnableEvents(s)).toEqual([]);
    expect(() => stepEvents(s, { kind: 'begin', event: eventId(0) })).toThrow(ModelMisuseError);
    s = stepEvents(s, { kind: 'delivered', event: eventId(1), outcome: OUTCOMES[0]!, endedAt: after(VIRTUAL_EPOCH, seconds(5)) }).state;
    expect(runnableEvents(s)).toEqual([0]);
  });

  it('lets a later event begin before an earlier one: there is no order between events', () => {
    let s = startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: undefined });
    for (const id of [0, 1]) s = stepEvents(s, { kind: 'arrive', spec: spec(id) }).state;
    expect(runnableEvents(s)).toEqual([0, 1]);
    s = stepEvents(s, { kind: 'begin', event: eventId(1) }).state;
    expect(runnableEvents(s)).toEqual([0]);
  });

  it('never delivers an event whose type the trigger does not list, self-generated or not', () => {
    const start = startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: undefined });
    const dropped = stepEvents(start, { kind: 'arrive', spec: spec(0, { subscribed: false }) });
    expect(dropped.decision).toEqual({ kind: 'filtered', why: 'not a trigger event' });
    expect(runnableEvents(dropped.state)).toEqual([]);
    const kept = stepEvents(dropped.state, { kind: 'arrive', spec: spec(1, { subscribed: true }) });
    expect([kept.decision.kind, runnableEvents(kept.state)]).toEqual(['accepted', [1]]);
  });

  it('filters every self-generated event when ignoreSelf is set, and delivers it when not', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 60 }), configs, (choices, config) => {
        const { state } = walk(choices, config);
        for (const s of state.events) {
          if (s.spec.selfGenerated && config.ignoreSelf) expect(s.delivery.counters.deliveries).toBe(0);
        }
      }),
    );
    const accepted = stepEvents(startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: undefined }), {
      kind: 'arrive',
      spec: spec(0),
    }).state;
    const self = stepEvents(accepted, { kind: 'arrive', spec: spec(1, { selfGenerated: true, parent: eventId(0), depth: 1 }) });
    expect(self.decision.kind).toBe('accepted');
    expect(runnableEvents(self.state)).toEqual([0, 1]);
  });

  it('schedules a redelivery that overlaps a later event', () => {
    let s = startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: undefined });
    s = stepEvents(s, { kind: 'arrive', spec: spec(0) }).state;
    s = stepEvents(s, { kind: 'begin', event: eventId(0) }).state;
    s = stepEvents(s, { kind: 'delivered', event: eventId(0), outcome: OUTCOMES[0]!, endedAt: VIRTUAL_EPOCH }).state;
    s = stepEvents(s, { kind: 'arrive', spec: spec(1) }).state;
    s = stepEvents(s, { kind: 'begin', event: eventId(1) }).state;
    const t = stepEvents(s, { kind: 'redeliver', event: eventId(0), at: after(VIRTUAL_EPOCH, seconds(2)) });
    expect(t.decision).toMatchObject({ kind: 'delivery', decision: { kind: 'redeliver' } });
    expect(runnableEvents(t.state)).toEqual([0]);
    expect(runningEvents(t.state)).toEqual([1]);
    expect(eventsSettled(t.state)).toBe(false);
  });

  it('refuses inputs its state cannot take', () => {
    const s = startEvents({ regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, ignoreSelf: false, concurrencyLimit: undefined });
    expect(() => stepEvents(s, { kind: 'arrive', spec: spec(3) })).toThrow(ModelMisuseError);
    expect(() => stepEvents(s, { kind: 'arrive', spec: spec(0, { selfGenerated: true }) })).toThrow(ModelMisuseError);
    const one = stepEvents(s, { kind: 'arrive', spec: spec(0) }).state;
    expect(() => stepEvents(one, { kind: 'delivered', event: eventId(0), outcome: OUTCOMES[0]!, endedAt: VIRTUAL_EPOCH })).toThrow(ModelMisuseError);
  });
});
