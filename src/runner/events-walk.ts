/**
 * The exhaustive walk of two events (issue 14): for each pair of EVENTS_WALK_PAIRS, every interleaving of
 * their deliveries over the first EVENTS_WALK_STEPS steps (three requests each), and the events their
 * writes produce, played in a fixed order: depth first, choices ascending, so the interleavings come in
 * the lexicographic order of their choices and the first failing one has the fewest and earliest
 * departures from running the events one after another. No lateness and no duplicate: which delivery
 * goes on at each await is what the walk covers; sampling covers the rest. Its replay path is `ew…`.
 */
import type { EventsTrace } from '../../models/events-trace.js';
import type { PropertyId } from '../../properties/catalog.js';
import type { RetryProperty } from '../../properties/types.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import { EVENTS_WALK_PAIRS, EVENTS_WALK_STEPS, type EventsScenario } from '../scenario/events.js';
import { CheckObserver } from './check-observer.js';
import { eventsFailures, eventsProperties, judgedByEvents, judgeEvents, playEvents, type EventsRounds } from './events-check.js';
import type { EventsWalkPath } from './replay-path.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { CheckFailure, CheckResult } from './results.js';
import { toResult } from './sampled.js';

/** The scenario of one interleaving: its choices padded with first choices to the walk's steps, so a replay plays the same. */
const walkScenario = (path: EventsWalkPath): EventsScenario => ({
  changes: EVENTS_WALK_PAIRS[path.pair] ?? [],
  lateness: [],
  schedule: [...path.choices, ...Array<number>(Math.max(0, EVENTS_WALK_STEPS - path.choices.length)).fill(0)],
  duplicate: undefined,
});

/** Plays one interleaving, noting how many choices each step had. */
const playWalk = async (handler: ForgeHandler, options: ResolvedOptions, path: EventsWalkPath): Promise<{ trace: EventsTrace; counts: number[] }> => {
  const counts: number[] = [];
  const trace = await playEvents(handler, options, walkScenario(path), (step, choices) => {
    counts[step] = choices;
  });
  return { trace, counts };
};

/**
 * The interleavings that depart from `choices` at a later step, in lexicographic order: at each step i
 * past the prefix (up to the walk's bound) with more than one delivery that could go on, every other choice.
 */
const departures = (choices: readonly number[], counts: readonly number[]): number[][] => {
  const next: number[][] = [];
  for (let i = EVENTS_WALK_STEPS - 1; i >= choices.length; i--)
    for (let j = 1; j < (counts[i] ?? 1); j++) next.push([...choices, ...Array<number>(i - choices.length).fill(0), j]);
  return next;
};

/**
 * Walks every interleaving of every pair for the selected many-events properties, reporting each
 * violated property at the first interleaving (in walk order) that violates it. Runs = interleavings
 * played. Runs nothing for async events, with manyEvents off, or when no selected property judges events.
 * Must run inside the harness lock.
 */
export const walkEvents = async (handler: ForgeHandler, options: ResolvedOptions): Promise<EventsRounds> => {
  let remaining: readonly RetryProperty<PropertyId>[] = eventsProperties(options);
  const all = remaining.map((p) => p.id);
  if (options.regime !== 'product-event' || options.manyEvents.runs === 0 || remaining.length === 0) return { runs: 0, failures: [], judged: [] };
  const judged = new Set<PropertyId>();
  const failures: CheckFailure[] = [];
  let runs = 0;
  for (let pair = 0; pair < EVENTS_WALK_PAIRS.length && remaining.length > 0; pair++) {
    const stack: number[][] = [[]];
    while (stack.length > 0 && remaining.length > 0) {
      const choices = stack.pop()!;
      const path: EventsWalkPath = { kind: 'events-walk', pair, choices };
      const { trace, counts } = await playWalk(handler, options, path);
      runs++;
      for (const id of judgedByEvents(trace, remaining, options.settings)) judged.add(id);
      const findings = judgeEvents(trace, remaining, options.settings);
      if (findings.length > 0) {
        const narrowed = remaining.length < all.length ? remaining.map((p) => p.id) : undefined;
        failures.push(...eventsFailures(handler, options, trace, findings, { path, narrowed, runs, shrinks: 0 }));
        for (const f of findings) judged.add(f.property);
        remaining = remaining.filter((p) => !findings.some((f) => f.property === p.id));
      }
      // Pushed last-first, so the smallest departure is walked next.
      stack.push(...departures(choices, counts).reverse());
    }
  }
  return { runs, failures, judged: all.filter((id) => judged.has(id)) };
};

/** Plays the one interleaving a walk path names, and reports what it violates. Must run inside the harness lock. */
export const replayEventsWalk = async (handler: ForgeHandler, options: ResolvedOptions, path: EventsWalkPath): Promise<CheckResult> => {
  const observer = new CheckObserver(options.properties, options.settings, options.payloadGiven);
  const properties = eventsProperties(options);
  const { trace } = await playWalk(handler, options, path);
  observer.noteJudged(judgedByEvents(trace, properties, options.settings));
  const findings = judgeEvents(trace, properties, options.settings);
  return toResult(options, 1, eventsFailures(handler, options, trace, findings, { path, narrowed: undefined, runs: 1, shrinks: 0 }), observer);
};
