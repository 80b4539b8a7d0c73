/**
 * The many-events properties judged on hand-made events traces: each fails on the trace that shows its
 * bug and passes on the nearest trace that does not.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM_RULES, VIRTUAL_EPOCH, after, seconds } from '../../models/index.js';
import { eventId } from '../../models/events.js';
import type { EventRecord, EventsTrace, ServedStep } from '../../models/events-trace.js';
import type { RequestRecord } from '../../models/trace.js';
import { noLostUpdates } from '../../properties/no-lost-updates.js';
import { noSelfTriggerLoop } from '../../properties/no-self-trigger-loop.js';
import { noStaleOverwrite } from '../../properties/no-stale-overwrite.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';

const kvs = (seq: number, name: 'get' | 'set' | 'transact', key: string, value?: string): RequestRecord => ({
  delivery: 1,
  seq,
  at: VIRTUAL_EPOCH,
  surface: 'kvs',
  method: 'POST',
  path: `/api/v1/${name}`,
  operation: { surface: 'kvs', name, key, ...(value !== undefined ? { value } : {}) },
  response: { kind: 'http', status: name === 'get' ? 200 : 204, headers: {}, body: '' },
  effect: name === 'get' ? 'not-applied' : 'applied',
  source: 'storage',
});

const event = (id: number, requests: RequestRecord[], extra: Partial<EventRecord> = {}): EventRecord => ({
  id: eventId(id),
  change: 'updated',
  payload: {},
  timestamp: after(VIRTUAL_EPOCH, seconds(60 * id)),
  selfGenerated: false,
  depth: 0,
  filtered: false,
  deliveries: [
    {
      number: 1,
      kind: 'first',
      startedAt: VIRTUAL_EPOCH,
      endedAt: VIRTUAL_EPOCH,
      timeoutMs: 25_000,
      requests,
      outcome: { kind: 'success', value: undefined },
      decision: { kind: 'complete', assumptions: [] },
      issues: [],
    },
  ],
  ...extra,
});

const trace = (events: EventRecord[], served: [number, number][], finalValues: Record<string, string>, serial: Record<string, string>[]): EventsTrace => ({
  rules: DEFAULT_PLATFORM_RULES,
  startedAt: VIRTUAL_EPOCH,
  events,
  served: served.map(([e, seq]): ServedStep => ({ event: eventId(e), delivery: 1, seq })),
  finalValues,
  serial: serial.map((values, i) => ({ order: i === 0 ? [eventId(0), eventId(1)] : [eventId(1), eventId(0)], values })),
});

const S = DEFAULT_PROPERTY_SETTINGS;
const counterEvents = [event(0, [kvs(1, 'get', 'n'), kvs(2, 'set', 'n', '1')]), event(1, [kvs(1, 'get', 'n'), kvs(2, 'set', 'n', '1')])];

const blind = [event(0, [kvs(1, 'set', 's', '"old"')]), event(1, [kvs(1, 'set', 's', '"new"')])];
const readFirst = [event(0, [kvs(1, 'get', 's'), kvs(2, 'set', 's', '"old"')]), event(1, [kvs(1, 'set', 's', '"new"')])];
const selfChain = [event(0, []), event(1, [], { selfGenerated: true, parent: eventId(0), depth: 1 })];
const overlapping: [number, number][] = [
  [0, 1],
  [1, 1],
  [0, 2],
  [1, 2],
];

/** One hand-made trace and the verdict one property must give on it. */
interface VerdictCase {
  readonly name: string;
  readonly property: typeof noLostUpdates | typeof noStaleOverwrite | typeof noSelfTriggerLoop;
  readonly trace: EventsTrace;
  /** Matched with toMatchObject: a failure names the event (and request) it blames. */
  readonly verdict: { readonly kind: 'pass' } | { readonly kind: 'fail'; readonly event: number; readonly request?: number };
}

const VERDICT_CASES: readonly VerdictCase[] = [
  {
    name: 'fails when a write from a stale read leaves a value no serial order gives',
    property: noLostUpdates,
    trace: trace(counterEvents, overlapping, { 'kv:n': '1' }, [{ 'kv:n': '2' }, { 'kv:n': '2' }]),
    verdict: { kind: 'fail', event: 1, request: 2 },
  },
  {
    name: 'passes when the final value is one some serial order gives (last writer wins)',
    property: noLostUpdates,
    trace: trace(counterEvents, overlapping, { 'kv:n': '1' }, [{ 'kv:n': '1' }, { 'kv:n': '1' }]),
    verdict: { kind: 'pass' },
  },
  {
    name: 'passes when the deliveries did not overlap',
    property: noLostUpdates,
    trace: trace(
      counterEvents,
      [
        [0, 1],
        [0, 2],
        [1, 1],
        [1, 2],
      ],
      { 'kv:n': '1' },
      [{ 'kv:n': '2' }, { 'kv:n': '2' }],
    ),
    verdict: { kind: 'pass' },
  },
  {
    name: "fails when an older event's blind write lands after a newer one's and leaves the older value",
    property: noStaleOverwrite,
    trace: trace(
      blind,
      [
        [1, 1],
        [0, 1],
      ],
      { 'kv:s': '"old"' },
      [{ 'kv:s': '"new"' }, { 'kv:s': '"old"' }],
    ),
    verdict: { kind: 'fail', event: 0 },
  },
  {
    name: 'passes when the writes landed in the order the events happened',
    property: noStaleOverwrite,
    trace: trace(
      blind,
      [
        [0, 1],
        [1, 1],
      ],
      { 'kv:s': '"new"' },
      [{ 'kv:s': '"new"' }, { 'kv:s': '"old"' }],
    ),
    verdict: { kind: 'pass' },
  },
  {
    name: 'does not judge a write that read the value first',
    property: noStaleOverwrite,
    trace: trace(
      readFirst,
      [
        [1, 1],
        [0, 1],
        [0, 2],
      ],
      { 'kv:s': '"old"' },
      [{ 'kv:s': '"new"' }, { 'kv:s': '"old"' }],
    ),
    verdict: { kind: 'pass' },
  },
  {
    name: 'fails when the chain of self-generated events was cut at the bound',
    property: noSelfTriggerLoop,
    trace: { ...trace(selfChain, [], {}, []), selfChainCut: { depth: 4, event: eventId(1) } },
    verdict: { kind: 'fail', event: 1 },
  },
  {
    name: 'passes a chain that ended by itself',
    property: noSelfTriggerLoop,
    trace: trace(selfChain, [], {}, []),
    verdict: { kind: 'pass' },
  },
];

for (const property of [noLostUpdates, noStaleOverwrite, noSelfTriggerLoop]) {
  describe(property.id, () => {
    // A plain loop, not it.each: it.each quotes and truncates a long `$name`.
    for (const c of VERDICT_CASES.filter((v) => v.property === property)) {
      it(c.name, () => {
        const verdict = c.property.checkEvents?.(c.trace, S);
        // A pass carries nothing else; a failure is matched on the event (and request) it blames.
        if (c.verdict.kind === 'pass') expect(verdict).toEqual({ kind: 'pass' });
        else expect(verdict).toMatchObject(c.verdict);
      });
    }
  });
}

describe('what a many-events trace gives the properties to judge', () => {
  const served: [number, number][] = [
    [0, 1],
    [0, 2],
    [1, 1],
    [1, 2],
  ];

  it('judges lost updates and stale overwrites when two events read and wrote one stored value', () => {
    const t = trace(counterEvents, served, { 'kv:n': '2' }, [{ 'kv:n': '2' }, { 'kv:n': '2' }]);
    expect([noLostUpdates.judgedEvents?.(t, S), noStaleOverwrite.judgedEvents?.(t, S)]).toEqual([true, true]);
  });

  it('judges neither when each event touched a value of its own', () => {
    const own = [event(0, [kvs(1, 'get', 'a'), kvs(2, 'set', 'a', '1')]), event(1, [kvs(1, 'get', 'b'), kvs(2, 'set', 'b', '1')])];
    const t = trace(own, served, { 'kv:a': '1', 'kv:b': '1' }, []);
    expect([noLostUpdates.judgedEvents?.(t, S), noStaleOverwrite.judgedEvents?.(t, S)]).toEqual([false, false]);
  });

  it('judges a lost update, but no stale overwrite, when one event read what only the other wrote', () => {
    const readOnly = [event(0, [kvs(1, 'get', 'n')]), event(1, [kvs(1, 'set', 'n', '1')])];
    const t = trace(
      readOnly,
      [
        [0, 1],
        [1, 1],
      ],
      { 'kv:n': '1' },
      [],
    );
    expect([noLostUpdates.judgedEvents?.(t, S), noStaleOverwrite.judgedEvents?.(t, S)]).toEqual([true, false]);
  });

  it('judges self-triggering only when the handler produced an event of its own', () => {
    const alone = trace([event(0, [kvs(1, 'set', 'n', '1')])], [[0, 1]], { 'kv:n': '1' }, []);
    const self = trace([event(0, []), event(1, [], { selfGenerated: true, parent: eventId(0), depth: 1 })], [], {}, []);
    expect([noSelfTriggerLoop.judgedEvents?.(alone, S), noSelfTriggerLoop.judgedEvents?.(self, S)]).toEqual([false, true]);
  });
});
