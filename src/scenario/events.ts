/**
 * Many-events scenarios: a few changes to one Jira issue (created, updates of its status, summary or
 * labels, a comment), how late each event arrives, whether one is delivered twice, and the schedule:
 * at each step of the run, which of the deliveries that may go on does (the platform's free choice
 * between events and at each await). Every part shrinks towards fewer events, no duplicate and the
 * schedule of all zeros, which runs the events one after another in the order they happened.
 */
import fc from 'fast-check';
import type { EntityChange } from '../../models/events-trace.js';

/** One change to the issue, as the scenario makes it. */
export type IssueChange =
  | { readonly change: 'created' }
  | { readonly change: 'updated'; readonly field: 'status' | 'summary' | 'labels'; readonly to: string }
  | { readonly change: 'commented'; readonly body: string };

/** A many-events scenario. */
export interface EventsScenario {
  readonly changes: readonly IssueChange[];
  /** Seconds each event arrives after it happened (FORGE_FACTS: up to ~3 minutes late, 2026: 70); 0 past the end. */
  readonly lateness: readonly number[];
  /** At step i, pick choice `schedule[i]` (modulo their number) among the deliveries that may go on, ids ascending; 0 past the end. */
  readonly schedule: readonly number[];
  /** The event (by index) delivered once more after it completes (at-least-once), if any; past the last event: none. */
  readonly duplicate: number | undefined;
}

/** What a change is called in an events trace. */
export const changeKind = (c: IssueChange): EntityChange => c.change;

const STATUSES = ['To Do', 'In Progress', 'In Review', 'Done'] as const;

// Status changes are the commonest update (workflows move issues along) and the ones whose order matters most.
const update: fc.Arbitrary<IssueChange> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STATUSES).map((to) => ({ change: 'updated', field: 'status', to }) as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Checkout fails on Safari', 'Checkout fails on Safari 17').map((to) => ({ change: 'updated', field: 'summary', to }) as const),
  },
  { weight: 1, arbitrary: fc.constantFrom('urgent', 'customer').map((to) => ({ change: 'updated', field: 'labels', to }) as const) },
);

// No `chain` and no `filter`: fast-check shrinks each part on its own, so a failure shrinks to the fewest
// events, no lateness, no duplicate and the shortest schedule.
const changes: fc.Arbitrary<readonly IssueChange[]> = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof({ weight: 4, arbitrary: update }, { weight: 1, arbitrary: fc.constant({ change: 'commented', body: 'Seen again today' } as const) }), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([created, rest]) => (created ? [{ change: 'created' } as const, ...rest] : rest));

const lateness = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 180 }) },
  { weight: 1, arbitrary: fc.constant(4200) },
);

/**
 * Many-events scenarios: one to four events on one issue, their lateness, an optional duplicate, and
 * a schedule of up to 24 choices.
 *
 * @example
 * fc.sample(eventsScenarioArbitrary(), 1)[0].changes.length >= 1 // true
 */
export const eventsScenarioArbitrary = (): fc.Arbitrary<EventsScenario> =>
  fc.record({
    changes,
    lateness: fc.array(lateness, { maxLength: 4 }),
    schedule: fc.array(fc.nat(3), { maxLength: 24 }),
    // An index past the last event means none.
    duplicate: fc.option(fc.nat(3), { nil: undefined, freq: 4 }),
  });

/**
 * The pairs of events the exhaustive walk plays (two events, bounded awaits): two status changes one
 * minute apart (what a status mirror or a counter meets most), and a creation followed by an update (what
 * a handler on both triggers meets first). A walk path names a pair by its place here, so the order is
 * part of every walk path a report has printed: add new pairs at the end.
 */
export const EVENTS_WALK_PAIRS: readonly (readonly IssueChange[])[] = [
  [
    { change: 'updated', field: 'status', to: 'In Progress' },
    { change: 'updated', field: 'status', to: 'Done' },
  ],
  [{ change: 'created' }, { change: 'updated', field: 'status', to: 'In Progress' }],
];

/**
 * Steps of a run at which the walk of two events chooses which delivery goes on: every interleaving of
 * the first three requests of each (3 + 3); past them, the lowest event id goes on, as a schedule past its
 * end does.
 */
export const EVENTS_WALK_STEPS = 6;
